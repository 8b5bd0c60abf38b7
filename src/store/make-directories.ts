// Creating a directory and its missing parents, one level at a time. Node's recursive mkdir never
// returns when mkdir fails with ENOENT under a parent that exists, as it does on /proc: it creates
// the parent (EEXIST, a directory), tries the child again, gets ENOENT again, and so on for ever.

import fs from 'node:fs';
import path from 'node:path';
import {StoreError} from './port.js';
import {io, isErrno} from './durable-fs.js';

/** Creates `dir` and whatever parents it lacks with `mode`; says whether `dir` itself was created. */
export function makeDirectories(dir: string, mode: number): boolean {
  const missing: string[] = [];
  for (let at = path.resolve(dir); !exists(at); at = path.dirname(at)) {
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const at of missing) {
    try {
      fs.mkdirSync(at, {mode});
    } catch (error) {
      if (isErrno(error, 'EEXIST') && fs.statSync(at).isDirectory()) continue;
      if (isErrno(error, 'ENOENT')) throw cannotHoldDirectories(at);
      io('create the directory', at, () => {
        throw error;
      });
    }
  }
  return missing.length > 0;
}

function exists(at: string): boolean {
  try {
    fs.lstatSync(at);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    return io('inspect', at, () => {
      throw error;
    });
  }
}

const cannotHoldDirectories = (at: string): StoreError =>
  new StoreError(
    'StoreIoError',
    `Cannot create a directory in ${path.dirname(at)}: it does not accept new directories, as a pseudo file system such as /proc or /sys does not. Choose a directory on a disk.`,
    at,
  );
