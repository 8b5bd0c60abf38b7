// Export-CsPersistentChatData and Import-CsPersistentChatData on real stores: the demo store goes
// out and into a store with the same topology and no content, by file and by byte array; -WhatIf
// shows the plan and writes nothing; an import over existing items reports each conflict.

import fs from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {fingerprint, tempDir} from '../helpers/pchat-process.js';
import {
  POOL1,
  dbInstances,
  demoStore,
  emptyStore,
  linesByRoom,
  run,
  sessionOn,
} from '../helpers/archive-stores.js';

// Endpoints are left out: each store's init gives them new GUIDs, and they are topology, not data.
const GETS = [
  'Get-CsPersistentChatCategory',
  'Get-CsPersistentChatRoom',
  'Get-CsPersistentChatAddin',
  'Get-CsUser',
  'Get-CsPersistentChatPolicy',
  'Get-CsPersistentChatConfiguration',
];

/** Every Get output, and every room's messages through Get-PcChatMessage, as JSON. */
async function everyGet(dir: string): Promise<Record<string, string>> {
  const session = await sessionOn(dir);
  const out: Record<string, string> = {};
  for (const line of GETS) out[line] = JSON.stringify((await run(session, line)).output);
  const rooms = (await run(session, 'Get-CsPersistentChatRoom')).output as {Identity: string}[];
  for (const room of rooms)
    out[room.Identity] = JSON.stringify(
      (await run(session, `Get-PcChatMessage -Room "${room.Identity}"`)).output,
    );
  session.store.close();
  return out;
}

let root: string;
let source: string;
let sourceGets: Record<string, string>;
const roots: string[] = [];

beforeAll(async () => {
  root = tempDir();
  roots.push(root);
  source = await demoStore(root);
  sourceGets = await everyGet(source);
});
process.on('exit', () => {
  for (const r of roots) fs.rmSync(r, {recursive: true, force: true});
});

describe('a round trip of the demo store', () => {
  it("by file: every Get output is equal and each room's messages are the same bytes", async () => {
    const target = await emptyStore(root, 'by-file');
    const from = await sessionOn(source);
    const to = await sessionOn(target);
    for (const [i, db] of dbInstances().entries()) {
      const exported = await run(
        from,
        `Export-CsPersistentChatData -DBInstance "${db}" -FileName "pool${i}.zip"`,
      );
      expect(exported.errors).toEqual([]);
      const file = path.join(source, 'exports', `pool${i}.zip`);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      fs.mkdirSync(path.join(target, 'exports'), {recursive: true, mode: 0o700});
      fs.copyFileSync(file, path.join(target, 'exports', `pool${i}.zip`));
      const imported = await run(
        to,
        `Import-CsPersistentChatData -DBInstance "${db}" -FileName "C:\\Logs\\pool${i}.zip"`,
      );
      expect(imported.errors).toEqual([]);
      expect(imported.committed).toBe(true);
    }
    expect(await everyGet(target)).toEqual(sourceGets);
    expect(linesByRoom(target)).toEqual(linesByRoom(source));
    expect(linesByRoom(target).size).toBeGreaterThan(0);
  });

  it('by byte array: $bytes from -AsBytes imports with -ByteInput', async () => {
    const target = await emptyStore(root, 'by-bytes');
    const from = await sessionOn(source);
    const to = await sessionOn(target);
    const exported = await run(from, `$bytes = Export-CsPersistentChatData -DBInstance "${POOL1}" -AsBytes`);
    expect(exported.errors).toEqual([]);
    expect(exported.committed).toBe(false);
    const bytes = from.variables.get('bytes');
    expect(bytes).toMatchObject({kind: 'bytes'});
    to.variables.set('bytes', bytes!);
    const imported = await run(to, `Import-CsPersistentChatData -DBInstance "${POOL1}" -ByteInput $bytes`);
    expect(imported.errors).toEqual([]);
    const pc1 = (s: Record<string, string>) =>
      Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith('pc2.')));
    const got = await everyGet(target);
    expect(JSON.parse(got['Get-CsPersistentChatRoom']!)).toEqual(
      (JSON.parse(sourceGets['Get-CsPersistentChatRoom']!) as {Identity: string}[]).filter((r) =>
        r.Identity.startsWith('pc1.'),
      ),
    );
    for (const [key, value] of Object.entries(pc1(got)))
      if (key.startsWith('pc1.')) expect(value).toBe(sourceGets[key]);
    expect(fs.readdirSync(path.join(target, 'backups')).length).toBe(1);
  });
});

describe('Import-CsPersistentChatData -WhatIf', () => {
  it('prints what would be added and writes nothing anywhere', async () => {
    const target = await emptyStore(root, 'what-if');
    const from = await sessionOn(source);
    await run(from, `$b = Export-CsPersistentChatData -DBInstance "${POOL1}" -AsBytes`);
    const to = await sessionOn(target);
    to.variables.set('b', from.variables.get('b')!);
    const before = fingerprint(target);
    const result = await run(to, `Import-CsPersistentChatData -DBInstance "${POOL1}" -ByteInput $b -WhatIf`);
    expect(result.errors).toEqual([]);
    expect(result.committed).toBe(false);
    expect(result.whatIf).toContain(
      'What if: Performing the operation "Add room" on target "pc1.dc1.example.org\\ItRoom".',
    );
    expect(result.whatIf.filter((l) => l.includes('"Add category"'))).toHaveLength(
      (JSON.parse(sourceGets['Get-CsPersistentChatCategory']!) as {Identity: string}[]).filter((c) =>
        c.Identity.startsWith('pc1.'),
      ).length,
    );
    expect(result.whatIf.some((l) => l.includes('"Add messages (5 messages)"'))).toBe(true);
    expect(fingerprint(target)).toBe(before);
    expect(fs.readdirSync(target).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('an import over items of the same names', () => {
  it('overwrites each one, warns about each, and keeps one copy of every message', async () => {
    const dir = await demoStore(root, 'again');
    const session = await sessionOn(dir);
    const before = linesByRoom(dir);
    const result = await run(
      session,
      `$b = Export-CsPersistentChatData -DBInstance "${POOL1}" -AsBytes; Import-CsPersistentChatData -DBInstance "${POOL1}" -ByteInput $b`,
    );
    expect(result.errors).toEqual([]);
    const overwrites = result.warnings.filter((w) => w.warningId === 'ImportOverwrite');
    const items = result.output as {Action: string; Kind: string; Identity: string}[];
    const overwritten = items.filter((i) => i.Action === 'Overwrite');
    expect(overwritten.map((i) => i.Kind)).toEqual(
      expect.arrayContaining(['Addin', 'Category', 'Room', 'Messages']),
    );
    expect(overwrites).toHaveLength(overwritten.length);
    for (const item of overwritten)
      expect(
        overwrites.some(
          (w) => w.target === item.Identity && w.message.includes(`imported ${item.Kind.toLowerCase()}`),
        ),
        `${item.Kind} ${item.Identity}`,
      ).toBe(true);
    expect(items.find((i) => i.Kind === 'Messages' && i.Identity.endsWith('\\ItRoom'))?.Action).toBe(
      'Overwrite',
    );
    expect(linesByRoom(dir)).toEqual(before);
  });
});
