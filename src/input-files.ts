// The files an operator gives pchat (a deployment file, a setup script, an `exec -f` script) and the
// text it takes from them: refused with the path, where in the file, and what to do, never decoded
// or parsed into something the file does not say.

import fs from 'node:fs';
import secureJson from 'secure-json-parse';
import {formatPath} from './domain/deployment-schema.js';
import {firstDuplicateKey} from './domain/json-duplicate-keys.js';
import {invalidUtf8At, lineAt} from './domain/utf8.js';

/** The largest deployment or script file we read: far above any real one, far below a memory problem. */
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

const readBytes = (file: string): Buffer => {
  const stat = reading(file, () => fs.statSync(file));
  if (stat.isDirectory()) throw new UsageError(`${file} is a directory; give the path of a file.`);
  if (!stat.isFile()) throw new UsageError(`Cannot read ${file}: not a regular file.`);
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

const startsWithBom = (bytes: Uint8Array): boolean =>
  bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

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
export const readJsonFile = (file: string): unknown => {
  const bytes = readBytes(file);
  if (startsWithBom(bytes))
    throw new UsageError(
      `${file} starts with a UTF-8 byte order mark (byte offset 0); save it as UTF-8 without one.`,
    );
  const text = decodeText(bytes, file);
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, {protoAction: 'error', constructorAction: 'error'});
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate)
    throw new UsageError(
      `${file} gives the key ${formatPath(duplicate.path)} twice (line ${text.slice(0, duplicate.index).split('\n').length}); JSON keeps only the last, so remove the other.`,
    );
  return value;
};
