// The program runs as one script (dist/exec/main.cjs for `pchat exec`, dist/console/main.cjs for the
// console and the other commands; scripts/bundle.js) compiled with V8's code cache from an earlier run,
// which spares it most of the compiling a start-up spends.
// The cache is a file per script content and Node (its name carries both), in a directory only the
// user can write: V8 runs the machine code it reads, so a cache another user could write is refused.
// Nothing here may make a command fail or print: a cache that cannot be used is compiled without.

import {isAscii} from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import vm from 'node:vm';

/** The cache directory, or null when PCHAT_CODE_CACHE=0 turns the cache off. */
export function codeCacheDir(env: NodeJS.ProcessEnv, home: string = os.homedir()): string | null {
  if (env['PCHAT_CODE_CACHE'] === '0') return null;
  // The XDG base directory rules ignore a relative path.
  const xdg = env['XDG_CACHE_HOME'];
  return path.join(xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'pchat');
}

/** The directory, made 0700 when missing; null when it is a symlink, not ours, or others may write it. */
export function privateDir(dir: string): string | null {
  try {
    fs.mkdirSync(dir, {recursive: true, mode: 0o700});
    const stat = fs.lstatSync(dir);
    const uid = process.getuid?.();
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0)
      return null;
    return dir;
  } catch {
    return null;
  }
}

const sha256 = (data: string | Uint8Array): Buffer => crypto.createHash('sha256').update(data).digest();

/**
 * The text of a script's bytes. esbuild writes ASCII (escaping every other character), which Latin-1
 * decodes byte for byte; Node's UTF-8 decoding of the 1.5 MB exec script cost some 6 ms of each run.
 */
export const scriptText = (bytes: Buffer): string =>
  isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');

/** A rebuilt script or another Node never meets a cache made for a different one; `script` names it. */
export const cacheFileName = (source: string | Uint8Array, script: string): string =>
  `${script}-${sha256(source).toString('hex').slice(0, 32)}-${process.version}-${process.arch}.v8`;

// V8 checks a cache's version, flags and source length, not every byte of it: the file carries
// the SHA-256 of what follows, so a damaged or truncated cache is never handed to V8.
const DIGEST_BYTES = 32;

export function readCache(file: string): Buffer | undefined {
  try {
    const bytes = fs.readFileSync(file);
    const data = bytes.subarray(DIGEST_BYTES);
    return bytes.length > DIGEST_BYTES && sha256(data).equals(bytes.subarray(0, DIGEST_BYTES))
      ? data
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whole or not at all: a temporary file in the same directory, renamed over the cache. */
export function writeCache(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, Buffer.concat([sha256(data), data]), {mode: 0o600});
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.rmSync(temp, {force: true});
    } catch {
      // A directory that refuses the write refuses its removal too; nothing was renamed into place.
    }
  }
}

/**
 * The caches of one kind of run kept in the directory, the newest first: each build and each Node
 * leaves one behind, and nothing else would ever remove them. A few are kept, not one, so that two
 * installs or Nodes used in turn do not keep replacing each other's.
 */
export const KEPT_CACHES = 4;

/** Removes the caches of `kind` beyond the KEPT_CACHES newest; called after one is written, never fails. */
export function pruneCaches(dir: string, kind: string): void {
  try {
    const ours = new RegExp(`^${kind}-[0-9a-f]{32}-.+\\.v8$`);
    const found = fs
      .readdirSync(dir)
      .filter((name) => ours.test(name))
      .map((name) => ({file: path.join(dir, name), mtimeMs: fs.lstatSync(path.join(dir, name)).mtimeMs}))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const {file} of found.slice(KEPT_CACHES)) fs.rmSync(file, {force: true});
  } catch {
    // A cache that cannot be pruned costs disk space, never a command.
  }
}

// The commands of src/main.ts besides exec, and the flags that print instead of opening the console.
const COMMANDS = ['init', 'store', 'drill', 'help'];
const PRINTS = ['-h', '--help', '-V', '--version'];

/**
 * The script (dist/<script>/main.cjs) a command line runs as and the name of its cache, or null for
 * the ES module bundle: with DEV=true Ink loads React's devtools with a top-level await, which a
 * script cannot hold. A cache holds what the run that wrote it compiled, so the console's runs keep
 * one apart from the other commands' (a `pchat --help` would otherwise leave one without the console).
 */
export function scriptFor(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): {readonly script: string; readonly cache: string} | null {
  if (args[0] === 'exec') return {script: 'exec', cache: 'exec'};
  if (env['DEV'] === 'true') return null;
  const other = args.some((arg) => COMMANDS.includes(arg) || PRINTS.includes(arg));
  return {script: 'console', cache: other ? 'commands' : 'console'};
}

/**
 * Runs a script built as `(function (require, __pchatUrl) {...})`; when there was no usable cache,
 * writes one as the process exits, so that it holds the functions this run compiled as well.
 */
export function runCachedScript(url: URL, cacheName: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = fileURLToPath(url);
  const bytes = fs.readFileSync(file);
  const source = scriptText(bytes);
  const dir = codeCacheDir(env);
  const usable = dir === null ? null : privateDir(dir);
  const cacheFile = usable === null ? null : path.join(usable, cacheFileName(bytes, cacheName));
  const cachedData = cacheFile === null ? undefined : readCache(cacheFile);
  const script = new vm.Script(source, {filename: file, ...(cachedData !== undefined ? {cachedData} : {})});
  if (cacheFile !== null && (cachedData === undefined || script.cachedDataRejected === true))
    process.once('exit', () => {
      writeCache(cacheFile, script.createCachedData());
      pruneCaches(path.dirname(cacheFile), cacheName);
    });
  const main = script.runInThisContext() as (require: NodeJS.Require, url: string) => void;
  main(createRequire(file), pathToFileURL(file).href);
}
