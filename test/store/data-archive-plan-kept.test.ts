// An import's plan reads and checks the archive (its -WhatIf and its prompts are about that reading).
// Its commit, on the very state it planned on, imports what the plan staged and checked rather than
// inflating and checking the archive a second time; when those staged files are gone (another
// process's sweep of temp files took them), the commit reads the archive again.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Session, type LineRun} from '../../src/session.js';
import {openStore} from '../../src/store/file-store.js';
import {POOL1, demoStore, emptyStore, linesByRoom, run, sessionOn} from '../helpers/archive-stores.js';
import {lockedStore} from '../helpers/locked-store.js';
import {tempDir} from '../helpers/pchat-process.js';

let root: string;
let source: string;
let archive: string;

beforeAll(async () => {
  root = tempDir();
  source = await demoStore(root);
  const from = await sessionOn(source);
  await run(from, `Export-CsPersistentChatData -DBInstance "${POOL1}" -FileName "pool.zip"`);
  from.store.close();
  archive = path.join(source, 'exports', 'pool.zip');
});
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

const stagingDirs = (dir: string): string[] =>
  fs.readdirSync(dir).filter((n) => /^\.import-.*\.tmp$/.test(n));

/**
 * Imports the archive into a new empty store; `meanwhile` runs under the lock, just before the commit
 * decides whether its plan still holds (the run's `expect` check is asked there, and before the plan).
 */
async function importWith(
  name: string,
  meanwhile: (target: string) => void,
): Promise<{target: string; run: LineRun}> {
  const target = await emptyStore(root, name);
  fs.mkdirSync(path.join(target, 'exports'), {recursive: true, mode: 0o700});
  fs.copyFileSync(archive, path.join(target, 'exports', 'pool.zip'));
  const session = await sessionOn(target);
  let asked = 0;
  const expectation = (): null => {
    asked += 1;
    if (asked === 2) meanwhile(target);
    return null;
  };
  try {
    const line = `Import-CsPersistentChatData -DBInstance "${POOL1}" -FileName "pool.zip"`;
    const imported = await session.run(line, {expect: expectation});
    expect(asked).toBe(2);
    return {target, run: imported};
  } finally {
    session.store.close();
  }
}

/** Every room's messages in the store, as the source holds them. */
function expectSourceMessages(target: string): void {
  expect([...linesByRoom(target).values()].sort()).toEqual([...linesByRoom(source).values()].sort());
}

describe('an import committed on the state it planned on', () => {
  it('imports the archive its plan checked, even when the file is gone by the time of the commit', async () => {
    const {target, run: imported} = await importWith('file-gone', (dir) =>
      fs.rmSync(path.join(dir, 'exports', 'pool.zip')),
    );
    expect(imported.errors).toEqual([]);
    expect(imported.storeFailure).toBeNull();
    expect(imported.committed).toBe(true);
    expectSourceMessages(target);
    expect(stagingDirs(target)).toEqual([]);
  });

  it('reads the archive again when its staged files were swept before the commit', async () => {
    const {target, run: imported} = await importWith('staging-swept', (dir) => {
      const swept = stagingDirs(dir);
      expect(swept.length).toBeGreaterThan(0);
      for (const name of swept) fs.rmSync(path.join(dir, name), {recursive: true});
    });
    expect(imported.errors).toEqual([]);
    expect(imported.storeFailure).toBeNull();
    expect(imported.committed).toBe(true);
    expectSourceMessages(target);
    expect(stagingDirs(target)).toEqual([]);
  });

  it('leaves nothing staged when its commit cannot take the lock', async () => {
    const empty = await openStore(await emptyStore(root, 'lock-held'));
    const locked = await lockedStore(await empty.read());
    empty.close();
    fs.mkdirSync(path.join(locked.dir, 'exports'), {recursive: true, mode: 0o700});
    fs.copyFileSync(archive, path.join(locked.dir, 'exports', 'pool.zip'));
    try {
      const session = await Session.open({store: locked.store, origin: 'exec', yes: true});
      const imported = await session.run(
        `Import-CsPersistentChatData -DBInstance "${POOL1}" -FileName "pool.zip"`,
      );
      expect(imported.storeFailure?.kind).toBe('StoreLocked');
      expect(imported.committed).toBe(false);
      expect(stagingDirs(locked.dir)).toEqual([]);
    } finally {
      locked.remove();
    }
  });
});
