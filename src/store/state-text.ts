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
 * Arrays this deep or less, and objects less deep, are laid out here; anything else is one
 * JSON.stringify. That reaches each user of the directory (state.directory.users[i]) and each room,
 * so no one string is large: a string past V8's regular object size lives in the large-object space,
 * which only a full collection frees, and thousands of them grew the heap by 100 MB during one
 * checkpoint. A room (about 1 KB) is one string: laid out field by field, the state took twice as
 * long to write.
 */
const ARRAY_DEPTH = 2;
const OBJECT_DEPTH = 1;
/** Written in blocks of this size, each encoded into the same buffer. */
const BLOCK_BYTES = 1 << 16;

/** Whether `value` is laid out here: a plain object or array (JSON.stringify takes its own keys alone). */
function spreads(value: unknown, depth: number): value is object {
  if (Array.isArray(value)) return depth <= ARRAY_DEPTH;
  if (depth > OBJECT_DEPTH || typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return (
    (proto === Object.prototype || proto === null) &&
    typeof (value as {toJSON?: unknown}).toJSON !== 'function'
  );
}

/** JSON.stringify(value, null, 2) at `indent`; undefined where JSON.stringify gives undefined. */
function leaf(value: unknown, indent: string): string | undefined {
  const text = JSON.stringify(value, null, GAP) as string | undefined;
  // JSON.stringify escapes a newline inside a string, so every newline here is layout.
  return text === undefined || indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}

function layOut(value: object, indent: string, depth: number, emit: (part: string) => void): void {
  const inner = indent + GAP;
  const isArray = Array.isArray(value);
  const keys = isArray ? null : Object.keys(value);
  const length = keys === null ? (value as unknown[]).length : keys.length;
  let first = true;
  for (let i = 0; i < length; i++) {
    const key = keys === null ? i : (keys[i] as string);
    const item = (value as Record<string | number, unknown>)[key];
    const spread = spreads(item, depth + 1);
    const text = spread ? '' : leaf(item, inner);
    if (text === undefined && !isArray) continue;
    emit(`${first ? (isArray ? '[' : '{') : ','}\n${inner}${isArray ? '' : `${JSON.stringify(key)}: `}`);
    first = false;
    if (spread) layOut(item, inner, depth + 1, emit);
    else emit(text ?? 'null');
  }
  emit(first ? (isArray ? '[]' : '{}') : `\n${indent}${isArray ? ']' : '}'}`);
}

/** Gives `emit` serializeState(state) in parts: joined, they are exactly that text. */
export function layOutState(state: ChatState, emit: (part: string) => void): void {
  if (spreads(state, 0)) layOut(state, '', 0, emit);
  else emit(leaf(state, '') ?? '');
  emit('\n');
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
      layOutState(state, (part) => {
        // A UTF-16 code unit is at most 3 bytes of UTF-8.
        if (part.length * 3 > BLOCK_BYTES - used) {
          put(block.subarray(0, used));
          used = 0;
        }
        if (part.length * 3 > BLOCK_BYTES) put(Buffer.from(part, 'utf8'));
        else used += block.write(part, used, 'utf8');
      });
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
