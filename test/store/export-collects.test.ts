// An export runs a full collection before it takes its large buffers, and an import before it reads
// the archive, so that the garbage of the store's opening is not still held when the transfer's
// memory peaks (P6, collect-garbage.ts).

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it, vi} from 'vitest';
import type * as collector from '../../src/store/collect-garbage.js';
import {collectGarbage} from '../../src/store/collect-garbage.js';
import {exportData, importData} from '../../src/data-transfer.js';
import {POOL1, demoStore} from '../helpers/archive-stores.js';
import {tempDir} from '../helpers/pchat-process.js';

vi.mock('../../src/store/collect-garbage.js', () => ({collectGarbage: vi.fn()}));

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

describe("an export's collection of garbage", () => {
  it('collects before the archive is written, once for the opening of the store and once for the export', async () => {
    const dir = await demoStore(root, 'collects');
    vi.mocked(collectGarbage).mockClear();
    const run = await exportData(dir, {dbInstance: POOL1, fileName: 'a.zip'});
    expect(run.ok).toBe(true);
    // One before data-transfer.ts opens the store, one before the archive's passes (archive-write.ts).
    expect(collectGarbage).toHaveBeenCalledTimes(2);
    expect(fs.statSync(path.join(dir, 'exports', 'a.zip')).size).toBeGreaterThan(0);
  });
});

describe("an import's collection of garbage", () => {
  it('collects before the archive is read, once for the opening of the store and once for the archive', async () => {
    const dir = await demoStore(root, 'import-collects');
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

describe('the collector itself', () => {
  it('frees what nothing holds, in a process started without --expose-gc', async () => {
    const real = await vi.importActual<typeof collector>('../../src/store/collect-garbage.js');
    expect(process.execArgv).not.toContain('--expose-gc');
    const dropped = new WeakRef({bytes: new Uint8Array(1 << 20)});
    // A WeakRef's target is kept to the end of the job that made or read it.
    await new Promise((resolve) => setImmediate(resolve));
    real.collectGarbage();
    expect(dropped.deref()).toBeUndefined();
  });
});
