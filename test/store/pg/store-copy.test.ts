// `pchat store copy`: the demo store into PostgreSQL and back, and every Get the catalog has answers
// byte for byte the same on the three stores.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, expect, it} from 'vitest';
import {catalog} from '../../../src/cmdlets/catalog.js';
import {pchat, tempDir} from '../../helpers/pchat-process.js';
import {newDatabase} from '../../helpers/pg-test-cluster.js';

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));
// The local exports folder of a PostgreSQL store goes under the state directory (README).
const env = {PCHAT_STATE_DIR: path.join(root, 'state')};

/** Every Get cmdlet of the catalog as it runs without arguments, and each room's messages. */
function everyGet(store: string): string {
  const rooms = pchat(['exec', '--store', store, '--json', 'Get-CsPersistentChatRoom'], {env});
  const ids = (JSON.parse(rooms.stdout) as {Identity: string}[]).map((r) => r.Identity);
  expect(ids.length).toBeGreaterThan(0);
  const lines = [
    ...catalog.map((c) => c.name).filter((name) => name.startsWith('Get-') && name !== 'Get-PcBackup'),
    ...ids.map((id) => `Get-PcChatMessage -Room '${id}'`),
    'Get-PcAuditEntry -Last 1000',
  ];
  const run = pchat(['exec', '--store', store, '--json', ...lines], {env});
  return `${run.stdout}\n--- stderr\n${run.stderr}`;
}

it('copies the demo store into PostgreSQL and back, and every Get answers the same on the three', () => {
  const demo = path.join(root, 'demo');
  const back = path.join(root, 'back');
  expect(pchat(['init', '--store', demo], {env}).status).toBe(0);
  const url = newDatabase();

  const into = pchat(['store', 'copy', demo, url], {env});
  expect(into.stderr).toBe('');
  expect(into.status).toBe(0);
  expect(into.stdout).toMatch(
    /^Copied .* at revision \d+\.\n {2}state +1 {2}sha256 [0-9a-f]{64}\n {2}messages +5 {2}sha256/,
  );
  const out = pchat(['store', 'copy', url, back], {env});
  expect(out.status).toBe(0);
  // The same counts and checksums, read from each store.
  expect(out.stdout.split('\n').slice(1)).toEqual(into.stdout.split('\n').slice(1));

  const gets = everyGet(demo);
  expect(gets).toContain('"Identity"');
  expect(everyGet(url)).toBe(gets);
  expect(everyGet(back)).toBe(gets);
});

it('refuses to copy over an existing store, and changes nothing', () => {
  const demo = path.join(root, 'demo2');
  expect(pchat(['init', '--store', demo], {env}).status).toBe(0);
  const before = fs.readFileSync(path.join(demo, 'state.json'));
  const copy = pchat(['store', 'copy', demo, demo], {env});
  expect(copy.status).toBe(2);
  expect(copy.stderr).toContain('already exists');
  expect(fs.readFileSync(path.join(demo, 'state.json'))).toEqual(before);
});

it('replaces the store a database holds only with --force, in one transaction, keeping the old one as a backup', () => {
  const demo = path.join(root, 'demo3');
  const changed = path.join(root, 'changed');
  expect(pchat(['init', '--store', demo], {env}).status).toBe(0);
  expect(pchat(['init', '--store', changed], {env}).status).toBe(0);
  const edit = pchat(
    ['exec', '--store', changed, '--yes', 'New-CsPersistentChatPolicy -Identity Tag:Copied'],
    {
      env,
    },
  );
  expect(edit.status).toBe(0);
  const url = newDatabase();
  expect(pchat(['store', 'copy', demo, url], {env}).status).toBe(0);
  const before = everyGet(url);

  const refused = pchat(['store', 'copy', changed, url], {env});
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain('Use --force to replace it');
  expect(everyGet(url)).toBe(before);

  const forced = pchat(['store', 'copy', '--force', changed, url], {env});
  expect(forced.stderr).toBe('');
  expect(forced.status).toBe(0);
  expect(everyGet(url)).toBe(everyGet(changed));
  expect(everyGet(url)).toContain('Tag:Copied');
  const backups = pchat(['exec', '--store', url, '--json', 'Get-PcBackup'], {env});
  expect(JSON.parse(backups.stdout)).toEqual([
    expect.objectContaining({Reason: 'replaced by pchat store copy'}),
  ]);
});

it('copies a store made and changed on PostgreSQL into a directory, its audit entries read back the same', () => {
  const url = newDatabase();
  expect(pchat(['init', '--store', url], {env}).status).toBe(0);
  const edit = pchat(['exec', '--store', url, '--yes', 'New-CsPersistentChatPolicy -Identity Tag:OnServer'], {
    env,
  });
  expect(edit.status).toBe(0);
  const back = path.join(root, 'from-server');
  const copy = pchat(['store', 'copy', url, back], {env});
  expect(copy.stderr).toBe('');
  expect(copy.status).toBe(0);
  expect(everyGet(back)).toBe(everyGet(url));
});
