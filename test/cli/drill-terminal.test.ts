import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runDrillCommand} from '../../src/cli/run-drill.js';
import {createStore, type FileStore} from '../../src/store/file-store.js';
import {DEMO_POOL, demoDeployment, stateFrom} from '../helpers/demo.js';

const stores: FileStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) {
    store.close();
    fs.rmSync(path.dirname(store.dir), {recursive: true, force: true});
  }
});

async function demoOnDisk(): Promise<FileStore> {
  const user = os.userInfo().username;
  const demo = stateFrom(demoDeployment());
  const state = {...demo, operators: [...demo.operators, {name: user, roles: ['CsAdministrator' as const]}]};
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-drill-terminal-')), 's');
  const store = await createStore(dir, state, []);
  stores.push(store);
  return store;
}

const options = {
  procedure: 'failover' as const,
  live: true,
  yes: false,
  faults: [],
  resume: false,
  force: false,
  json: true,
};

/** A terminal that answers each question with `answer` and keeps what was asked. */
const terminal = (answer: (question: string) => string) => {
  const asked: string[] = [];
  return {
    asked,
    askLine: (question: string) => {
      asked.push(question);
      return Promise.resolve(answer(question));
    },
  };
};

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {out, err, io: {out: (t: string) => void out.push(t), err: (t: string) => void err.push(t)}};
};

describe('pchat drill --live on a terminal', () => {
  it('asks for the pool name before each high-impact step and for each acknowledgement, then runs them', async () => {
    const store = await demoOnDisk();
    const t = terminal((q) => (q.includes('Type ') ? DEMO_POOL : 'y'));
    const output = io();
    expect(await runDrillCommand(store, {...options, askLine: t.askLine}, output.io)).toBe(0);
    expect(t.asked.map((q) => q.split('\n')[1])).toEqual([
      'Step 2 of 7: Copy the backup files not yet copied',
      'Step 3 of 7: Apply the transaction-log backups not yet applied',
      'Step 5 of 7: Fail the pool over to the backup database',
      'Step 7 of 7: Make the servers beside the backup database active',
    ]);
    expect(t.asked[2]).toContain(`Type ${DEMO_POOL} to confirm: `);
    const pool = (await store.read()).topology.persistentChatPools.find((p) => p.fqdn === DEMO_POOL);
    expect(pool?.poolState).toBe('FailedOver');
  });

  it('stops before a high-impact step whose pool name was mistyped, and changes nothing more', async () => {
    const store = await demoOnDisk();
    const t = terminal((q) => (q.includes('Type ') ? 'pc1' : 'y'));
    const output = io();
    expect(await runDrillCommand(store, {...options, askLine: t.askLine}, output.io)).toBe(2);
    expect(output.err.join('')).toContain(
      'step 5 of 7 (Fail the pool over to the backup database) was not confirmed',
    );
    const pool = (await store.read()).topology.persistentChatPools.find((p) => p.fqdn === DEMO_POOL);
    expect(pool?.poolState).toBe('Normal');
    expect(pool?.stores.backup?.online).toBe(true);
  });
});
