// The file store counts each room's messages from the bytes of its log's lines (room-counts.ts), for
// an import's plan: the same counts a scan of every message gives, a line in another form parsed,
// and null (a scan instead) when a line cannot be read that way.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {countByRoom} from '../../src/store/room-counts.js';
import {demoStore, linesByRoom} from '../helpers/archive-stores.js';
import {tempDir} from '../helpers/pchat-process.js';

let root: string;

beforeAll(() => {
  root = tempDir();
});
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

const lineCounts = (dir: string): Map<string, number> =>
  new Map([...linesByRoom(dir)].map(([room, text]) => [room, text.split('\n').length - 1]));

describe('counting the messages of each room from the log bytes', () => {
  it('gives every room the number of its lines, a line with its keys in another order included', async () => {
    const dir = await demoStore(root, 'counted');
    const log = path.join(dir, 'messages.jsonl');
    const lines = fs.readFileSync(log, 'utf8').split('\n').slice(0, -1);
    const {id, roomId, ...rest} = JSON.parse(lines[0] ?? '') as {id: string; roomId: string};
    fs.writeFileSync(
      log,
      [JSON.stringify({...rest, roomId, id}), ...lines.slice(1)].map((l) => `${l}\n`).join(''),
    );
    const counts = countByRoom(log);
    expect(counts).toEqual(lineCounts(dir));
    expect([...(counts?.values() ?? [])].reduce((a, b) => a + b, 0)).toBe(lines.length);
  });

  it('leaves a log with a line that is no JSON to a scan, which reports it', async () => {
    const dir = await demoStore(root, 'damaged');
    const log = path.join(dir, 'messages.jsonl');
    fs.appendFileSync(log, 'not a message\n');
    expect(countByRoom(log)).toBeNull();
  });
});
