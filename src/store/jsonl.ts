// JSON Lines: read synchronously in fixed-size chunks (memory stays bounded however long the log),
// and written so that a line can neither break into two nor hide terminal tricks when paged.

import fs from 'node:fs';
import sjson from 'secure-json-parse';
import {damaged} from './decode.js';
import {io} from './durable-fs.js';
import {terminalSafeJson} from '../domain/text-chars.js';

const {O_RDONLY, O_NOFOLLOW} = fs.constants;

export interface JsonLine {
  readonly text: string;
  /** Byte offset of the line's first byte. */
  readonly offset: number;
  /** 1-based. */
  readonly number: number;
  /** False for a last line without its newline: an append still in progress or cut short. */
  readonly complete: boolean;
}

export const DEFAULT_CHUNK_BYTES = 1 << 16;

const utf8 = new TextDecoder('utf-8', {fatal: true});

/**
 * Lines of `file` as it was when the scan started (a later append is not read; a replacement by
 * rename does not disturb an open scan). Stopping early closes the file.
 */
export function* readLines(file: string, chunkBytes: number = DEFAULT_CHUNK_BYTES): Generator<JsonLine> {
  const fd = io('open', file, () => fs.openSync(file, O_RDONLY | O_NOFOLLOW));
  try {
    const end = fs.fstatSync(fd).size;
    const chunk = Buffer.allocUnsafe(chunkBytes);
    let carry: Buffer = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    let number = 0;
    while (position < end) {
      const n = io('read', file, () =>
        fs.readSync(fd, chunk, 0, Math.min(chunkBytes, end - position), position),
      );
      if (n === 0) break;
      let start = 0;
      for (let nl = chunk.indexOf(0x0a, 0); nl >= 0 && nl < n; nl = chunk.indexOf(0x0a, start)) {
        const bytes =
          carry.length > 0 ? Buffer.concat([carry, chunk.subarray(start, nl)]) : chunk.subarray(start, nl);
        const offset = carry.length > 0 ? carryOffset : position + start;
        number += 1;
        yield {text: decodeLine(bytes, file, offset), offset, number, complete: true};
        carry = Buffer.alloc(0);
        start = nl + 1;
      }
      if (start < n) {
        if (carry.length === 0) carryOffset = position + start;
        carry = Buffer.concat([carry, chunk.subarray(start, n)]);
      }
      position += n;
    }
    if (carry.length > 0)
      yield {
        text: decodeLine(carry, file, carryOffset),
        offset: carryOffset,
        number: number + 1,
        complete: false,
      };
  } finally {
    fs.closeSync(fd);
  }
}

function decodeLine(bytes: Uint8Array, file: string, offset: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw damaged(file, `the line at byte offset ${offset} is not valid UTF-8`);
  }
}

/** Parses one line; a line that is not JSON (or carries `__proto__`) makes the file damaged at that offset. */
export function parseLine(line: JsonLine, file: string): unknown {
  try {
    return sjson.parse(line.text, null, {protoAction: 'error', constructorAction: 'error'}) as unknown;
  } catch {
    throw damaged(file, `line ${line.number} (byte offset ${line.offset}) is not valid JSON`);
  }
}

/**
 * One value as one line (with its newline): CR, LF, ESC are escaped by JSON, and the characters a
 * terminal or log viewer would act on (C1, bidi, separators, invisible ones) by terminalSafeJson;
 * as \u escapes they read back identically and show as what they are.
 */
export const toJsonLine = (value: unknown): string => `${terminalSafeJson(JSON.stringify(value))}\n`;
