// An export asks for a full collection before it takes its large buffers, where the process exposes
// the collector (the console's export child: EXPORT_NODE_FLAGS), so that the garbage of the store's
// opening is not still held when its memory peaks (P6). Elsewhere it does without.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, describe, expect, it, vi} from 'vitest';
import {exportData} from '../../src/data-transfer.js';
import {POOL1, demoStore} from '../helpers/archive-stores.js';
import {tempDir} from '../helpers/pchat-process.js';

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));
const exposed = globalThis as {gc?: () => void};
const before = exposed.gc;
afterEach(() => {
  if (before === undefined) delete exposed.gc;
  else exposed.gc = before;
});

describe("an export's collection of garbage", () => {
  it('collects once before the archive is written, when the process exposes the collector', async () => {
    const dir = await demoStore(root, 'exposed');
    const gc = vi.fn();
    exposed.gc = gc;
    const run = await exportData(dir, {dbInstance: POOL1, fileName: 'a.zip'});
    expect(run.ok).toBe(true);
    expect(gc).toHaveBeenCalledTimes(1);
    expect(fs.statSync(path.join(dir, 'exports', 'a.zip')).size).toBeGreaterThan(0);
  });

  it('exports as before when the process does not expose it', async () => {
    const dir = await demoStore(root, 'hidden');
    delete exposed.gc;
    const run = await exportData(dir, {dbInstance: POOL1, fileName: 'b.zip'});
    expect(run.ok).toBe(true);
    expect(fs.statSync(path.join(dir, 'exports', 'b.zip')).size).toBeGreaterThan(0);
  });
});
