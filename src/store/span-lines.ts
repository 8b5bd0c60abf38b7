// The lines of one span of a file: an archive's entry, staged with every other entry of the archive
// in one file (archive-read.ts), is checked and appended from there. One file for the archive, not
// one per room: creating, opening and removing 10,000 files a pool was most of an import's zip time
// (P6).

import fs from 'node:fs';
import type {StagedSpan} from '../domain/ports.js';
import {io} from './durable-fs.js';
import {lineAt, type JsonLine} from './jsonl.js';

const {O_RDONLY, O_NOFOLLOW} = fs.constants;
const CHUNK_BYTES = 1 << 20;
const EMPTY = Buffer.alloc(0);
const utf8 = new TextDecoder('utf-8', {fatal: true});

/** A plain line object for each line (a million of them): lineAt only for the error naming a bad one. */
function decoded(bytes: Buffer, file: string, offset: number, number: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return lineAt(bytes, file, offset, () => number).text;
  }
}

/**
 * The buffer a read of a span borrows, while no other read holds it. An import reads some 5,000
 * spans a pool, a few KiB each, twice (checked and hashed in one read, then appended): a buffer for
 * each read, sized to its span, was memory outside the heap that only the collector gave back, and
 * each one went through malloc, whose freed pieces stayed in the process (P6: the import's commit
 * grew malloc's heap by 27 MiB appending the spans, which the process kept to its end).
 */
let spare: Buffer | null = null;

function borrow(bytes: number): Buffer {
  const lent = spare;
  if (lent !== null && lent.length >= bytes) {
    spare = null;
    return lent;
  }
  return Buffer.allocUnsafe(Math.max(bytes, CHUNK_BYTES));
}

/** The span's bytes, in chunks of at most `chunkBytes`; each is valid until the next is asked for. */
export function* spanChunks(span: StagedSpan, chunkBytes: number = CHUNK_BYTES): Generator<Buffer> {
  const {file} = span;
  const fd = io('open', file, () => fs.openSync(file, O_RDONLY | O_NOFOLLOW));
  const buffer = borrow(Math.max(Math.min(chunkBytes, span.bytes), 1));
  try {
    const chunk = buffer.subarray(0, Math.max(Math.min(chunkBytes, span.bytes), 1));
    const end = span.start + span.bytes;
    for (let position = span.start; position < end;) {
      const n = io('read', file, () =>
        fs.readSync(fd, chunk, 0, Math.min(chunk.length, end - position), position),
      );
      if (n === 0) return;
      yield chunk.subarray(0, n);
      position += n;
    }
  } finally {
    fs.closeSync(fd);
    // Read by whoever is given a chunk only until the next one is asked for, or the span ends.
    spare = buffer;
  }
}

/**
 * The complete lines of the span, as regions of whole lines, each with the file offset it starts at
 * and valid until the next is asked for; bytes after its last newline are no line. `seen` is given
 * every byte of the span, in order, as it is read.
 */
export function* spanRegions(
  span: StagedSpan,
  chunkBytes?: number,
  seen?: (bytes: Buffer) => void,
): Generator<{readonly region: Buffer; readonly base: number}> {
  // The bytes of the current line before this chunk are in `carry`.
  let carry: Buffer = EMPTY;
  let position = span.start;
  for (const chunk of spanChunks(span, chunkBytes)) {
    seen?.(chunk);
    const complete = chunk.lastIndexOf(0x0a) + 1;
    const base = position - carry.length;
    position += chunk.length;
    if (complete === 0) {
      carry = Buffer.concat([carry, chunk]);
      continue;
    }
    const whole = chunk.subarray(0, complete);
    yield {region: carry.length > 0 ? Buffer.concat([carry, whole]) : whole, base};
    // A copy: the chunk's buffer is read into again.
    carry = complete < chunk.length ? Buffer.from(chunk.subarray(complete)) : EMPTY;
  }
}

/** The line region[start, end) (its newline left out) of a region that starts at file offset `base`. */
export const regionLine = (
  region: Buffer,
  start: number,
  end: number,
  file: string,
  base: number,
  number: number,
): JsonLine => ({
  text: decoded(region.subarray(start, end), file, base + start, number),
  offset: base + start,
  number,
});

/**
 * The complete lines of the span, numbered from 1 within it (offsets are the file's); bytes after
 * its last newline are no line. `seen` is given every byte of the span, in order, as it is read.
 */
export function* spanLines(
  span: StagedSpan,
  chunkBytes?: number,
  seen?: (bytes: Buffer) => void,
): Generator<JsonLine> {
  let number = 0;
  for (const {region, base} of spanRegions(span, chunkBytes, seen))
    for (let start = 0; start < region.length;) {
      const end = region.indexOf(0x0a, start);
      number += 1;
      yield regionLine(region, start, end, span.file, base, number);
      start = end + 1;
    }
}

/** Copies the span's bytes to the open file `out`, at its end. */
export function copySpan(span: StagedSpan, out: number, write: (fd: number, bytes: Buffer) => void): void {
  for (const chunk of spanChunks(span)) write(out, chunk);
}
