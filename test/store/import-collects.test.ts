// An import runs a full collection before it reads the archive, as an export does before it writes
// one, so that the garbage of the store's opening is not still held while the import's memory peaks
// (P6, collect-garbage.ts).

import fs from 'node:fs';
import {afterAll, describe, expect, it, vi} from 'vitest';
import {collectGarbage} from '../../src/store/collect-garbage.js';
import {exportData, importData} from '../../src/data-transfer.js';
import {POOL1, demoStore} from '../helpers/archive-stores.js';
import {tempDir} from '../helpers/pchat-process.js';

vi.mock('../../src/store/collect-garbage.js', () => ({collectGarbage: vi.fn()}));

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

describe("an import's collection of garbage", () => {
  it('collects before the archive is read, once for the opening of the store and once for the archive', async () => {
    const dir = await demoStore(root, 'collects');
    expect((await exportData(dir, {dbInstance: POOL1, fileName: 'a.zip'})).ok).toBe(true);
    vi.mocked(collectGarbage).mockClear();
    const run = await importData(dir, {dbInstance: POOL1, fileName: 'a.zip'});
    expect(run.ok).toBe(true);
    expect(run.committed).toBe(true);
    // One before data-transfer.ts opens the store, one before the archive is read (archive-read.ts);
    // the commit keeps the archive its plan read and checked, and reads it no second time.
    expect(collectGarbage).toHaveBeenCalledTimes(2);
  });
});
