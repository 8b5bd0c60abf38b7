// A leftover journal is checked against the files before anything is done with it: one that does
// not match (a lie, or one from another store) is refused with a message, and nothing is changed.

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createStore, openStore, storeFiles} from '../../src/store/file-store.js';
import {NOW, addPolicy, message, removeDir, sampleState, snapshot, tempDir} from './fixtures.js';

let root: string;
let dir: string;
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 300};

beforeEach(async () => {
  root = tempDir();
  dir = path.join(root, 'store');
  await createStore(dir, sampleState(), [message(1)], options);
  const store = await openStore(dir, options);
  for (const name of ['a', 'b', 'c', 'd'])
    await store.commit((fresh) => ({plan: addPolicy(fresh, name), result: null}));
});
afterEach(() => removeDir(root));

const lyingJournal = (overrides: Record<string, unknown> = {}): string => {
  const line = `${JSON.stringify({seq: 4, revisionBefore: 3, revisionAfter: 4})}\n`;
  return JSON.stringify({
    version: 1,
    token: 'feedc0de',
    revisionBefore: 3,
    revisionAfter: 4,
    messages: {kind: 'unchanged'},
    audit: {sizeBefore: 0, line},
    backups: [],
    exports: [],
    ...overrides,
  });
};

describe('a leftover journal that does not match the files', () => {
  it.each([
    ['claims the current revision and an empty audit log before it', {}],
    [
      'claims the revision before the current one and an empty audit log',
      {revisionBefore: 4, revisionAfter: 5},
    ],
    ['skips a revision', {revisionBefore: 2, revisionAfter: 4}],
    [
      'claims a message log larger than it is',
      {messages: {kind: 'append', temp: 'messages.jsonl.feedc0de.append.tmp', sizeBefore: 1_000_000}},
    ],
  ])('is refused when it %s, and the audit log keeps every entry', async (_name, overrides) => {
    const files = storeFiles(dir);
    fs.writeFileSync(files.journal, lyingJournal(overrides));
    const before = snapshot(dir);
    const error = await openStore(dir, options).catch((e: unknown) => e);
    expect(error).toMatchObject({code: 'StoreDamaged', path: files.journal});
    expect((error as Error).message).toMatch(/does not match/);
    expect((error as Error).message).toContain(`mv ${files.journal}`);
    expect(snapshot(dir)).toEqual(before);
    expect(fs.readFileSync(files.audit, 'utf8').split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('once moved aside as the message says, leaves a store that opens with its history intact', async () => {
    const files = storeFiles(dir);
    fs.writeFileSync(files.journal, lyingJournal());
    fs.renameSync(files.journal, `${files.journal}.rejected`);
    const store = await openStore(dir, options);
    expect([...store.ports().audit.scan({})].map((a) => a.seq)).toEqual([1, 2, 3, 4]);
  });
});
