// The export's second pass: the rooms' lines gathered out of the log into one file, room after room.
// Checked against the plain answer (each room's lines, in log order, one after another) with groups
// small enough that rooms share a group, a room fills one alone, and a room is larger than a group;
// each group is told of once it is written, so the zip writer can deflate it while the next is copied.

import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {copyRoomLines, LogLines, type CopiedRoom} from '../../src/store/room-lines-copy.js';
import {tempDir} from '../helpers/pchat-process.js';

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

/** A log of `count` lines spread over `rooms` rooms unevenly (room 0 gets most), with their places. */
function writeLog(file: string, count: number, rooms: number): {lines: LogLines; texts: string[][]} {
  const lines = new LogLines();
  const texts: string[][] = Array.from({length: rooms}, () => []);
  const parts: string[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const room = i % 3 === 0 ? 0 : (i * 7) % rooms;
    const text = `{"n":${i},"room":${room},"pad":"${'é'.repeat(i % 50)}"}\n`;
    const bytes = Buffer.byteLength(text);
    lines.push(room, offset, bytes);
    texts[room]?.push(text);
    parts.push(text);
    offset += bytes;
  }
  fs.writeFileSync(file, parts.join(''));
  return {lines, texts};
}

describe('copyRoomLines', () => {
  it.each([
    ['one group for every room', 1 << 30, 3000],
    ['groups of a few rooms, room 0 larger than a group', 4096, 3000],
    ['a group per room', 1, 3000],
    // LogLines holds 65,536 lines a piece.
    ['more lines than a piece of LogLines holds', 1 << 20, 140_000],
  ])('gives each room its own lines in log order, with its hash and count: %s', (_, groupBytes, count) => {
    const dir = fs.mkdtempSync(path.join(root, 'copy-'));
    const log = path.join(dir, 'messages.jsonl');
    const {lines, texts} = writeLog(log, count, 40);
    const file = path.join(dir, 'staged');
    const copied = copyRoomLines(log, lines, [], texts.length, file, groupBytes);
    const staged = fs.readFileSync(file);
    expect(copied).toHaveLength(texts.length);
    let start = 0;
    for (const [room, own] of texts.entries()) {
      const expected = Buffer.from(own.join(''));
      const span = copied[room];
      expect(span).toEqual({
        start,
        bytes: expected.length,
        sha256: createHash('sha256').update(expected).digest('hex'),
        messages: own.length,
      });
      expect(staged.subarray(start, start + expected.length).equals(expected)).toBe(true);
      start += expected.length;
    }
    expect(staged.length).toBe(start);
  });

  it('tells of each group of rooms, in order, once its bytes are in the file', () => {
    const dir = fs.mkdtempSync(path.join(root, 'told-'));
    const log = path.join(dir, 'messages.jsonl');
    const {lines, texts} = writeLog(log, 3000, 40);
    const file = path.join(dir, 'staged');
    const groups: number[] = [];
    const told: CopiedRoom[] = [];
    const copied = copyRoomLines(log, lines, [], texts.length, file, 16384, (rooms) => {
      groups.push(rooms.length);
      const last = rooms[rooms.length - 1] as CopiedRoom;
      expect(fs.statSync(file).size).toBe(last.start + last.bytes);
      told.push(...rooms);
    });
    expect(told).toEqual(copied);
    expect(groups.length).toBeGreaterThan(2);
    expect(groups.some((n) => n > 1)).toBe(true);
  });

  it('gives a table built after another was released only its own lines', () => {
    const dir = fs.mkdtempSync(path.join(root, 'released-'));
    const first = writeLog(path.join(dir, 'first.jsonl'), 140_000, 40);
    copyRoomLines(path.join(dir, 'first.jsonl'), first.lines, [], 40, path.join(dir, 'first-staged'));
    first.lines.release();
    expect(first.lines.count).toBe(0);
    const log = path.join(dir, 'second.jsonl');
    const {lines, texts} = writeLog(log, 3000, 7);
    const file = path.join(dir, 'second-staged');
    const copied = copyRoomLines(log, lines, [], texts.length, file);
    expect(copied.map((room) => room.messages)).toEqual(texts.map((own) => own.length));
    expect(fs.readFileSync(file, 'utf8')).toBe(texts.map((own) => own.join('')).join(''));
  });

  it('takes a replaced line from its replacement, not from the log', () => {
    const dir = fs.mkdtempSync(path.join(root, 'replaced-'));
    const log = path.join(dir, 'messages.jsonl');
    fs.writeFileSync(log, '{"a":1}\n{"b":2}\n');
    const lines = new LogLines();
    lines.push(0, 0, 8);
    lines.push(0, -1, 10);
    const file = path.join(dir, 'staged');
    copyRoomLines(log, lines, ['{"b":"x"}\n'], 1, file);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":"x"}\n');
  });

  it('refuses a log that ends before a line it was told of', () => {
    const dir = fs.mkdtempSync(path.join(root, 'cut-'));
    const log = path.join(dir, 'messages.jsonl');
    fs.writeFileSync(log, '{"a":1}\n');
    const lines = new LogLines();
    lines.push(0, 0, 8);
    lines.push(0, 8, 8);
    expect(() => copyRoomLines(log, lines, [], 1, path.join(dir, 'staged'))).toThrow(/ended before/);
  });
});
