// Removal backups on a file store: each removal keeps what it deleted in the same commit, and
// Restore-PcBackup puts it back byte for byte without undoing what changed since.

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {ChatMessage} from '../../src/domain/types.js';
import {createStore, type FileStore} from '../../src/store/file-store.js';
import {Session} from '../../src/session.js';
import {
  ANA,
  contentState,
  INTERLEAVED as MESSAGES,
  POOL,
  ROOMS,
  UNDO_LAST as UNDO,
} from '../helpers/content-fixture.js';
import {NOW, removeDir, tempDir} from './fixtures.js';

let root: string;
let store: FileStore;
let session: Session;

beforeEach(async () => {
  root = tempDir();
  store = await createStore(path.join(root, 'store'), contentState(), MESSAGES, {
    now: () => NOW,
    user: 'admin',
  });
  session = await Session.open({store, origin: 'exec', user: 'admin', uid: null, yes: true});
});
afterEach(() => {
  store.close();
  removeDir(root);
});

const log = (): string => fs.readFileSync(store.files.messages, 'utf8');
const run = async (line: string) => {
  const result = await session.run(line);
  expect(result.errors, line).toEqual([]);
  return result;
};
const roomNamed = (name: string) => session.state.rooms.find((r) => r.name === name);

describe('a removal and its undo', () => {
  it('brings back a removed room with its lists and its history, byte for byte', async () => {
    const before = log();
    const room = roomNamed('ItRoom');
    await run(`Remove-CsPersistentChatRoom -Identity "${POOL}\\ItRoom"`);
    expect(roomNamed('ItRoom')).toBeUndefined();
    expect(log()).not.toContain('"room-it"');
    await run(UNDO);
    expect(roomNamed('ItRoom')).toEqual(room);
    expect(log()).toBe(before);
  });

  it('keeps only what was removed, never a copy of the store', async () => {
    await run(`Remove-CsPersistentChatRoom -Identity "${POOL}\\ItRoom"`);
    const [backup] = store.ports().backups.list();
    const files = fs.readdirSync(path.join(store.files.backups, backup!.id)).sort();
    expect(files).toEqual(['messages.jsonl', 'meta.json', 'removed.json']);
    const kept = fs.readFileSync(path.join(store.files.backups, backup!.id, 'messages.jsonl'), 'utf8');
    expect(kept.trim().split('\n')).toHaveLength(12);
    expect(kept).not.toContain('room-lisbon');
  });

  it('lists the backup with its kind, its line, what it holds and how many messages', async () => {
    const line = `Get-CsPersistentChatRoom -Category "${POOL}\\IT" | Where-Object {$_.Name -ne "ItRoom"} | Remove-CsPersistentChatRoom`;
    await run(line);
    const listed = await run('Get-PcBackup');
    expect(listed.output).toEqual([
      expect.objectContaining({
        Kind: 'Removal',
        Command: line,
        Rooms: [`${POOL}\\EmeaRoom`, `${POOL}\\LisbonRoom`],
        Categories: [],
        Messages: 24,
      }),
    ]);
  });

  it('undoes a line that removed several rooms (one rewrite each) byte for byte', async () => {
    const before = log();
    await run(`Get-CsPersistentChatRoom -Category "${POOL}\\IT" | Remove-CsPersistentChatRoom`);
    expect(session.state.rooms.map((r) => r.name)).toEqual(['HelpRoom', 'ProjectsRoom']);
    await run(UNDO);
    expect(session.state.rooms.map((r) => r.name).sort()).toEqual(ROOMS.map((r) => r.name).sort());
    expect(log()).toBe(before);
  });

  it('brings back the messages Clear-CsPersistentChatRoom deleted', async () => {
    const before = log();
    await run(`Clear-CsPersistentChatRoom -Identity "${POOL}\\ItRoom" -EndDate "2/1/2018"`);
    expect(log()).not.toBe(before);
    await run(UNDO);
    expect(log()).toBe(before);
  });

  it.each([
    ['the replacing form', `-UserUri "${ANA}"`],
    ['the -Remove form', `-UserUri "${ANA}" -Remove`],
  ])('undoes Remove-CsPersistentChatMessage in %s', async (_, how) => {
    const before = log();
    await run(`Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" ${how}`);
    expect(log()).not.toBe(before);
    await run(UNDO);
    expect(log()).toBe(before);
  });

  it('undoes a category removal with its settings', async () => {
    const category = session.state.categories.find((c) => c.name === 'Sandbox');
    await run(`Remove-CsPersistentChatCategory -Identity "${POOL}\\Sandbox"`);
    expect((await run('Get-PcBackup')).output).toEqual([
      expect.objectContaining({Kind: 'Removal', Categories: [`${POOL}\\Sandbox`], Messages: 0}),
    ]);
    await run(UNDO);
    expect(session.state.categories.find((c) => c.name === 'Sandbox')).toEqual(category);
  });
});

describe('changes made after the removal', () => {
  it('survive the restore', async () => {
    await run(`Remove-CsPersistentChatRoom -Identity "${POOL}\\ItRoom"`);
    await run('New-CsPersistentChatPolicy -Identity Later');
    await run(`Set-CsPersistentChatRoom -Identity "${POOL}\\EmeaRoom" -Description "changed since"`);
    await run(`Remove-CsPersistentChatMessage -Identity "${POOL}\\LisbonRoom" -Remove`);
    const lisbonGone = log();
    await run(`Get-PcBackup | Where-Object {$_.Rooms -contains "${POOL}\\ItRoom"} | Restore-PcBackup`);
    expect(roomNamed('ItRoom')).toBeDefined();
    expect(roomNamed('EmeaRoom')?.description).toBe('changed since');
    expect(session.state.policies.some((p) => p.identity === 'Tag:Later')).toBe(true);
    const ids = (text: string, room: string) =>
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as ChatMessage)
        .filter((m) => m.roomId === room)
        .map((m) => m.id);
    expect(ids(log(), 'room-lisbon')).toEqual([]);
    expect(ids(log(), 'room-emea')).toEqual(ids(lisbonGone, 'room-emea'));
    expect(ids(log(), 'room-it')).toEqual(MESSAGES.filter((m) => m.roomId === 'room-it').map((m) => m.id));
  });

  it('keep the order of a room whose neighbouring messages were removed since', async () => {
    await run(`Clear-CsPersistentChatRoom -Identity "${POOL}\\ItRoom" -EndDate "1/31/2018"`);
    // The first message left after the clear, and the anchors of the cleared ones, go too.
    await run(`Get-CsPersistentChatRoom | Clear-CsPersistentChatRoom -EndDate "1/20/2018"`);
    await run(
      `Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" -StartDate "2/1/2018" -EndDate "2/10/2018" -Remove`,
    );
    const clear = store.ports().backups.list()[0]!;
    await run(`Restore-PcBackup -Identity ${clear.id}`);
    const itIds = [...store.ports().messages.scan({roomIds: ['room-it']})].map((m) => m.postedAt);
    expect(itIds).toEqual([...itIds].sort());
    expect(itIds).toHaveLength(MESSAGES.filter((m) => m.roomId === 'room-it').length - 2);
  });
});
