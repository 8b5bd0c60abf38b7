// The files an operator gives pchat (a deployment file, a setup script, an `exec -f` script) and the
// text it takes from them: refused with the path, where in the file, and what to do, never decoded
// or parsed into something the file does not say.

import fs from 'node:fs';
import secureJson from 'secure-json-parse';
import {formatPath} from './domain/json-path.js';
import {firstDuplicateKey} from './domain/json-duplicate-keys.js';
import {invalidUtf8At, lineAt, startsWithBom} from './domain/utf8.js';
import {DeploymentSplitter, SplitError, type SplitItem} from './domain/deployment-splitter.js';

/**
 * The largest script file we read, and the largest deployment file without its messages (which are
 * read one at a time): far above any real one, far below a memory problem.
 */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** What the operator gave pchat cannot be used (a store path, an input file): exit 2, not a store problem. */
export class UsageError extends Error {
  readonly problems: readonly string[];
  constructor(message: string, problems: readonly string[] = []) {
    super(message);
    this.name = 'UsageError';
    this.problems = problems;
  }
}

const regularFile = (file: string): fs.Stats => {
  const stat = reading(file, () => fs.statSync(file));
  if (stat.isDirectory()) throw new UsageError(`${file} is a directory; give the path of a file.`);
  if (!stat.isFile()) throw new UsageError(`Cannot read ${file}: not a regular file.`);
  return stat;
};

const readBytes = (file: string): Buffer => {
  const stat = regularFile(file);
  if (stat.size > MAX_INPUT_BYTES)
    throw new UsageError(`${file} is ${stat.size} bytes; the limit is ${MAX_INPUT_BYTES}.`);
  return reading(file, () => fs.readFileSync(file));
};

function reading<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`Cannot read ${file}: no such file.`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new UsageError(
        `Cannot read ${file}: permission denied. Check the file's mode and owner (and those of its folders), or run pchat as a user who may read it.`,
      );
    if (code === undefined) throw error;
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}.`);
  }
}

/** UTF-8 text; a script's byte order mark (editors on Windows write one) is dropped. */
export const decodeText = (bytes: Uint8Array, file: string): string => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) throw new UsageError(`${file} is UTF-16LE; save it as UTF-8.`);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) throw new UsageError(`${file} is UTF-16BE; save it as UTF-8.`);
  const bad = invalidUtf8At(bytes);
  if (bad >= 0)
    throw new UsageError(
      `${file} is not valid UTF-8: line ${lineAt(bytes, bad)}, byte offset ${bad}. Save it as UTF-8.`,
    );
  return new TextDecoder('utf-8').decode(bytes);
};

export const readTextFile = (file: string): string => decodeText(readBytes(file), file);

/**
 * A JSON document, refused when it starts with a byte order mark (RFC 8259 forbids one) or gives a
 * key twice in one object (JSON.parse would keep the last one without a word).
 */
function parseJson(bytes: Uint8Array, file: string): unknown {
  refuseBom(bytes, file);
  return parseJsonText(decodeText(bytes, file), file, {path: [], line: 1});
}

function refuseBom(bytes: Uint8Array, file: string): void {
  if (startsWithBom(bytes))
    throw new UsageError(
      `${file} starts with a UTF-8 byte order mark (byte offset 0); save it as UTF-8 without one.`,
    );
}

/** Where a piece of a file sits: the JSON path of its value and the line it starts on. */
interface Place {
  readonly path: readonly (string | number)[];
  readonly line: number;
}

/** `__proto__` and `constructor` keys are refused, as secure-json-parse does, and a key given twice. */
function parseJsonText(text: string, file: string, place: Place): unknown {
  const where = place.path.length === 0 ? file : `${file}: ${formatPath(place.path)} (line ${place.line})`;
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, {protoAction: 'error', constructorAction: 'error'});
  } catch (error) {
    throw new UsageError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate)
    throw new UsageError(
      `${file} gives the key ${formatPath([...place.path, ...duplicate.path])} twice (line ${place.line - 1 + text.slice(0, duplicate.index).split('\n').length}); JSON keeps only the last, so remove the other.`,
    );
  return value;
}

/** Holds the longest message the schema takes (100,000 characters), however it is escaped. */
export const MAX_MESSAGE_ENTRY_BYTES = 1024 * 1024;
/** Far deeper than any deployment file (five levels); a limit so that no parser recurses without one. */
const MAX_DEPTH = 64;
const READ_CHUNK_BYTES = 1024 * 1024;

export interface DeploymentLimits {
  readonly maxItemBytes: number;
  readonly maxRestBytes: number;
}

/**
 * A deployment file read a piece at a time (domain/deployment-splitter.ts): each entry of `messages`
 * is checked as its own JSON document (UTF-8, __proto__ and constructor, keys given twice, its size)
 * and handed to `onMessage`; what is returned is the rest of the document, with `messages` empty,
 * checked as a whole JSON document (parseJson). Problems name the entry and its line and byte offset.
 */
export function readDeploymentFile(
  file: string,
  onMessage: (value: unknown, index: number) => void,
  limits: DeploymentLimits = {maxItemBytes: MAX_MESSAGE_ENTRY_BYTES, maxRestBytes: MAX_INPUT_BYTES},
): unknown {
  regularFile(file);
  const fd = reading(file, () => fs.openSync(file, 'r'));
  try {
    const splitter = new DeploymentSplitter({...limits, maxDepth: MAX_DEPTH}, (item) =>
      onMessage(parseItem(item, file), item.index),
    );
    const chunk = Buffer.alloc(READ_CHUNK_BYTES);
    for (let first = true; ; first = false) {
      const n = reading(file, () => fs.readSync(fd, chunk, 0, chunk.length, null));
      if (n === 0) break;
      if (first) refuseEncoding(chunk.subarray(0, n), file);
      splitting(file, () => splitter.push(chunk.subarray(0, n)));
    }
    return parseJson(
      splitting(file, () => splitter.end()),
      file,
    );
  } finally {
    fs.closeSync(fd);
  }
}

function parseItem(item: SplitItem, file: string): unknown {
  const bad = invalidUtf8At(item.bytes);
  if (bad >= 0)
    throw new UsageError(
      `${file} is not valid UTF-8: messages[${item.index}], line ${item.line - 1 + lineAt(item.bytes, bad)}, byte offset ${item.offset + bad}. Save it as UTF-8.`,
    );
  const text = new TextDecoder('utf-8').decode(item.bytes);
  return parseJsonText(text, file, {path: ['messages', item.index], line: item.line});
}

/** A byte order mark or UTF-16 is refused before the splitter reads bytes it cannot place. */
function refuseEncoding(head: Uint8Array, file: string): void {
  refuseBom(head, file);
  decodeText(head.subarray(0, 2), file);
}

function splitting<T>(file: string, split: () => T): T {
  try {
    return split();
  } catch (error) {
    if (error instanceof SplitError) throw new UsageError(`${file} cannot be read: ${error.message}`);
    throw error;
  }
}
