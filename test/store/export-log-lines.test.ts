// An export that takes every line whole reads each log line's room from its bytes, as the message
// index does (line-rooms.ts), and copies the line byte for byte. A line not in the store's own form
// is parsed instead, and a line that is no JSON at all stops the export as damage, with no archive.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {dbInstances, demoStore, entriesOf, run, sessionOn} from '../helpers/archive-stores.js';
import {tempDir} from '../helpers/pchat-process.js';

let root: string;

beforeAll(() => {
  root = tempDir();
});
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

const logOf = (dir: string): string => path.join(dir, 'messages.jsonl');

/** Every pool's archive as bytes: the message entries' text by room id. */
async function exportedRooms(dir: string): Promise<Map<string, string>> {
  const session = await sessionOn(dir);
  const rooms = new Map<string, string>();
  for (const db of dbInstances()) {
    await run(session, `$b = Export-CsPersistentChatData -DBInstance "${db}" -AsBytes`);
    const entries = await entriesOf((session.variables.get('b') as {data: Uint8Array}).data);
    const text = (name: string): string => entries.find((e) => e.name === name)?.data.toString('utf8') ?? '';
    const content = JSON.parse(text('content.json')) as {roomId: string; entry: string}[];
    for (const room of content) rooms.set(room.roomId, text(room.entry));
  }
  session.store.close();
  return rooms;
}

describe("an export reads a log line's room from its bytes", () => {
  it("puts a line written with its keys in another order in its room's entry, as the log holds it", async () => {
    const dir = await demoStore(root, 'reordered');
    const lines = fs.readFileSync(logOf(dir), 'utf8').split('\n').slice(0, -1);
    const first = JSON.parse(lines[0] ?? '') as {id: string; roomId: string};
    const {id, roomId, ...rest} = first;
    // Not `{"id":…,"roomId":…`: its room cannot be read from where the store writes it.
    const reordered = JSON.stringify({...rest, roomId, id});
    expect(reordered.startsWith('{"id":"')).toBe(false);
    fs.writeFileSync(logOf(dir), [reordered, ...lines.slice(1)].map((l) => `${l}\n`).join(''));
    const rooms = await exportedRooms(dir);
    expect(rooms.get(roomId)?.split('\n')[0]).toBe(reordered);
    const ofRoom = lines.filter((l) => (JSON.parse(l) as {roomId: string}).roomId === roomId);
    expect(rooms.get(roomId)?.split('\n').length).toBe(ofRoom.length + 1);
  });

  it('stops at a line that is no JSON, reports the log as damaged and writes no archive', async () => {
    const dir = await demoStore(root, 'damaged');
    fs.appendFileSync(logOf(dir), 'not a message\n');
    const session = await sessionOn(dir);
    const result = await session.run(
      `Export-CsPersistentChatData -DBInstance "${dbInstances()[0] ?? ''}" -FileName "pool.zip"`,
    );
    session.store.close();
    expect(result.storeFailure).toMatchObject({kind: 'StoreDamaged', path: logOf(dir)});
    expect(fs.existsSync(path.join(dir, 'exports', 'pool.zip'))).toBe(false);
  });
});
