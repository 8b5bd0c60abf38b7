// A PostgreSQL store when things go wrong: the server lost in the middle of a commit, a read that
// cannot get its rows, a server that is not there, a password on the command line. And the live
// refresh: another handle's commit is announced, and a lost connection is reported and re-made.

import {spawn} from 'node:child_process';
import path from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {createPgStore, openPgStore, type PgStore} from '../../../src/store/pg/pg-store.js';
import {psql} from '../../helpers/pg-cluster.js';
import {clusterBin, newDatabase} from '../../helpers/pg-test-cluster.js';
import {freePort} from '../../helpers/pg-cluster.js';
import {pchat} from '../../helpers/pchat-process.js';
import {addPolicy, sampleState} from '../fixtures.js';

const open: PgStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

async function newStore(options: {timeoutMs?: number} = {}): Promise<{url: string; store: PgStore}> {
  const url = newDatabase();
  (await createPgStore(url, {state: sampleState(), messages: [], audit: []})).close();
  const store = await openPgStore(url, options);
  open.push(store);
  return {url, store};
}

const terminate = (url: string, which: string): string =>
  psql(
    {bin: clusterBin()},
    url,
    `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'pchat' AND datname = current_database() AND ${which}`,
  );

it('loses nothing half-written when the server drops the connection in the middle of a commit, and says so', async () => {
  const {url, store} = await newStore();
  const error = await store
    .commit((fresh) => {
      // The store's own connection is cut while its transaction is open.
      expect(terminate(url, "state = 'idle in transaction'").trim()).toBe('1');
      return {plan: addPolicy(fresh, 'lost'), result: null};
    })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({code: 'StoreIoError'});
  expect((error as Error).message).toMatch(
    /^Cannot reach PostgreSQL at postgres:\/\/pchat@127\.0\.0\.1:\d+\/t_\w+: .*Nothing was saved/,
  );
  const again = await openPgStore(url);
  open.push(again);
  const state = await again.read();
  expect([state.revision, state.policies.length]).toEqual([0, 1]);
  expect([...again.ports().audit.scan({})]).toEqual([]);
  // The same handle reconnects for the next command.
  expect((await store.commit((fresh) => ({plan: addPolicy(fresh, 'next'), result: null}))).revision).toBe(1);
});

it('gives up on a read that waits for rows another session holds, instead of hanging', async () => {
  const {url, store} = await newStore({timeoutMs: 500});
  const holder = spawn(
    path.join(clusterBin(), 'psql'),
    [
      '-X',
      '-q',
      '-d',
      url,
      '-c',
      'BEGIN; LOCK TABLE pchat_collections IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(4); COMMIT;',
    ],
    {stdio: 'ignore'},
  );
  const exited = new Promise((resolve) => holder.on('exit', resolve));
  try {
    await new Promise((resolve) => setTimeout(resolve, 700));
    const started = Date.now();
    const error = await store.read().catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toMatchObject({code: 'StoreIoError'});
    expect((error as Error).message).toMatch(/took too long to answer .*Nothing was saved\./);
  } finally {
    holder.kill();
    await exited;
  }
});

it('announces another handle’s commit to a watcher within a second', async () => {
  const {url, store} = await newStore();
  const other = await openPgStore(url);
  open.push(other);
  const seen = new Promise<number>((resolve) => {
    const started = Date.now();
    store.watch(() => resolve(Date.now() - started));
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await other.commit((fresh) => ({plan: addPolicy(fresh, 'elsewhere'), result: null}));
  expect(await seen).toBeLessThan(1300);
  expect((await store.read()).revision).toBe(1);
});

it('reports a lost live connection as reconnecting, and connected again once it is back', async () => {
  const {url, store} = await newStore();
  let calls = 0;
  store.watch(() => (calls += 1));
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(store.connection()).toBe('connected');
  terminate(url, "query = 'LISTEN pchat_commit'");
  await expect.poll(() => store.connection(), {timeout: 2000}).toBe('reconnecting');
  await expect.poll(() => store.connection(), {timeout: 6000}).toBe('connected');
  // Commits may have been missed meanwhile: the watcher is called once on reconnecting.
  expect(calls).toBeGreaterThanOrEqual(1);
});

it('exits 3 with a clear message when the server is not there', async () => {
  const port = await freePort();
  const run = pchat([
    'exec',
    '--store',
    `postgres://pchat@127.0.0.1:${port}/none`,
    'Get-CsPersistentChatState',
  ]);
  expect(run.status).toBe(3);
  expect(run.stderr).toBe(
    `pchat: Cannot reach PostgreSQL at postgres://pchat@127.0.0.1:${port}/none: connect ECONNREFUSED 127.0.0.1:${port}. Nothing was saved; check the server and the network, then run the command again.\n`,
  );
});

it('refuses a password in the store URL (exit 2), and never repeats it', () => {
  const run = pchat([
    'exec',
    '--store',
    'postgres://pchat:s3cret@127.0.0.1:1/db',
    'Get-CsPersistentChatState',
  ]);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('give it in PGPASSWORD or ~/.pgpass (mode 0600)');
  expect(run.stderr).toContain('postgres://pchat@127.0.0.1:1/db');
  expect(run.stdout + run.stderr).not.toContain('s3cret');
});

it('says there is no store in a database without one, and how to make it', () => {
  const url = newDatabase();
  const run = pchat(['exec', '--store', url, 'Get-CsPersistentChatState']);
  expect(run.status).toBe(3);
  expect(run.stderr).toBe(
    `pchat: There is no pchat store at ${url}. Create one with: pchat init --store ${url}\n`,
  );
});
