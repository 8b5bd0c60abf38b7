// Half of an export's pass one, read in the zip writer's thread (room-lines-scan.ts, zip-bridge.ts
// startZip().scan): the lines of the asked rooms in that part of the log, in log order, as this
// thread reads them; null when a line there must be parsed, so that this thread reads it instead.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {readLineRooms} from '../../src/store/line-rooms.js';
import {startZip} from '../../src/store/zip-bridge.js';
import {tempDir} from '../helpers/pchat-process.js';

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

const line = (i: number, room: string): string =>
  `{"id":"m${i}","roomId":"${room}","text":"${'x'.repeat(i % 50)}"}\n`;

/** [room index, offset, length] of every line found in the writer's thread. */
function scanned(log: string, from: number, to: number, roomIds: string[]): number[][] | null {
  const dir = fs.mkdtempSync(path.join(root, 'zip-'));
  const zip = startZip(path.join(dir, 'out.zip'), path.join(dir, 'scratch'));
  try {
    const found = zip.scan({log, from, to, pieceBytes: 4096, roomIds}).wait();
    if (found === null) return null;
    const lines: number[][] = [];
    found.pieces.forEach((piece, k) => {
      for (let i = 0; i < Math.min(found.count - k * piece.room.length, piece.room.length); i++)
        lines.push([piece.room[i] as number, piece.offset[i] as number, piece.length[i] as number]);
    });
    return lines;
  } finally {
    zip.abandon();
  }
}

describe("the zip writer's thread reading part of an export's pass one", () => {
  it('finds the lines of the asked rooms in its part of the log, as this thread reads them', () => {
    const rooms = ['r0', 'r1', 'r2', 'rüm'];
    const text = Array.from({length: 140_000}, (_, i) => line(i, rooms[i % 4] ?? '')).join('');
    const log = path.join(root, 'log');
    fs.writeFileSync(log, text);
    const from = Buffer.from(text).indexOf(0x0a, 1000) + 1;
    const asked = ['rüm', 'r1'];
    const expected: number[][] = [];
    const fd = fs.openSync(log, 'r');
    readLineRooms(fd, from, Buffer.byteLength(text), (roomId, start, end) => {
      if (asked.includes(roomId)) expected.push([asked.indexOf(roomId), start, end - start]);
    });
    fs.closeSync(fd);
    expect(expected.length).toBeGreaterThan(1 << 16);
    expect(scanned(log, from, Buffer.byteLength(text), asked)).toEqual(expected);
  });

  it('answers null when a line in its part must be parsed', () => {
    const log = path.join(root, 'reordered');
    fs.writeFileSync(log, line(1, 'r1') + '{"roomId":"r1","id":"m2"}\n' + line(3, 'r1'));
    expect(scanned(log, 0, fs.statSync(log).size, ['r1'])).toBeNull();
  });
});
