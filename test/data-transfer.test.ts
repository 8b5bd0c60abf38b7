// exportData and importData, the functions benchmarks call, run the same cmdlet lines as pchat exec.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {exportData, exportPools, importData} from '../src/data-transfer.js';
import {tempDir} from './helpers/pchat-process.js';
import {
  POOL1,
  dbInstances,
  demoStore,
  emptyStore,
  entriesOf,
  run,
  sessionOn,
} from './helpers/archive-stores.js';

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

describe('exportData and importData', () => {
  it("carry a pool's rooms from one store to another", async () => {
    const source = await demoStore(root);
    const target = await emptyStore(root);
    const exported = await exportData(source, {
      dbInstance: POOL1,
      fileName: "rooms 'a'.zip",
    });
    expect(exported.errors).toEqual([]);
    fs.mkdirSync(path.join(target, 'exports'), {mode: 0o700});
    fs.copyFileSync(path.join(source, 'exports', "rooms 'a'.zip"), path.join(target, 'exports', 'rooms.zip'));
    const imported = await importData(target, {dbInstance: POOL1, fileName: 'rooms.zip'});
    expect(imported.errors).toEqual([]);
    const rooms = async (dir: string) => (await run(await sessionOn(dir), 'Get-CsPersistentChatRoom')).output;
    expect(await rooms(target)).toEqual(await rooms(source));
  });

  it('exportPools writes each pool the archive exportData writes for it, every entry but the manifest alike', async () => {
    const source = await demoStore(root, 'pools');
    const pools = dbInstances();
    expect(pools.length).toBeGreaterThan(1);
    const together = await exportPools(
      source,
      pools.map((dbInstance, i) => ({dbInstance, fileName: `together-${i}.zip`})),
    );
    expect(together.map((r) => [r.ok, r.errors])).toEqual(pools.map(() => [true, []]));
    const entries = async (name: string) =>
      (await entriesOf(fs.readFileSync(path.join(source, 'exports', name))))
        .filter((e) => e.name !== 'manifest.json')
        .map((e) => [e.name, e.data.toString('utf8')]);
    const names: string[] = [];
    for (const [i, dbInstance] of pools.entries()) {
      expect((await exportData(source, {dbInstance, fileName: `alone-${i}.zip`})).errors).toEqual([]);
      const alone = await entries(`alone-${i}.zip`);
      expect(await entries(`together-${i}.zip`)).toEqual(alone);
      names.push(...alone.map(([name]) => name ?? ''));
    }
    expect(names.filter((name) => name.startsWith('messages/')).length).toBeGreaterThan(0);
  });
});
