// ~/.pgpass against a server that asks for a password: the cluster requires scram-sha-256 over TCP
// from PASSWORD_ROLE (test/helpers/pg-cluster.ts). A .pgpass of mode 0600 gives it; one that group or
// others may read is ignored with libpq's warning, and the connection is refused; a password in the
// URL is refused and appears nowhere: not on stdout, not on stderr, not in the audit log.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {PASSWORD_ROLE, psql} from '../../helpers/pg-cluster.js';
import {pchat, tempDir} from '../../helpers/pchat-process.js';
import {clusterBin, newDatabase} from '../../helpers/pg-test-cluster.js';

const SECRET = 'Pgpass-s3cret-7f2c';
const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));
const home = path.join(root, 'home');
const pgpass = path.join(home, '.pgpass');
const env = {HOME: home, PCHAT_STATE_DIR: path.join(root, 'state')};

let url: string;
let withSecret: string;

beforeAll(() => {
  const admin = newDatabase();
  const cluster = {bin: clusterBin()};
  psql(
    cluster,
    admin,
    `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${PASSWORD_ROLE}') THEN CREATE ROLE ${PASSWORD_ROLE} LOGIN; END IF; END $$`,
  );
  psql(cluster, admin, `ALTER ROLE ${PASSWORD_ROLE} PASSWORD '${SECRET}'`);
  const database = new URL(admin).pathname.slice(1);
  psql(cluster, admin, `ALTER DATABASE "${database}" OWNER TO ${PASSWORD_ROLE}`);
  const {host, port} = new URL(admin);
  url = `postgres://${PASSWORD_ROLE}@${host}/${database}`;
  withSecret = `postgres://${PASSWORD_ROLE}:${SECRET}@${host}/${database}`;
  fs.mkdirSync(home, {mode: 0o700});
  fs.writeFileSync(pgpass, `127.0.0.1:${port}:${database}:${PASSWORD_ROLE}:${SECRET}\n`, {mode: 0o600});
});

it('connects with the password of a ~/.pgpass of mode 0600', () => {
  fs.chmodSync(pgpass, 0o600);
  const init = pchat(['init', '--store', url], {env});
  expect(init.stderr).toBe('');
  expect(init.status).toBe(0);
  const get = pchat(['exec', '--store', url, '--json', 'Get-PcAuditEntry -Last 5'], {env});
  expect(get.status).toBe(0);
  expect(get.stdout).toContain(PASSWORD_ROLE);
});

it('ignores a ~/.pgpass that others may read, with the warning, and the server refuses the connection', () => {
  fs.chmodSync(pgpass, 0o644);
  const run = pchat(['exec', '--store', url, 'Get-CsPersistentChatState'], {env});
  fs.chmodSync(pgpass, 0o600);
  expect(run.status).toBe(3);
  expect(run.stderr).toContain(`password file "${pgpass}" has group or world access`);
  expect(run.stderr).toContain('asks for a password: give it in PGPASSWORD or ~/.pgpass (mode 0600');
  expect(run.stdout + run.stderr).not.toContain(SECRET);
});

it('refuses a password in the URL and never prints or records it', () => {
  const run = pchat(
    ['exec', '--store', withSecret, 'Set-CsPersistentChatState -Identity global -PoolState Normal'],
    {
      env,
    },
  );
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('holds a password');
  expect(run.stdout + run.stderr).not.toContain(SECRET);
  const audit = pchat(['exec', '--store', url, '--json', 'Get-PcAuditEntry'], {env});
  expect(audit.status).toBe(0);
  expect(audit.stdout).not.toContain(SECRET);
  expect(
    psql({bin: clusterBin()}, url.replace(PASSWORD_ROLE, 'pchat'), 'SELECT body::text FROM pchat_audit'),
  ).not.toContain(SECRET);
});
