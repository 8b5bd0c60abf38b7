// Bytes of a JSON file → a plain value, or a StoreDamaged error that names the file, the byte offset
// and the cause. Never a silent repair: invalid UTF-8 is not turned into U+FFFD, a BOM is not skipped,
// `__proto__` keys are refused, and a depth bomb is stopped before it can make later saves throw.

import sjson from 'secure-json-parse';
import {invalidUtf8At, startsWithBom} from '../domain/utf8.js';
import {StoreError} from './port.js';

export interface DecodeLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

export const DEFAULT_LIMITS: DecodeLimits = {maxBytes: 64 * 1024 * 1024, maxDepth: 64};

export const damaged = (file: string, reason: string): StoreError =>
  new StoreError('StoreDamaged', `The store file ${file} is damaged: ${reason}. Nothing was changed.`, file);

const utf8 = new TextDecoder('utf-8', {fatal: true});

/** `fail` makes the error: a damaged store file by default, a refused archive entry for imports. */
export function decodeJson(
  bytes: Uint8Array,
  file: string,
  limits: DecodeLimits = DEFAULT_LIMITS,
  fail: (file: string, reason: string) => Error = damaged,
): unknown {
  const damaged = fail;
  if (bytes.length === 0) throw damaged(file, 'it is empty');
  if (bytes.length > limits.maxBytes)
    throw new StoreError(
      'StoreTooLarge',
      `The store file ${file} is too large to read: it is ${bytes.length} bytes, more than the limit of ${limits.maxBytes}. It was not changed.`,
      file,
    );
  if (startsWithBom(bytes))
    throw damaged(
      file,
      'it starts with a UTF-8 byte order mark (byte offset 0); save it as UTF-8 without BOM',
    );
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw damaged(file, 'it is UTF-16 text (byte offset 0); save it as UTF-8');
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    throw damaged(
      file,
      `it contains a NUL byte at byte offset ${nul}, as a write cut short by a power loss leaves`,
    );
  const text = decodeUtf8(bytes, file, fail);
  const tooDeep = depthExceededAt(text, limits.maxDepth);
  if (tooDeep >= 0)
    throw damaged(
      file,
      `it nests deeper than ${limits.maxDepth} levels at byte offset ${byteOffset(text, tooDeep)}`,
    );
  try {
    return sjson.parse(text, null, {protoAction: 'error', constructorAction: 'error'}) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/prototype property/i.test(message))
      throw damaged(file, 'it contains a forbidden __proto__ or constructor.prototype key');
    throw damaged(
      file,
      `it is not valid JSON at byte offset ${byteOffset(text, syntaxErrorPosition(text, message))}`,
    );
  }
}

function decodeUtf8(bytes: Uint8Array, file: string, fail: (file: string, reason: string) => Error): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw fail(file, `it is not valid UTF-8 at byte offset ${invalidUtf8At(bytes)}`);
  }
}

export const byteOffset = (text: string, charIndex: number): number =>
  Buffer.byteLength(text.slice(0, charIndex), 'utf8');

/** Index of the first bracket that opens level maxDepth + 1, or -1; strings are skipped. */
function depthExceededAt(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return i;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return -1;
}

/**
 * V8 names a position for most syntax errors but not for "Unexpected token": then the longest prefix
 * that is still a valid start of a document ends where the error is (found by bisection).
 */
function syntaxErrorPosition(text: string, message: string): number {
  const stated = /at position (\d+)/.exec(message);
  if (stated?.[1] !== undefined) return Number(stated[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    if (validSoFar(text.slice(0, mid))) good = mid;
    else bad = mid;
  }
  return good;
}

function validSoFar(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    // Running out of input shows either as "Unexpected end" or as a position at the very end.
    const message = error instanceof Error ? error.message : '';
    const stated = /at position (\d+)/.exec(message)?.[1];
    return (
      /Unexpected end of JSON input/.test(message) ||
      (stated !== undefined && Number(stated) >= prefix.length)
    );
  }
}
