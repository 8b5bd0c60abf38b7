// exportData and importData, the functions benchmarks call, run the same cmdlet lines as pchat exec.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {exportData, importData} from '../src/data-transfer.js';
import {tempDir} from './helpers/pchat-process.js';
import {POOL1, demoStore, emptyStore, run, sessionOn} from './helpers/archive-stores.js';

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
});
