import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createStore, openStore, storeFiles} from '../../src/store/file-store.js';
import {NOW, addPolicy, readLinesOf, removeDir, sampleState, tempDir} from './fixtures.js';

let root: string;
let dir: string;

beforeEach(() => {
  root = tempDir();
  dir = path.join(root, 'store');
});
afterEach(() => removeDir(root));

const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 500};

/** Rewrites every line of the audit log through `edit`, as another pchat version would have written it. */
const rewriteAudit = (edit: (entry: Record<string, unknown>) => Record<string, unknown>): void => {
  const file = storeFiles(dir).audit;
  const lines = readLinesOf(file).map((e) => `${JSON.stringify(edit(e as Record<string, unknown>))}\n`);
  fs.writeFileSync(file, lines.join(''));
};

describe('The audit log', () => {
  it('writes the warning ids and the origin of every entry', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    await store.commit((fresh) => {
      const plan = addPolicy(fresh, 'a');
      return {
        plan: {...plan, audit: {...plan.audit, warnings: ['NoActiveServers'], via: 'drill'}},
        result: null,
      };
    });
    expect(readLinesOf(storeFiles(dir).audit)).toEqual([
      expect.objectContaining({seq: 1, warnings: ['NoActiveServers'], via: 'drill'}),
    ]);
  });

  it('reads entries written before warnings and origin were recorded, and appends new ones after them', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    await store.commit((fresh) => ({plan: addPolicy(fresh, 'a'), result: null}));
    rewriteAudit(({warnings: _warnings, via: _via, ...old}) => old);

    const reopened = await openStore(dir, options);
    await reopened.commit((fresh) => ({plan: addPolicy(fresh, 'b'), result: null}));
    const entries = [...reopened.ports().audit.scan({})];
    expect(entries.map((e) => [e.seq, e.targets, e.warnings, e.via])).toEqual([
      [1, ['Tag:a'], undefined, undefined],
      [2, ['Tag:b'], [], 'exec'],
    ]);
  });

  it('refuses an entry whose origin this pchat does not know, naming the line', async () => {
    const store = await createStore(dir, sampleState(), [], options);
    await store.commit((fresh) => ({plan: addPolicy(fresh, 'a'), result: null}));
    rewriteAudit((entry) => ({...entry, via: 'telnet'}));
    expect(() => [...store.ports().audit.scan({})]).toThrow(/line 1 .* is not an audit entry \(via/);
  });
});
