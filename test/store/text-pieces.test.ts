import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {PIECE_BYTES, readTextInPieces} from '../../src/store/text-pieces.js';
import {removeDir, tempDir} from './fixtures.js';

let root: string;
beforeEach(() => {
  root = tempDir();
});
afterEach(() => removeDir(root));

function read(bytes: Buffer, size = bytes.length) {
  const file = path.join(root, 'text');
  fs.writeFileSync(file, bytes);
  const fd = fs.openSync(file, 'r');
  try {
    return readTextInPieces(fd, file, size);
  } finally {
    fs.closeSync(fd);
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('readTextInPieces', () => {
  // Characters of 2, 3 and 4 bytes, placed so that one of each is cut by a piece's end at every
  // offset it can be cut at.
  it.each(['é', '✓', '𝄞'])('decodes %s cut by the end of a piece as one character', (character) => {
    const width = Buffer.byteLength(character);
    for (let shift = 1; shift < width; shift++) {
      const text = `${'a'.repeat(PIECE_BYTES - shift)}${character}${'b'.repeat(PIECE_BYTES)}${character}!`;
      const bytes = Buffer.from(text, 'utf8');
      expect(read(bytes)).toEqual({text, sha256: sha256(bytes)});
    }
  });

  it('reads an empty file and a file shorter than a piece', () => {
    expect(read(Buffer.alloc(0))).toEqual({text: '', sha256: sha256(Buffer.alloc(0))});
    const bytes = Buffer.from('{"a":"b"}\n');
    expect(read(bytes)).toEqual({text: '{"a":"b"}\n', sha256: sha256(bytes)});
  });

  it('answers null when the file holds more or fewer bytes than it was said to', () => {
    const bytes = Buffer.from('x'.repeat(3 * PIECE_BYTES));
    expect(read(bytes, bytes.length - 1)).toBeNull();
    expect(read(bytes, bytes.length + 1)).toBeNull();
  });
});
