import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Effect} from '../../src/domain/ports.js';
import type {ChatMessage} from '../../src/domain/types.js';
import {
  createStore,
  openStore,
  resolveExportPath,
  storeFiles,
  type FileStore,
} from '../../src/store/file-store.js';
import {
  NOW,
  addPolicy,
  message,
  modeOf,
  readLinesOf,
  removeDir,
  sampleState,
  snapshot,
  tempDir,
} from './fixtures.js';

let root: string;
let dir: string;
let store: FileStore;
// A tiny read size puts chunk boundaries inside lines and inside multi-byte characters.
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 300, chunkBytes: 7};

const initial: ChatMessage[] = [
  message(1, 'room-1'),
  message(2, 'room-2', 'héllo wörld ✓ 𝄞'),
  message(3, 'room-1'),
  message(4, 'room-3'),
];

beforeEach(async () => {
  root = tempDir();
  dir = path.join(root, 'store');
  store = await createStore(dir, sampleState(), initial, options);
});
afterEach(() => removeDir(root));

const commitEffects = (effects: readonly Effect[], name = 'x') =>
  store.commit((fresh) => ({plan: addPolicy(fresh, name, effects), result: null}));
const allMessages = (s: FileStore = store): ChatMessage[] => [...s.ports().messages.scan({})];

describe('message scans', () => {
  it.each([
    ['all', {}, ['m1', 'm2', 'm3', 'm4']],
    ['one room', {roomIds: ['room-1']}, ['m1', 'm3']],
    ['two rooms with a limit', {roomIds: ['room-1', 'room-3'], limit: 2}, ['m1', 'm3']],
    ['an author, any case', {author: 'SIP:ANA@example.org', roomIds: ['room-2']}, ['m2']],
    ['a time window', {from: message(2).postedAt, to: message(3).postedAt}, ['m2', 'm3']],
    ['a zero limit', {limit: 0}, []],
  ])('filter by %s', (_name, query, ids) => {
    expect(allMessages().length).toBe(4);
    expect([...store.ports().messages.scan(query)].map((m) => m.id)).toEqual(ids);
  });

  it('reads multi-byte text across chunk boundaries unchanged', () => {
    expect(allMessages()[1]!.text).toBe('héllo wörld ✓ 𝄞');
  });

  it('does not count a last line still being appended by another process', () => {
    fs.appendFileSync(storeFiles(dir).messages, '{"id":"m9","roomId":"room-1"');
    expect(allMessages().map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });
});

describe('appendMessages', () => {
  it('appends the messages as lines in the same commit as the state', async () => {
    await commitEffects([{kind: 'appendMessages', messages: [message(5), message(6, 'room-2')]}]);
    expect(allMessages().map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect((await store.read()).revision).toBe(1);
  });

  it('writes control, separator and bidi characters as escapes that read back the same', async () => {
    const text = 'a\u001b[2J\u0085b\u2028c\u202ed\r\ne';
    await commitEffects([{kind: 'appendMessages', messages: [message(5, 'room-1', text)]}]);
    const raw = fs.readFileSync(storeFiles(dir).messages, 'utf8').split('\n').at(-2)!;
    for (const c of ['\u001b', '\u0085', '\u2028', '\u202e', '\r']) expect(raw.includes(c)).toBe(false);
    expect(raw).toContain('\\u001b[2J');
    expect(allMessages().at(-1)!.text).toBe(text);
  });
});

describe('rewriteMessages', () => {
  it('changes only the listed rooms and copies every other line byte for byte', async () => {
    const file = storeFiles(dir).messages;
    const otherLines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('room-2') || l.includes('room-3'));
    await commitEffects([
      {
        kind: 'rewriteMessages',
        roomIds: ['room-1'],
        rewrite: (m) => (m.id === 'm1' ? null : {...m, text: 'edited', replaced: true}),
      },
    ]);
    expect(allMessages().map((m) => [m.id, m.text])).toEqual([
      ['m2', 'héllo wörld ✓ 𝄞'],
      ['m3', 'edited'],
      ['m4', 'message 4'],
    ]);
    expect(
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.includes('room-2') || l.includes('room-3')),
    ).toEqual(otherLines);
  });

  it('passes messages appended earlier in the same commit through the rewrite, in order', async () => {
    await commitEffects([
      {kind: 'appendMessages', messages: [message(5, 'room-1')]},
      {kind: 'rewriteMessages', roomIds: 'all', rewrite: (m) => (m.roomId === 'room-1' ? null : m)},
      {kind: 'appendMessages', messages: [message(6, 'room-1')]},
    ]);
    expect(allMessages().map((m) => m.id)).toEqual(['m2', 'm4', 'm6']);
  });

  describe('of rooms dropped whole (dropsRooms)', () => {
    // Interleaved rooms, a line a hand wrote with its keys reordered (its room is parsed, not read
    // from its bytes), and lines appended in the same commit.
    const messages = Array.from({length: 40}, (_, i) => message(10 + i, `room-${i % 5}`, `text ✓ ${i}`));
    const reordered = (n: number, roomId: string): string => {
      const {id, roomId: room, ...rest} = message(n, roomId);
      return JSON.stringify({roomId: room, ...rest, id});
    };
    const effects = (dropsRooms?: readonly string[]): Effect[] => [
      {kind: 'appendMessages', messages: [message(90, 'room-1'), message(91, 'room-4')]},
      {
        kind: 'rewriteMessages',
        roomIds: 'all',
        rewrite: (m) => (m.roomId === 'room-1' || m.roomId === 'room-2' ? null : m),
        ...(dropsRooms ? {dropsRooms} : {}),
      },
    ];
    const logAfter = async (dropsRooms?: readonly string[]): Promise<string> => {
      const other = path.join(root, dropsRooms ? 'dropped' : 'decoded');
      const s = await createStore(other, sampleState(), [...initial, ...messages], options);
      fs.appendFileSync(
        storeFiles(other).messages,
        `${reordered(80, 'room-2')}\n${reordered(81, 'room-3')}\n`,
      );
      await s.commit((fresh) => ({plan: addPolicy(fresh, 'x', effects(dropsRooms)), result: null}));
      return fs.readFileSync(storeFiles(other).messages, 'utf8');
    };

    it('leaves the same log, byte for byte, as the rewrite that decodes every line', async () => {
      const decoded = await logAfter();
      expect(decoded).not.toContain('"roomId":"room-1"');
      expect(decoded).toContain('"id":"m81"');
      expect(decoded).toContain('"id":"m91"');
      expect(await logAfter(['room-1', 'room-2'])).toBe(decoded);
    });

    it('still stops at a line that is not a message, naming it', async () => {
      fs.appendFileSync(storeFiles(dir).messages, 'not a message\n');
      await expect(commitEffects(effects(['room-1', 'room-2']))).rejects.toMatchObject({
        code: 'StoreDamaged',
        message: expect.stringContaining('line 5') as unknown,
      });
    });
  });

  it('keeps the message log mode', async () => {
    fs.chmodSync(storeFiles(dir).messages, 0o640);
    await commitEffects([{kind: 'rewriteMessages', roomIds: 'all', rewrite: () => null}]);
    expect(allMessages()).toEqual([]);
    expect(modeOf(storeFiles(dir).messages)).toBe(0o640);
  });
});

describe('backups', () => {
  it('copies the state and messages as they were before the change, with meta.json', async () => {
    await commitEffects([
      {kind: 'backup', reason: 'Before failover of pc1.dc1!'},
      {kind: 'appendMessages', messages: [message(5)]},
    ]);
    const [info] = store.ports().backups.list();
    expect(info).toMatchObject({
      reason: 'Before failover of pc1.dc1!',
      revision: 0,
      createdAt: NOW.toISOString(),
    });
    expect(info!.id).toBe('20260115T120000Z-0-before-failover-of-pc1-dc1');
    const backupDir = path.join(storeFiles(dir).backups, info!.id);
    expect(readLinesOf(path.join(backupDir, 'messages.jsonl'))).toHaveLength(4);
    expect(
      fs.statSync(path.join(backupDir, 'state.json')).size +
        fs.statSync(path.join(backupDir, 'messages.jsonl')).size,
    ).toBe(info!.bytes);
    expect(
      (JSON.parse(fs.readFileSync(path.join(backupDir, 'state.json'), 'utf8')) as {revision: number})
        .revision,
    ).toBe(0);
  });

  it('keeps the newest 20', async () => {
    for (let i = 0; i < 22; i += 1) await commitEffects([{kind: 'backup', reason: `round ${i}`}], `p${i}`);
    const list = store.ports().backups.list();
    expect(list).toHaveLength(20);
    expect(list.map((b) => b.revision)).toEqual(Array.from({length: 20}, (_, i) => i + 2));
    expect(fs.readdirSync(storeFiles(dir).backups)).toHaveLength(20);
  });
});

describe('restoreBackup', () => {
  it('backs up the current state, then restores state and messages with a new revision', async () => {
    await commitEffects([{kind: 'backup', reason: 'safe point'}], 'a');
    await commitEffects([{kind: 'rewriteMessages', roomIds: 'all', rewrite: () => null}], 'b');
    const [safePoint] = store.ports().backups.list();
    const outcome = await store.commit((fresh) => ({
      plan: {...addPolicy(fresh, 'ignored'), effects: [{kind: 'restoreBackup', id: safePoint!.id}]},
      result: null,
    }));
    expect(outcome.revision).toBe(3);
    const state = await store.read();
    expect(state.revision).toBe(3);
    expect(state.policies.map((p) => p.identity)).toEqual(['Global']);
    expect(allMessages().map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    const reasons = store
      .ports()
      .backups.list()
      .map((b) => [b.reason, b.revision]);
    expect(reasons).toEqual([
      ['safe point', 0],
      [`before restore of ${safePoint!.id}`, 2],
    ]);
  });

  it.each(['no-such-backup', '../store', '20260115T120000Z-0-missing'])(
    'refuses the unknown backup %s and writes nothing',
    async (id) => {
      const before = snapshot(dir);
      await expect(commitEffects([{kind: 'restoreBackup', id}])).rejects.toMatchObject({
        code: 'StoreNotFound',
      });
      expect(snapshot(dir)).toEqual(before);
    },
  );
});

describe('writeFile', () => {
  it('writes a new 0600 file under exports/, by name or by full path', async () => {
    const exportsDir = storeFiles(dir).exports;
    await commitEffects([
      {kind: 'writeFile', path: 'Export.zip', data: new Uint8Array([1, 2, 3])},
      {kind: 'writeFile', path: path.join(exportsDir, 'logs', 'compliance.xml'), data: '<xml/>'},
    ]);
    expect([...fs.readFileSync(path.join(exportsDir, 'Export.zip'))]).toEqual([1, 2, 3]);
    expect(fs.readFileSync(path.join(exportsDir, 'logs', 'compliance.xml'), 'utf8')).toBe('<xml/>');
    expect(modeOf(path.join(exportsDir, 'Export.zip'))).toBe(0o600);
    expect(fs.statSync(path.join(exportsDir, 'Export.zip')).nlink).toBe(1);
    expect(fs.readdirSync(exportsDir).sort()).toEqual(['Export.zip', 'logs']);
  });

  const refused: [string, string, string][] = [
    ['a parent escape', '../../etc/cron.d/x', 'StoreUnsafe'],
    ['an absolute path outside exports', '/etc/passwd', 'StoreUnsafe'],
    ['a nested escape', 'a/../../b', 'StoreUnsafe'],
    ['a control character', 'a\u001b.txt', 'StoreUnsafe'],
    ['an empty name', '', 'StoreUnsafe'],
  ];
  it.each(refused)('refuses %s and writes nothing', async (_name, target, code) => {
    const before = snapshot(root);
    await expect(commitEffects([{kind: 'writeFile', path: target, data: 'x'}])).rejects.toMatchObject({code});
    expect(snapshot(root)).toEqual(before);
  });

  it('says an absolute path elsewhere is outside the exports directory, for an export or an import alike', () => {
    const files = storeFiles(dir);
    const message = () => {
      try {
        resolveExportPath(files, '/etc/archive.zip');
      } catch (error) {
        return (error as Error).message;
      }
      return null;
    };
    expect(message()).toBe(
      `Cannot use /etc/archive.zip: it is outside the exports directory ${files.exports}. Export files, and the archives an import reads, are in the store's exports directory.`,
    );
  });

  it('refuses to overwrite an existing file, even within one commit', async () => {
    await commitEffects([{kind: 'writeFile', path: 'a.txt', data: 'first'}]);
    await expect(commitEffects([{kind: 'writeFile', path: 'a.txt', data: 'second'}])).rejects.toMatchObject({
      code: 'StoreExists',
    });
    await expect(
      commitEffects([
        {kind: 'writeFile', path: 'b.txt', data: '1'},
        {kind: 'writeFile', path: 'b.txt', data: '2'},
      ]),
    ).rejects.toMatchObject({code: 'StoreExists'});
    expect(fs.readFileSync(path.join(storeFiles(dir).exports, 'a.txt'), 'utf8')).toBe('first');
    expect(fs.existsSync(path.join(storeFiles(dir).exports, 'b.txt'))).toBe(false);
    expect((await store.read()).revision).toBe(1);
  });

  it('refuses to write through a symbolic link inside exports/', async () => {
    const outside = path.join(root, 'outside');
    fs.mkdirSync(outside);
    fs.mkdirSync(storeFiles(dir).exports);
    fs.symlinkSync(outside, path.join(storeFiles(dir).exports, 'sub'));
    fs.symlinkSync(path.join(outside, 'target'), path.join(storeFiles(dir).exports, 'dangling.txt'));
    await expect(commitEffects([{kind: 'writeFile', path: 'sub/x.txt', data: 'x'}])).rejects.toMatchObject({
      code: 'StoreUnsafe',
    });
    await expect(commitEffects([{kind: 'writeFile', path: 'dangling.txt', data: 'x'}])).rejects.toMatchObject(
      {code: 'StoreExists'},
    );
    expect(fs.readdirSync(outside)).toEqual([]);
  });
});

describe('a commit whose effects fail part way', () => {
  it.each([
    [
      'a rewrite that throws in the middle of the log',
      [
        {kind: 'backup', reason: 'first'},
        {
          kind: 'rewriteMessages',
          roomIds: 'all',
          rewrite: (m: ChatMessage) => {
            if (m.id === 'm3') throw new Error('rewrite failed');
            return m;
          },
        },
      ],
      /rewrite failed/,
    ],
    [
      'an export refused after a backup and an append were prepared',
      [
        {kind: 'backup', reason: 'first'},
        {kind: 'appendMessages', messages: [message(9)]},
        {kind: 'writeFile', path: '../escape.txt', data: 'x'},
      ],
      /exports directory/,
    ],
    [
      'a malformed new message',
      [{kind: 'appendMessages', messages: [{...message(9), postedAt: undefined}]}],
      /malformed/,
    ],
  ] as [string, Effect[], RegExp][])(
    'leaves the store exactly as it was after %s',
    async (_name, effects, error) => {
      const before = snapshot(root);
      await expect(commitEffects(effects)).rejects.toThrow(error);
      expect(snapshot(root)).toEqual(before);
    },
  );
});

describe('a second store instance', () => {
  it('sees the effects of the first one', async () => {
    await commitEffects([{kind: 'appendMessages', messages: [message(5)]}]);
    const other = await openStore(dir, options);
    expect(allMessages(other)).toHaveLength(5);
    expect([...other.ports().audit.scan({})]).toHaveLength(1);
  });
});
