import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {copySpan, spanChunks, spanLines} from '../../src/store/span-lines.js';
import {removeDir, tempDir} from './fixtures.js';

let root: string;
let file: string;
const before = Buffer.from('{"other":"entry"}\n');
const lines = ['{"a":"héllo wörld ✓ 𝄞"}', '', '{"b":2}', '{"c":"last"}'];
const span = Buffer.from(`${lines.join('\n')}\n`);
const after = Buffer.from('{"next":"entry"}\n');

beforeEach(() => {
  root = tempDir();
  file = path.join(root, 'entries');
  fs.writeFileSync(file, Buffer.concat([before, span, after]));
});
afterEach(() => removeDir(root));

const spanOf = () => ({file, start: before.length, bytes: span.length});

describe('spanLines', () => {
  it.each([1, 2, 3, 7, 64, 1 << 20])(
    'reads the lines of the span alone, numbered within it, in chunks of %i bytes',
    (chunkBytes) => {
      const seen: Buffer[] = [];
      const read = [...spanLines(spanOf(), chunkBytes, (bytes) => seen.push(Buffer.from(bytes)))];
      expect(read.map((l) => l.text)).toEqual(lines);
      expect(read.map((l) => l.number)).toEqual([1, 2, 3, 4]);
      expect(read.map((l) => l.offset)).toEqual(
        lines.map(
          (_, i) =>
            before.length +
            Buffer.byteLength(
              lines
                .slice(0, i)
                .map((l) => `${l}\n`)
                .join(''),
            ),
        ),
      );
      expect(Buffer.concat(seen)).toEqual(span);
    },
  );

  it('leaves out bytes after the last newline, though it shows them as seen', () => {
    const seen: Buffer[] = [];
    const cut = {...spanOf(), bytes: span.length - 3};
    const read = [...spanLines(cut, 5, (bytes) => seen.push(Buffer.from(bytes)))];
    expect(read.map((l) => l.text)).toEqual(lines.slice(0, 3));
    expect(Buffer.concat(seen)).toEqual(span.subarray(0, span.length - 3));
  });

  it('refuses a line that is not UTF-8, naming it', () => {
    const bad = Buffer.from('{"a":1}\n{"b":"\xff"}\n', 'latin1');
    fs.writeFileSync(file, Buffer.concat([before, bad]));
    expect(() => [...spanLines({file, start: before.length, bytes: bad.length}, 4)]).toThrow(
      expect.objectContaining({code: 'StoreDamaged', message: expect.stringContaining('line 2') as unknown}),
    );
  });
});

describe('copySpan', () => {
  it('copies exactly the span', () => {
    const out = path.join(root, 'out');
    const fd = fs.openSync(out, 'w');
    try {
      copySpan(spanOf(), fd, (to, bytes) => fs.writeSync(to, bytes));
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.readFileSync(out)).toEqual(span);
  });
});

describe('the buffer the reads of spans share', () => {
  // Spans of a few KiB, past the 4 KiB that Buffer.allocUnsafe takes from its shared pool.
  const big = (start: number) => ({file, start, bytes: 6000});
  beforeEach(() => {
    fs.writeFileSync(file, Buffer.from(Array.from({length: 20_000}, (_, i) => i % 251)));
  });

  it('is taken again by the next read of a span, rather than a buffer allocated for each', () => {
    const buffers = [0, 6000, 12_000].map((start) => {
      const chunks = [...spanChunks(big(start))].map((c) => c.buffer);
      expect(chunks).toHaveLength(1);
      return chunks[0];
    });
    expect(buffers[1]).toBe(buffers[0]);
    expect(buffers[2]).toBe(buffers[0]);
  });

  it('is not lent to a read while another read holds it, and each reads its own bytes', () => {
    const whole = fs.readFileSync(file);
    const outer = spanChunks(big(0), 1000);
    const first = Buffer.from(outer.next().value as Buffer);
    // Each chunk is valid until the next is asked for: copied as it comes.
    const inner = Array.from(spanChunks(big(6000), 1000), (c) => Buffer.from(c));
    expect(Buffer.concat(inner)).toEqual(whole.subarray(6000, 12_000));
    expect(first).toEqual(whole.subarray(0, 1000));
    const rest = Array.from(outer, (c) => Buffer.from(c));
    expect(Buffer.concat(rest)).toEqual(whole.subarray(1000, 6000));
  });
});
