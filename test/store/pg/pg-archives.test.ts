// Export-CsPersistentChatData and Import-CsPersistentChatData on a PostgreSQL store: the demo store
// exported from PostgreSQL and imported into a file store, and the other way, gives the same Gets
// and each room's messages as the same bytes; -WhatIf prints the same plan on both stores.

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {Session} from '../../../src/session.js';
import type {StorePort} from '../../../src/store/port.js';
import {openStore} from '../../../src/store/file-store.js';
import {copyStore} from '../../../src/store/copy-store.js';
import {toJsonLine} from '../../../src/store/jsonl.js';
import {openPgStore, type PgStore} from '../../../src/store/pg/pg-store.js';
import {POOL1, dbInstances, demoStore, emptyStore, linesByRoom, run} from '../../helpers/archive-stores.js';
import {tempDir} from '../../helpers/pchat-process.js';
import {newDatabase} from '../../helpers/pg-test-cluster.js';

const GETS = [
  'Get-CsPersistentChatCategory',
  'Get-CsPersistentChatRoom',
  'Get-CsPersistentChatAddin',
  'Get-CsUser',
  'Get-CsPersistentChatPolicy',
  'Get-CsPersistentChatConfiguration',
];

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));
const env = {PCHAT_STATE_DIR: path.join(root, 'state')};

const onPg = (url: string): Promise<PgStore> => openPgStore(url, {env});
const sessionOn = async (store: StorePort): Promise<Session> =>
  Session.open({store, origin: 'exec', yes: true});

/** Every Get output, and every room's messages through Get-PcChatMessage, as JSON. */
async function everyGet(store: StorePort): Promise<Record<string, string>> {
  const session = await sessionOn(store);
  const out: Record<string, string> = {};
  for (const line of GETS) out[line] = JSON.stringify((await run(session, line)).output);
  const rooms = (await run(session, 'Get-CsPersistentChatRoom')).output as {Identity: string}[];
  for (const room of rooms)
    out[room.Identity] = JSON.stringify(
      (await run(session, `Get-PcChatMessage -Room "${room.Identity}"`)).output,
    );
  return out;
}

/** A PostgreSQL store's messages as the lines a file store's log would hold, grouped by room id. */
function pgLinesByRoom(store: StorePort): Map<string, string> {
  const rooms = new Map<string, string>();
  for (const m of store.ports().messages.scan({}))
    rooms.set(m.roomId, (rooms.get(m.roomId) ?? '') + toJsonLine(m));
  return rooms;
}

let source: string;
let sourceGets: Record<string, string>;
let pgSource: string;

beforeAll(async () => {
  source = await demoStore(root);
  const store = await openStore(source);
  sourceGets = await everyGet(store);
  store.close();
  pgSource = newDatabase();
  await copyStore(source, pgSource);
});

it('exports the demo store from PostgreSQL into a file store: the same Gets, each room the same bytes', async () => {
  const target = await emptyStore(root, 'from-pg');
  const from = await onPg(pgSource);
  const to = await openStore(target);
  const fromSession = await sessionOn(from);
  const toSession = await sessionOn(to);
  for (const [i, db] of dbInstances().entries()) {
    const exported = await run(
      fromSession,
      `Export-CsPersistentChatData -DBInstance "${db}" -FileName "pool${i}.zip"`,
    );
    expect(exported.errors).toEqual([]);
    const file = path.join(from.dir, 'exports', `pool${i}.zip`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.mkdirSync(path.join(target, 'exports'), {recursive: true, mode: 0o700});
    fs.copyFileSync(file, path.join(target, 'exports', `pool${i}.zip`));
    const imported = await run(
      toSession,
      `Import-CsPersistentChatData -DBInstance "${db}" -FileName "pool${i}.zip"`,
    );
    expect(imported.errors).toEqual([]);
    expect(imported.committed).toBe(true);
  }
  expect(await everyGet(to)).toEqual(sourceGets);
  expect(linesByRoom(target)).toEqual(linesByRoom(source));
  // An export never writes over a file.
  const again = await run(
    fromSession,
    `Export-CsPersistentChatData -DBInstance "${POOL1}" -FileName "pool0.zip"`,
  );
  expect(again.errors.map((e) => e.message).join('\n')).toMatch(/exists/);
  from.close();
  to.close();
});

it('imports the demo store exported from a file store into PostgreSQL: the same Gets, each room the same bytes', async () => {
  const empty = await emptyStore(root, 'empty-for-pg');
  const url = newDatabase();
  await copyStore(empty, url);
  const from = await openStore(source);
  const to = await onPg(url);
  const fromSession = await sessionOn(from);
  const toSession = await sessionOn(to);
  for (const [i, db] of dbInstances().entries()) {
    const exported = await run(
      fromSession,
      `Export-CsPersistentChatData -DBInstance "${db}" -FileName "pool${i}.zip"`,
    );
    expect(exported.errors).toEqual([]);
    fs.mkdirSync(path.join(to.dir, 'exports'), {recursive: true, mode: 0o700});
    fs.copyFileSync(
      path.join(source, 'exports', `pool${i}.zip`),
      path.join(to.dir, 'exports', `pool${i}.zip`),
    );
    const imported = await run(
      toSession,
      `Import-CsPersistentChatData -DBInstance "${db}" -FileName "pool${i}.zip"`,
    );
    expect(imported.errors).toEqual([]);
    expect(imported.committed).toBe(true);
  }
  expect(await everyGet(to)).toEqual(sourceGets);
  expect(pgLinesByRoom(to)).toEqual(linesByRoom(source));
  // The import's staged files are gone once it committed.
  expect(fs.readdirSync(to.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  from.close();
  to.close();
});

it('prints the same -WhatIf plan for an import on PostgreSQL as on the file store, and changes neither', async () => {
  const fileTarget = await emptyStore(root, 'what-if');
  const url = newDatabase();
  await copyStore(fileTarget, url);
  const from = await onPg(pgSource);
  const fromSession = await sessionOn(from);
  await run(fromSession, `$b = Export-CsPersistentChatData -DBInstance "${POOL1}" -AsBytes`);
  const plans: (readonly string[])[] = [];
  for (const store of [await openStore(fileTarget), await onPg(url)]) {
    const session = await sessionOn(store);
    session.variables.set('b', fromSession.variables.get('b')!);
    const revision = (await store.read()).revision;
    const result = await run(
      session,
      `Import-CsPersistentChatData -DBInstance "${POOL1}" -ByteInput $b -WhatIf`,
    );
    expect(result.errors).toEqual([]);
    expect(result.committed).toBe(false);
    expect((await store.read()).revision).toBe(revision);
    plans.push(result.whatIf);
    store.close();
  }
  expect(plans[0]).toContain(
    'What if: Performing the operation "Add room" on target "pc1.dc1.example.org\\ItRoom".',
  );
  expect(plans[1]).toEqual(plans[0]);
  from.close();
});
