// Export-CsPersistentChatData writes only inside the store's exports/ (no "..", no absolute path
// elsewhere, no symbolic link on the way), never over an existing file, always mode 0600; Import
// reads only a real file there.

import fs from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/pchat-process.js';
import {POOL1, demoStore, run, sessionOn} from '../helpers/archive-stores.js';
import type {Session} from '../../src/session.js';

let root: string;
let store: string;
let exportsDir: string;
let outside: string;
let session: Session;

beforeAll(async () => {
  root = tempDir();
  process.on('exit', () => fs.rmSync(root, {recursive: true, force: true}));
  store = await demoStore(root);
  exportsDir = path.join(store, 'exports');
  fs.mkdirSync(exportsDir, {mode: 0o700});
  outside = path.join(root, 'outside');
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'victim.zip'), 'keep me');
  fs.symlinkSync(outside, path.join(exportsDir, 'linked-dir'));
  fs.symlinkSync(path.join(outside, 'victim.zip'), path.join(exportsDir, 'linked.zip'));
  session = await sessionOn(store);
});

const exportTo = (name: string, extra = '') =>
  run(session, `Export-CsPersistentChatData -DBInstance "${POOL1}" -FileName '${name}'${extra}`);

const everythingOutside = (): string[] => [...fs.readdirSync(root), ...fs.readdirSync(outside)].sort();

describe('Export-CsPersistentChatData -FileName', () => {
  it.each([
    ['a ".." part', '../escape.zip', 'InvalidValue'],
    ['a ".." part inside the name', 'sub/../../escape.zip', 'InvalidValue'],
    ['an absolute path outside exports/', '/tmp/pchat-escape.zip', 'InvalidValue'],
    ['a symbolic link to a folder outside', 'linked-dir/escape.zip', 'InvalidValue'],
    ['a symbolic link to a file outside', 'linked.zip', 'AlreadyExists'],
  ])('refuses %s and writes nothing', async (_case, name, errorId) => {
    const before = everythingOutside();
    const result = await exportTo(name);
    expect(result.errors.map((e) => e.errorId)).toEqual([errorId]);
    expect(result.committed).toBe(false);
    expect(everythingOutside()).toEqual(before);
    expect(fs.readFileSync(path.join(outside, 'victim.zip'), 'utf8')).toBe('keep me');
    expect(fs.existsSync('/tmp/pchat-escape.zip')).toBe(false);
  });

  it('never writes over an existing file: the second export of a name is refused', async () => {
    expect((await exportTo('once.zip')).errors).toEqual([]);
    const first = fs.readFileSync(path.join(exportsDir, 'once.zip'));
    const again = await exportTo('once.zip');
    expect(again.errors.map((e) => e.errorId)).toEqual(['AlreadyExists']);
    expect(again.errors[0]?.message).toMatch(/exists already/);
    expect(fs.readFileSync(path.join(exportsDir, 'once.zip'))).toEqual(first);
  });

  it('refuses a -Report that names an existing file, and then writes no archive either', async () => {
    fs.writeFileSync(path.join(exportsDir, 'report.txt'), 'old report');
    const result = await exportTo('with-report.zip', ' -Report report.txt');
    expect(result.errors.map((e) => e.errorId)).toEqual(['AlreadyExists']);
    expect(fs.existsSync(path.join(exportsDir, 'with-report.zip'))).toBe(false);
    expect(fs.readFileSync(path.join(exportsDir, 'report.txt'), 'utf8')).toBe('old report');
  });

  it('maps a Windows path into exports/, says so, and creates the file mode 0600', async () => {
    const result = await exportTo('C:\\Logs\\PersistentChatData.zip');
    const file = path.join(exportsDir, 'PersistentChatData.zip');
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      {
        warningId: 'WindowsPathMapped',
        message: `The Windows path C:\\Logs\\PersistentChatData.zip is mapped to ${file}.`,
        target: file,
      },
    ]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  // The role matrix found that a colleague of the store's group could not import, or export into
  // an exports/ made 0700 by another operator.
  it('in a store shared with its group, creates 0660 files in 2770 folders, never open to others', async () => {
    const sharedRoot = tempDir();
    fs.chmodSync(sharedRoot, 0o2770);
    const shared = await demoStore(sharedRoot);
    fs.chmodSync(shared, 0o2770);
    const result = await run(
      await sessionOn(shared),
      `Export-CsPersistentChatData -DBInstance "${POOL1}" -FileName "team/PersistentChatData.zip"`,
    );
    expect(result.errors).toEqual([]);
    expect(fs.statSync(path.join(shared, 'exports')).mode & 0o7777).toBe(0o2770);
    expect(fs.statSync(path.join(shared, 'exports', 'team')).mode & 0o7777).toBe(0o2770);
    expect(fs.statSync(path.join(shared, 'exports', 'team', 'PersistentChatData.zip')).mode & 0o777).toBe(
      0o660,
    );
    fs.rmSync(sharedRoot, {recursive: true, force: true});
  });

  it('gives -FileName or -AsBytes as the two ways, and refuses neither', async () => {
    const result = await run(session, `Export-CsPersistentChatData -DBInstance "${POOL1}"`);
    expect(result.errors.map((e) => e.errorId)).toEqual(['ParameterConflict']);
  });

  it('names the pool by a store of the topology only', async () => {
    const result = await run(session, `Export-CsPersistentChatData -DBInstance "nosuch\\rtc" -AsBytes`);
    expect(result.errors.map((e) => e.errorId)).toEqual(['StoreNotFound']);
  });
});

describe('Import-CsPersistentChatData -FileName', () => {
  it.each([
    ['a ".." part', '../outside/victim.zip'],
    ['a symbolic link', 'linked.zip'],
    ['a missing file', 'nothing-here.zip'],
  ])('refuses %s and changes nothing', async (_case, name) => {
    const state = fs.readFileSync(path.join(store, 'state.json'));
    const result = await run(
      session,
      `Import-CsPersistentChatData -DBInstance "${POOL1}" -FileName '${name}'`,
    );
    expect(result.errors.map((e) => e.errorId)).toEqual(['InvalidValue']);
    expect(fs.readFileSync(path.join(store, 'state.json'))).toEqual(state);
  });
});
