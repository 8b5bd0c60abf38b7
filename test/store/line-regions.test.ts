import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {lineRegions} from '../../src/store/line-regions.js';
import {tempDir} from '../helpers/pchat-process.js';

describe('the log read as regions of complete lines', () => {
  it('hands out every complete line once, in order, at its offset, whatever the piece size', () => {
    const dir = tempDir();
    fc.assert(
      fc.property(
        fc.array(
          fc.string({maxLength: 40}).map((s) => s.replace(/\n/g, ' ')),
          {maxLength: 30},
        ),
        fc.string({maxLength: 10}).map((s) => s.replace(/\n/g, ' ')),
        fc.integer({min: 1, max: 64}),
        fc.nat(20),
        (lines, tail, pieceBytes, skip) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join('') + tail);
          const file = path.join(dir, 'log');
          fs.writeFileSync(file, bytes);
          const from = Math.min(skip, bytes.indexOf(0x0a) + 1);
          const complete = bytes.lastIndexOf(0x0a) + 1;
          const fd = fs.openSync(file, 'r');
          try {
            const seen: Buffer[] = [];
            let next = from;
            for (const {region, base} of lineRegions(fd, from, bytes.length, pieceBytes)) {
              expect(base).toBe(next);
              expect(region[region.length - 1]).toBe(0x0a);
              seen.push(Buffer.from(region));
              next = base + region.length;
            }
            expect(Buffer.concat(seen).equals(bytes.subarray(from, Math.max(from, complete)))).toBe(true);
          } finally {
            fs.closeSync(fd);
          }
        },
      ),
      {numRuns: 300},
    );
  });
});
