// A throwaway PostgreSQL cluster for the tests: initdb in a temporary directory, a server on a Unix
// socket in that directory and on a free local TCP port, stopped and removed at the end. The server
// refuses to run as root, so as root it runs as the user `postgres` (the Debian package's), else
// `nobody`, through setpriv. Where the binaries are missing the tests that need them fail with the
// reason: .ci/run installs them.

import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The one role the cluster asks for a password (scram-sha-256 over TCP); every other is trusted. */
export const PASSWORD_ROLE = 'pchat_password';

export interface Cluster {
  /** postgres://pchat@127.0.0.1:PORT/pchat_test: the superuser `pchat`, trusted locally. */
  readonly url: (database?: string) => string;
  readonly port: number;
  readonly socketDir: string;
  readonly bin: string;
  /** Runs a PostgreSQL program as the cluster's owner. */
  readonly run: (program: string, args: readonly string[]) => string;
  stop(): void;
}

export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  let versions: string[];
  try {
    versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v));
  } catch {
    return null;
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

const owner = (): {uid: number; gid: number} | null => {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], {encoding: 'utf8'}).trim());
      const gid = Number(execFileSync('id', ['-g', name], {encoding: 'utf8'}).trim());
      return {uid, gid};
    } catch {
      // not on this machine
    }
  }
  throw new Error('Running as root, with neither a postgres nor a nobody user to run PostgreSQL as.');
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin();
  if (bin === null)
    throw new Error(
      'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): install it with `apt-get install -y postgresql`, as .ci/run does.',
    );
  const user = owner();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-pg-'));
  if (user) {
    fs.chownSync(dir, user.uid, user.gid);
    // The server's user must reach its directory through the parents.
    for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
      const mode = fs.statSync(d).mode;
      if ((mode & 0o001) === 0) fs.chmodSync(d, (mode & 0o7777) | 0o001);
    }
  }
  const prefix = user ? ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups'] : [];
  const run = (program: string, args: readonly string[]): string => {
    const [command, ...rest] = [...prefix, path.join(bin, program), ...args];
    return execFileSync(command as string, rest, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: dir,
    });
  };
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'pchat', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    // Everyone is trusted but PASSWORD_ROLE, which must give its password over TCP (the ~/.pgpass tests).
    const hba = path.join(data, 'pg_hba.conf');
    fs.writeFileSync(
      hba,
      `host all ${PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n${fs.readFileSync(hba, 'utf8')}`,
    );
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`,
      'start',
    ]);
  } catch (error) {
    fs.rmSync(dir, {recursive: true, force: true});
    const e = error as {stderr?: string; message: string};
    throw new Error(`Could not start a throwaway PostgreSQL: ${e.stderr ?? e.message}`, {cause: error});
  }
  const cluster: Cluster = {
    url: (database = 'postgres') => `postgres://pchat@127.0.0.1:${port}/${database}`,
    port,
    socketDir: dir,
    bin,
    run,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone: the directory is removed all the same.
      }
      fs.rmSync(dir, {recursive: true, force: true});
    },
  };
  return cluster;
}

/** A new, empty database on the cluster, for one test file. */
export function createDatabase(cluster: Pick<Cluster, 'url' | 'bin'>, name: string): string {
  psql(cluster, cluster.url(), `CREATE DATABASE "${name}"`);
  return cluster.url(name);
}

/** Runs SQL with psql (as any user: the cluster trusts local connections); its output. */
export const psql = (cluster: Pick<Cluster, 'bin'>, url: string, sql: string): string =>
  execFileSync(
    path.join(cluster.bin, 'psql'),
    ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
