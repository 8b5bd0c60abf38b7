import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {copySpan, spanLines} from '../../src/store/span-lines.js';
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
