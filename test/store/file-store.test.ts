import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createStore, openStore, storeFiles} from '../../src/store/file-store.js';
import {StoreError} from '../../src/store/port.js';
import {NOW, addPolicy, modeOf, readLinesOf, removeDir, sampleState, snapshot, tempDir} from './fixtures.js';

let root: string;
let dir: string;

beforeEach(() => {
  root = tempDir();
  dir = path.join(root, 'nested', 'store');
});
afterEach(() => removeDir(root));

const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 500};

describe('createStore', () => {
  it('creates the directory with its parents and the store files, readable again by openStore', async () => {
    await createStore(dir, sampleState(), [], options);
    const files = storeFiles(dir);
    for (const file of [files.state, files.messages, files.audit])
      expect(fs.statSync(file).isFile()).toBe(true);
    expect(fs.statSync(files.backups).isDirectory()).toBe(true);
    const store = await openStore(dir, options);
    expect(await store.read()).toEqual(sampleState());
  });

  it('creates every file 0600 in a private directory', async () => {
    await createStore(dir, sampleState(), [], options);
    const files = storeFiles(dir);
    for (const file of [files.state, files.messages, files.audit]) expect(modeOf(file)).toBe(0o600);
  });

  it.each([
    ['setgid', 0o2750],
    ['group-writable', 0o770],
  ])('creates the files 0660 when the directory is group-shared (%s)', async (_kind, dirMode) => {
    fs.mkdirSync(dir, {recursive: true});
    fs.chmodSync(dir, dirMode);
    await createStore(dir, sampleState(), [], options);
    const files = storeFiles(dir);
    for (const file of [files.state, files.messages, files.audit]) expect(modeOf(file)).toBe(0o660);
  });

  it('shares a directory it creates with the group when the parent directory is group-shared', async () => {
    fs.mkdirSync(path.dirname(dir), {recursive: true});
    fs.chmodSync(path.dirname(dir), 0o2770);
    await createStore(dir, sampleState(), [], options);
    expect(modeOf(dir)).toBe(0o2770);
    expect(modeOf(storeFiles(dir).state)).toBe(0o660);
  });

  it('refuses an existing store with StoreExists and leaves it untouched', async () => {
    await createStore(dir, sampleState(), [], options);
    const before = snapshot(dir);
    await expect(
      createStore(dir, sampleState({sipDomains: ['other.org']}), [], options),
    ).rejects.toMatchObject({
      code: 'StoreExists',
    });
    expect(snapshot(dir)).toEqual(before);
  });

  it('replaces an existing store when forced, keeping the old one as a backup', async () => {
    const first = await createStore(dir, sampleState(), [], options);
    await first.commit((fresh) => ({plan: addPolicy(fresh, 'old'), result: null}));
    const replaced = await createStore(dir, sampleState({sipDomains: ['other.org']}), [], {
      ...options,
      force: true,
    });
    expect((await replaced.read()).sipDomains).toEqual(['other.org']);
    expect([...replaced.ports().audit.scan({})]).toEqual([]);
    const [kept] = replaced.ports().backups.list();
    expect(kept).toMatchObject({reason: 'replaced by pchat init', revision: 1});
    const keptState = JSON.parse(
      fs.readFileSync(path.join(storeFiles(dir).backups, kept!.id, 'state.json'), 'utf8'),
    ) as {revision: number};
    expect(keptState.revision).toBe(1);
  });
});

describe('commit', () => {
  it('writes the plan and reads it back, one revision per commit', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    for (let i = 1; i <= 3; i += 1) {
      const outcome = await store.commit((fresh) => ({plan: addPolicy(fresh, `p${i}`), result: i}));
      expect(outcome).toEqual({result: i, revision: i, committed: true, backups: []});
    }
    const reopened = await openStore(dir, options);
    const state = await reopened.read();
    expect(state.revision).toBe(3);
    expect(state.policies.map((p) => p.identity)).toEqual(['Global', 'Tag:p1', 'Tag:p2', 'Tag:p3']);
  });

  it('appends one audit entry per commit with seq equal to the new revision', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    await store.commit((fresh) => ({plan: addPolicy(fresh, 'a'), result: null}));
    await store.commit((fresh) => ({plan: addPolicy(fresh, 'b'), result: null}));
    expect(readLinesOf(storeFiles(dir).audit)).toEqual([
      expect.objectContaining({
        seq: 1,
        revisionBefore: 0,
        revisionAfter: 1,
        time: NOW.toISOString(),
        targets: ['Tag:a'],
      }),
      expect.objectContaining({seq: 2, revisionBefore: 1, revisionAfter: 2, targets: ['Tag:b']}),
    ]);
    expect([...store.ports().audit.scan({limit: 1})].map((e) => e.seq)).toEqual([2]);
  });

  it('writes nothing at all for a null plan: same bytes, same mtimes, no lock left', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    await store.commit((fresh) => ({plan: addPolicy(fresh, 'a'), result: null}));
    const before = snapshot(dir);
    const outcome = await store.commit(() => ({plan: null, result: 'nothing'}));
    expect(outcome).toEqual({result: 'nothing', revision: 1, committed: false, backups: []});
    expect(snapshot(dir)).toEqual(before);
    expect(fs.existsSync(storeFiles(dir).lock)).toBe(false);
  });

  it('leaves no lock, journal or temp file behind after a commit', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    await store.commit((fresh) => ({plan: addPolicy(fresh, 'a'), result: null}));
    expect(fs.readdirSync(dir).sort()).toEqual([
      'audit.jsonl',
      'backups',
      'messages.jsonl',
      'state-changes.jsonl',
      'state.json',
    ]);
  });

  it('keeps a 0640 state file 0640 across commits', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    fs.chmodSync(storeFiles(dir).state, 0o640);
    for (let i = 0; i < 3; i += 1)
      await store.commit((fresh) => ({plan: addPolicy(fresh, `p${i}`), result: null}));
    expect(modeOf(storeFiles(dir).state)).toBe(0o640);
  });

  it('runs the change on the state as another store instance left it', async () => {
    const a = await createStore(dir, sampleState(), [], options);
    const b = await openStore(dir, options);
    await a.commit((fresh) => ({plan: addPolicy(fresh, 'from-a'), result: null}));
    await b.commit((fresh) => ({plan: addPolicy(fresh, 'from-b'), result: null}));
    const state = await a.read();
    expect(state.revision).toBe(2);
    expect(state.policies.map((p) => p.identity)).toEqual(['Global', 'Tag:from-a', 'Tag:from-b']);
  });

  it('queues concurrent commits of one instance and loses none', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    await Promise.all(
      Array.from({length: 10}, (_, i) =>
        store.commit((fresh) => ({plan: addPolicy(fresh, `q${i}`), result: null})),
      ),
    );
    const state = await store.read();
    expect(state.revision).toBe(10);
    expect(state.policies).toHaveLength(11);
  });

  it('releases the lock and writes nothing when the change throws', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    const before = snapshot(dir);
    await expect(
      store.commit(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a plan whose state could not be read back, and writes nothing', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    const before = snapshot(dir);
    const broken = {...sampleState(), sipDomains: 'example.org'} as unknown as ReturnType<typeof sampleState>;
    await expect(
      store.commit((fresh) => ({plan: {...addPolicy(fresh, 'x'), state: broken}, result: null})),
    ).rejects.toThrow(/malformed/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('read', () => {
  it('re-reads state.json only when it changed on disk', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    const first = await store.read();
    expect(await store.read()).toBe(first);
    const other = await openStore(dir, options);
    await other.commit((fresh) => ({plan: addPolicy(fresh, 'elsewhere'), result: null}));
    const second = await store.read();
    expect(second).not.toBe(first);
    expect(second.revision).toBe(1);
  });

  it('reports a store that disappeared as StoreNotFound, not as an empty store', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    fs.unlinkSync(storeFiles(dir).state);
    await expect(store.read()).rejects.toBeInstanceOf(StoreError);
    await expect(store.read()).rejects.toMatchObject({code: 'StoreNotFound', path: storeFiles(dir).state});
  });
});
