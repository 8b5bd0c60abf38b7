// A PostgreSQL store is named by a URL: postgres://user@host:port/db (a Unix socket directory as
// ?host=/run/postgresql). Whatever the URL leaves out comes from libpq's PG* variables (PGHOST,
// PGPORT, PGUSER, PGDATABASE, PGPASSWORD) and the password from ~/.pgpass (ignored when its group or
// others may read it, as libpq does), both through the pg client. A password never goes on the
// command line, where `ps` shows it to everyone: a URL holding one is refused.

import os from 'node:os';
import path from 'node:path';
import {parse} from 'pg-connection-string';
import {StoreError} from '../port.js';

export interface PgTarget {
  /** The URL without any password, for every message. */
  readonly label: string;
  /** Only what the URL gives: the pg client fills the rest from PG* and ~/.pgpass. */
  readonly connection: {
    readonly host?: string;
    readonly port?: number;
    readonly user?: string;
    readonly database?: string;
  };
}

export const isPostgresUrl = (store: string): boolean => /^postgres(ql)?:\/\//i.test(store);

/** Why the URL cannot be used as it is (a password in it), or null. */
export function urlProblem(url: string): string | null {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(url);
  } catch {
    return `${redactUrl(url)} is not a PostgreSQL URL.`;
  }
  return parsed.password
    ? `The store URL ${redactUrl(url)} holds a password, which anyone can read on the command line (ps) and in the shell's history. Remove it from the URL and give it in PGPASSWORD or ~/.pgpass (mode 0600).`
    : null;
}

export function parseTarget(url: string): PgTarget {
  const problem = urlProblem(url);
  if (problem !== null) throw new StoreError('StoreUnsafe', problem, redactUrl(url));
  const parsed = parse(url);
  const port = parsed.port ? Number(parsed.port) : undefined;
  const connection = {
    ...(parsed.host ? {host: parsed.host} : {}),
    ...(port !== undefined && Number.isInteger(port) ? {port} : {}),
    ...(parsed.user ? {user: parsed.user} : {}),
    ...(parsed.database ? {database: parsed.database} : {}),
  };
  return {label: redactUrl(url), connection};
}

/** The URL with any password taken out: user:secret@ becomes user@, and a password= parameter goes. */
export const redactUrl = (text: string): string =>
  text
    .replace(/(postgres(?:ql)?:\/\/[^/@\s:]*):[^@\s]*@/gi, '$1@')
    .replace(/([?&])password=[^&\s]*&?/gi, '$1')
    .replace(/[?&]$/, '');

/**
 * Spec note: a PostgreSQL store keeps its rows in the database, but the files an operator exports
 * (Export-Csv, Out-File, compliance output, drill reports) are local: they go under
 * `$PCHAT_STATE_DIR` (else `$XDG_STATE_HOME/pchat`, else ~/.local/state/pchat), in
 * postgres/<host>-<port>-<database>/exports/, on the host that ran the command. Export archives are
 * operator's files too: Export-CsPersistentChatData writes, and Import-CsPersistentChatData -FileName
 * reads, only there, under the confinement rule of exports.ts, and archives are staged in the folder
 * above exports/.
 */
export function localDirOf(target: PgTarget, env: Readonly<Record<string, string | undefined>>): string {
  const state =
    env['PCHAT_STATE_DIR'] ||
    path.join(env['XDG_STATE_HOME'] || path.join(os.homedir(), '.local', 'state'), 'pchat');
  const {host, port, database} = target.connection;
  const name = [
    host ?? env['PGHOST'] ?? 'localhost',
    port ?? env['PGPORT'] ?? 5432,
    database ?? env['PGDATABASE'] ?? 'default',
  ]
    .map((part) => String(part).replace(/[^A-Za-z0-9._-]+/g, '_'))
    .join('-');
  return path.join(state, 'postgres', name);
}
