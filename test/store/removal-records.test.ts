// Removals carried out as records (message-removals.jsonl) instead of a new message log: the log's
// bytes stay as they were, every reader shows it through the records, the removal backup holds what
// was removed, and a compaction writes the log whole once the removed share passes its bound.

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {ChatMessage} from '../../src/domain/types.js';
import {logContent} from '../../src/store/archive-write.js';
import {copyStore} from '../../src/store/copy-store.js';
import {createStore, openStore, type FileStore} from '../../src/store/file-store.js';
import type {FileStoreOptions} from '../../src/store/file-store.js';
import {toJsonLine} from '../../src/store/jsonl.js';
import {Session} from '../../src/session.js';
import {
  ANA,
  contentState,
  INTERLEAVED as MESSAGES,
  POOL,
  ROOMS,
  UNDO_LAST as UNDO,
} from '../helpers/content-fixture.js';
import {NOW, audit, removeDir, tempDir} from './fixtures.js';

/** Every removal writes records, and none compacts. */
const RECORDS: FileStoreOptions = {rewriteLogBelowBytes: 0, compactShare: 1000};

let root: string;
let store: FileStore;
let session: Session;

async function open(options: FileStoreOptions, messages: readonly ChatMessage[] = MESSAGES): Promise<void> {
  root = tempDir();
  store = await createStore(path.join(root, 'store'), contentState(), messages, {
    now: () => NOW,
    user: 'admin',
    ...options,
  });
  session = await Session.open({store, origin: 'exec', user: 'admin', uid: null, yes: true});
}
afterEach(() => {
  store.close();
  removeDir(root);
});

const log = (): string => fs.readFileSync(store.files.messages, 'utf8');
const records = (): string[] =>
  fs.existsSync(store.files.removals) ? fs.readFileSync(store.files.removals, 'utf8').trim().split('\n') : [];
/** The log as every reader sees it, in the form the store writes it. */
const shown = (s: FileStore = store): string => [...s.ports().messages.scan({})].map(toJsonLine).join('');
const run = async (line: string) => {
  const result = await session.run(line);
  expect(result.errors, line).toEqual([]);
  return result;
};
const roomId = (name: string): string => ROOMS.find((r) => r.name === name)!.id;
const ids = (messages: Iterable<ChatMessage>): string[] => [...messages].map((m) => m.id);

describe('a removal that writes records', () => {
  it('leaves the log as it was and records one line for each message it removes', async () => {
    await open(RECORDS);
    const before = log();
    await run(`Clear-CsPersistentChatRoom -Identity "${POOL}\\ItRoom" -EndDate "2/1/2018"`);
    const cleared = MESSAGES.filter((m) => m.roomId === roomId('ItRoom') && m.postedAt <= '2018-02-01T23:59');
    expect(cleared.length).toBeGreaterThan(2);
    expect(log()).toBe(before);
    expect(records()).toHaveLength(cleared.length);
    expect(shown()).toBe(
      MESSAGES.filter((m) => !cleared.includes(m))
        .map(toJsonLine)
        .join(''),
    );
  });

  it('shows the replacement text to history, Get-PcChatMessage, the archive and a copy', async () => {
    await open(RECORDS);
    await run(
      `Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" -UserUri "${ANA}" -ReplaceMessage "gone"`,
    );
    const it = roomId('ItRoom');
    const seen = [...store.ports().messages.scan({roomIds: [it]})];
    const when = seen.find((m) => m.replaced)?.replacedAt ?? null;
    expect(when).not.toBeNull();
    expect(seen).toEqual(
      MESSAGES.filter((m) => m.roomId === it).map((m) =>
        m.author === ANA ? {...m, text: 'gone', replaced: true, replacedAt: when} : m,
      ),
    );
    const listed = await run(`Get-PcChatMessage -Room "${POOL}\\ItRoom"`);
    expect(JSON.stringify(listed.output)).toContain('gone');
    expect(listed.output).toHaveLength(seen.length);

    const staging = path.join(root, 'staging');
    fs.mkdirSync(staging);
    const [staged] = logContent(store.files.messages)(
      {
        plan: {startDate: null} as never,
        contentRooms: [{roomId: it, room: 'ItRoom'}],
      },
      staging,
    );
    const start = staged!.start ?? 0;
    expect(
      fs
        .readFileSync(staged!.file)
        .subarray(start, start + staged!.bytes)
        .toString('utf8'),
    ).toBe(seen.map(toJsonLine).join(''));

    const copy = path.join(root, 'copy');
    await copyStore(store.dir, copy);
    const copied = await openStore(copy);
    try {
      expect(shown(copied)).toBe(shown());
      expect(fs.existsSync(copied.files.removals)).toBe(false);
    } finally {
      copied.close();
    }
  });

  it('keeps the removed messages in its backup and brings them back byte for byte', async () => {
    await open(RECORDS);
    const before = log();
    const room = session.state.rooms.find((r) => r.name === 'ItRoom');
    await run(`Remove-CsPersistentChatRoom -Identity "${POOL}\\ItRoom"`);
    expect(ids(store.ports().messages.scan({roomIds: [roomId('ItRoom')]}))).toEqual([]);
    expect(log()).toBe(before);
    const [backup] = store.ports().backups.list();
    expect(backup?.messages).toBe(MESSAGES.filter((m) => m.roomId === roomId('ItRoom')).length);
    expect(store.ports().backups.previewRemoval(backup!.id)).toMatchObject({deleted: backup?.messages});
    await run(UNDO);
    expect(session.state.rooms.find((r) => r.name === 'ItRoom')).toEqual(room);
    expect(log()).toBe(before);
    expect(fs.existsSync(store.files.removals)).toBe(false);
  });

  it.each([
    ['the replacing form', `-UserUri "${ANA}"`],
    ['the -Remove form', `-UserUri "${ANA}" -Remove`],
  ])('undoes Remove-CsPersistentChatMessage in %s after later removals', async (_, how) => {
    await open(RECORDS);
    const before = log();
    await run(`Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" ${how}`);
    const first = store.ports().backups.list()[0]!;
    await run(`Clear-CsPersistentChatRoom -Identity "${POOL}\\HelpRoom" -EndDate "1/20/2018"`);
    const help = MESSAGES.filter((m) => m.roomId !== roomId('HelpRoom') || m.postedAt > '2018-01-20T23:59');
    await run(`Restore-PcBackup -Identity ${first.id}`);
    expect(shown()).toBe(help.map(toJsonLine).join(''));
    expect(log()).not.toBe(before);
    await run(UNDO);
    expect(log()).toBe(before);
  });

  it('gives a store backup the log as readers see it', async () => {
    await open(RECORDS);
    await run(`Clear-CsPersistentChatRoom -Identity "${POOL}\\ItRoom" -EndDate "2/1/2018"`);
    const expected = shown();
    await store.commit((fresh) => ({
      plan: {
        state: fresh,
        effects: [{kind: 'backup', reason: 'test'}],
        audit: audit('Backup'),
      },
      result: null,
    }));
    const backup = store
      .ports()
      .backups.list()
      .find((b) => b.kind !== 'removal')!;
    expect(fs.readFileSync(path.join(store.files.backups, backup.id, 'messages.jsonl'), 'utf8')).toBe(
      expected,
    );
  });
});

describe('an undo after later removals', () => {
  it('keeps the order of a room whose neighbouring messages were removed since', async () => {
    await open(RECORDS);
    await run(`Clear-CsPersistentChatRoom -Identity "${POOL}\\ItRoom" -EndDate "1/31/2018"`);
    // The first message left after the clear, and the anchors of the cleared ones, go too.
    await run(`Get-CsPersistentChatRoom | Clear-CsPersistentChatRoom -EndDate "1/20/2018"`);
    await run(
      `Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" -StartDate "2/1/2018" -EndDate "2/10/2018" -Remove`,
    );
    const clear = store.ports().backups.list()[0]!;
    await run(`Restore-PcBackup -Identity ${clear.id}`);
    const it = [...store.ports().messages.scan({roomIds: [roomId('ItRoom')]})].map((m) => m.postedAt);
    expect(it).toEqual([...it].sort());
    expect(it).toHaveLength(MESSAGES.filter((m) => m.roomId === roomId('ItRoom')).length - 2);
  });

  it('undoes every removal of a line that ran several, in reverse, byte for byte', async () => {
    await open(RECORDS);
    const before = log();
    await run(`Get-CsPersistentChatRoom -Category "${POOL}\\IT" | Remove-CsPersistentChatRoom`);
    expect(log()).toBe(before);
    await run(UNDO);
    expect(log()).toBe(before);
  });
});

describe('a compaction', () => {
  it('writes the log whole once the removed share passes its bound, and removes the records', async () => {
    // A removal of one message of 60 is under a third; the next ones pass it.
    await open({rewriteLogBelowBytes: 0, compactShare: 1 / 3});
    const before = log();
    await run(`Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" -EndDate "1/1/2018" -Remove`);
    expect(log()).toBe(before);
    expect(records()).toHaveLength(1);
    for (const room of ['ItRoom', 'HelpRoom', 'EmeaRoom', 'LisbonRoom'])
      await run(`Clear-CsPersistentChatRoom -Identity "${POOL}\\${room}" -EndDate "12/31/2018"`);
    expect(fs.existsSync(store.files.removals)).toBe(false);
    expect(log()).toBe(shown());
    expect(log()).toBe(
      MESSAGES.filter((m) => m.roomId === roomId('ProjectsRoom'))
        .map(toJsonLine)
        .join(''),
    );
  });

  it('writes a log under its size bound whole at every removal, as before records', async () => {
    await open({});
    await run(`Clear-CsPersistentChatRoom -Identity "${POOL}\\ItRoom" -EndDate "2/1/2018"`);
    expect(fs.existsSync(store.files.removals)).toBe(false);
    expect(log()).toBe(shown());
  });
});

describe('a store created over one with records', () => {
  it('starts without them, so the same lines are all shown', async () => {
    await open(RECORDS);
    await run(`Clear-CsPersistentChatRoom -Identity "${POOL}\\ItRoom" -EndDate "2/1/2018"`);
    store.close();
    store = await createStore(store.dir, contentState(), MESSAGES, {
      now: () => NOW,
      user: 'admin',
      force: true,
    });
    expect(fs.existsSync(store.files.removals)).toBe(false);
    expect(shown()).toBe(MESSAGES.map(toJsonLine).join(''));
    const kept = store
      .ports()
      .backups.list()
      .find((b) => b.reason === 'replaced by pchat init')!;
    expect(fs.readFileSync(path.join(store.files.backups, kept.id, 'messages.jsonl'), 'utf8')).not.toContain(
      '"m-0"',
    );
  });
});

describe('a damaged records file', () => {
  it('stops readers and commits with StoreDamaged naming its line, and is never appended to', async () => {
    await open(RECORDS);
    await run(`Clear-CsPersistentChatRoom -Identity "${POOL}\\ItRoom" -EndDate "2/1/2018"`);
    const good = fs.readFileSync(store.files.removals, 'utf8');
    fs.appendFileSync(store.files.removals, '{"rev":1,"at":"here"}\n');
    expect(() => [...store.ports().messages.scan({})]).toThrow(
      expect.objectContaining({code: 'StoreDamaged', path: store.files.removals}),
    );
    const result = await session.run(
      `Clear-CsPersistentChatRoom -Identity "${POOL}\\HelpRoom" -EndDate "2/1/2018"`,
    );
    expect(result.storeFailure).toMatchObject({kind: 'StoreDamaged', path: store.files.removals});
    expect(fs.readFileSync(store.files.removals, 'utf8')).toBe(`${good}{"rev":1,"at":"here"}\n`);
  });
});

describe('records left beside a log written whole', () => {
  it('are ignored by every reader, since none matches its line', async () => {
    await open(RECORDS);
    await run(
      `Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" -UserUri "${ANA}" -ReplaceMessage "gone"`,
    );
    await run(`Clear-CsPersistentChatRoom -Identity "${POOL}\\HelpRoom" -EndDate "1/20/2018"`);
    const stale = fs.readFileSync(store.files.removals);
    const expected = shown();
    // A compaction as a crash between its two steps leaves it: the new log, the old records.
    fs.writeFileSync(store.files.messages, expected);
    fs.writeFileSync(store.files.removals, stale);
    expect(shown()).toBe(expected);
    for (const room of ROOMS)
      expect(ids(store.ports().messages.scan({roomIds: [room.id]}))).toEqual(
        ids(MESSAGES.filter((m) => m.roomId === room.id && expected.includes(`"${m.id}"`))),
      );
  });
});
