// The temporary directories a test file makes, removed once its tests are done (temp-dirs-cleanup.ts,
// a setup file of the projects that write files): a test that fails, times out or keeps a store for
// the file's later tests leaves nothing behind in the system's temporary directory.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A new directory under the system's temporary directory, removed after the file's tests. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
}
