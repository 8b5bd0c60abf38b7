// A state written as serializeState writes it (JSON.stringify(state, null, 2) and a newline), in
// pieces. A checkpoint and a backup write the whole state; on L that is 32 MB of text, held as one
// string (two bytes a character as soon as one name is not Latin-1) and then as one buffer, and the
// two were the peak of an import's commit (P6: +62 MiB of heap and +31 MiB of buffers at the
// checkpoint of its second pool). Piece by piece, the state's text is never whole in memory.

import {createHash} from 'node:crypto';
import fs from 'node:fs';
import type {ChatState} from '../domain/types.js';
import {createExclusive, io, removeQuietly, storeIo, writeAll, type FileOwner} from './durable-fs.js';
import {withinLimit} from './state-file.js';
import type {DecodeLimits} from './decode.js';

const GAP = '  ';
/**
 * Values this deep are one JSON.stringify each; those above are laid out here. Three levels reach
 * each user of the directory (state.directory.users[i]) and each field of a room, so no one string
 * is large: a string past V8's regular object size lives in the large-object space, which only a full
 * collection frees, and thousands of them grew the heap by 100 MB during one checkpoint.
 */
const SPREAD_DEPTH = 3;
/** Written in blocks of this size, each encoded into the same buffer. */
const BLOCK_BYTES = 1 << 16;

/** A plain object or array, which JSON.stringify lays out from its own keys alone (no toJSON). */
const spreadable = (value: unknown): value is object =>
  Array.isArray(value) ||
  (typeof value === 'object' &&
    value !== null &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null) &&
    typeof (value as {toJSON?: unknown}).toJSON !== 'function');

/** JSON.stringify(value, null, 2) at `indent`, or undefined where JSON.stringify gives undefined. */
function* laidOut(value: unknown, indent: string, depth: number): Generator<string | undefined> {
  if (depth >= SPREAD_DEPTH || !spreadable(value)) {
    const text = JSON.stringify(value, null, GAP) as string | undefined;
    // JSON.stringify escapes a newline inside a string, so every newline here is layout.
    yield text === undefined || indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = indent + GAP;
  const isArray = Array.isArray(value);
  let first = true;
  for (const [key, item] of isArray ? value.entries() : Object.entries(value)) {
    const parts = laidOut(item, inner, depth + 1);
    const head = parts.next();
    if (head.done === true || head.value === undefined) {
      if (!isArray) continue;
    }
    yield `${first ? (isArray ? '[' : '{') : ','}\n${inner}${isArray ? '' : `${JSON.stringify(key)}: `}`;
    first = false;
    yield head.done === true || head.value === undefined ? 'null' : head.value;
    yield* parts;
  }
  yield first ? (isArray ? '[]' : '{}') : `\n${indent}${isArray ? ']' : '}'}`;
}

/** serializeState(state), in parts: joined, they are exactly that text. */
export function* stateTextParts(state: ChatState): Generator<string> {
  for (const part of laidOut(state, '', 0)) if (part !== undefined) yield part;
  yield '\n';
}

/**
 * Writes `state` as state.json text into the new file `file`, fsynced; returns its size and
 * SHA-256. With `limits`, a text over the store's read limit is refused as serializeWithin refuses
 * it (naming `named`), and the file is removed.
 */
export function writeStateText(
  file: string,
  state: ChatState,
  owner: FileOwner,
  check?: {named: string; limits?: DecodeLimits},
): {bytes: number; sha256: string} {
  const hash = createHash('sha256');
  const block = Buffer.allocUnsafe(BLOCK_BYTES);
  let used = 0;
  let bytes = 0;
  const fd = createExclusive(file, owner);
  const put = (chunk: Buffer): void => {
    hash.update(chunk);
    bytes += writeAll(fd, chunk);
  };
  try {
    io('write', file, () => {
      for (const part of stateTextParts(state)) {
        // A UTF-16 code unit is at most 3 bytes of UTF-8.
        if (part.length * 3 > BLOCK_BYTES - used) {
          put(block.subarray(0, used));
          used = 0;
        }
        if (part.length * 3 > BLOCK_BYTES) put(Buffer.from(part, 'utf8'));
        else used += block.write(part, used, 'utf8');
      }
      put(block.subarray(0, used));
      storeIo.fsync(fd);
    });
  } finally {
    fs.closeSync(fd);
  }
  try {
    if (check) withinLimit(bytes, check.named, check.limits);
  } catch (error) {
    removeQuietly(file);
    throw error;
  }
  return {bytes, sha256: hash.digest('hex')};
}
