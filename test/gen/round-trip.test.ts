// The round trip of issue 9 on a small generated store, the one `npm run bench` makes of L (P6):
// every pool exported, then imported into a store with the same topology and no content
// (withoutContent). Every Get answers alike and each room's messages are the same bytes; imported
// back over the store they came from, the archives leave each room's messages as they were.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {exportData, importData} from '../../src/data-transfer.js';
import {generateStore} from '../../src/gen/generate.js';
import type {Size} from '../../src/gen/sizes.js';
import {withoutContent} from '../../src/gen/without-content.js';
import {writeStore} from '../../src/gen/write-store.js';
import {linesByRoom, run, sessionOn} from '../helpers/archive-stores.js';
import {demoDeployment} from '../helpers/demo.js';
import {tempDir} from '../helpers/pchat-process.js';

const root = tempDir('pchat-round-trip-');
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

const GETS = [
  'Get-CsPersistentChatCategory',
  'Get-CsPersistentChatRoom',
  'Get-CsPersistentChatAddin',
  'Get-CsUser',
  'Get-CsPersistentChatPolicy',
  'Get-CsPersistentChatConfiguration',
];

async function everyGet(dir: string): Promise<Record<string, string>> {
  const session = await sessionOn(dir);
  const out: Record<string, string> = {};
  for (const line of GETS) out[line] = JSON.stringify((await run(session, line)).output);
  for (const room of session.state.rooms) {
    const identity = `${room.poolFqdn}\\${room.name}`;
    out[identity] = JSON.stringify((await run(session, `Get-PcChatMessage -Room "${identity}"`)).output);
  }
  session.store.close();
  return out;
}

describe('a round trip of a generated store', () => {
  it("every Get output is equal and each room's messages are the same bytes", async () => {
    const size: Size = {rooms: 40, users: 120, messages: 600};
    const generated = generateStore(size, {demo: demoDeployment(), initUser: os.userInfo().username});
    const source = path.join(root, 'source');
    const target = path.join(root, 'target');
    await writeStore(source, generated.state, generated.messages);
    await writeStore(target, withoutContent(generated.state), []);
    fs.mkdirSync(path.join(target, 'exports'), {mode: 0o700});
    for (const [i, pool] of generated.state.topology.persistentChatPools.entries()) {
      const dbInstance = `${pool.stores.primary.sqlFqdn}\\${pool.stores.primary.instance}`;
      const fileName = `pool${i}.zip`;
      expect((await exportData(source, {dbInstance, fileName})).errors).toEqual([]);
      fs.copyFileSync(path.join(source, 'exports', fileName), path.join(target, 'exports', fileName));
      const imported = await importData(target, {dbInstance, fileName});
      expect(imported.errors).toEqual([]);
      expect(imported.committed).toBe(true);
      // A caller that keeps the answer while it runs the next transfer keeps no store state with it.
      expect(imported).not.toHaveProperty('state');
      expect(imported).not.toHaveProperty('effects');
    }
    expect(await everyGet(target)).toEqual(await everyGet(source));
    const lines = linesByRoom(target);
    expect([...lines.values()].join('').split('\n').length - 1).toBe(size.messages);
    expect(lines).toEqual(linesByRoom(source));

    // Back over the store they came from: every room is overwritten, its messages replaced by the same.
    let replacedRooms = 0;
    for (const [i, pool] of generated.state.topology.persistentChatPools.entries()) {
      const dbInstance = `${pool.stores.primary.sqlFqdn}\\${pool.stores.primary.instance}`;
      const imported = await importData(source, {dbInstance, fileName: `pool${i}.zip`});
      expect(imported.errors).toEqual([]);
      const replaced = (imported.output as {Action: string; Kind: string}[]).filter(
        (o) => o.Kind === 'Messages' && o.Action === 'Overwrite',
      );
      replacedRooms += replaced.length;
    }
    expect(replacedRooms).toBeGreaterThan(8);
    expect(linesByRoom(source)).toEqual(lines);
  });
});
