// Import-CsPersistentChatData refuses a damaged or hostile archive before it changes anything: the
// target store is byte-identical after every refusal, and nothing is ever half imported.

import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fingerprint, tempDir} from '../helpers/pchat-process.js';
import {
  POOL1,
  demoStore,
  emptyStore,
  entriesOf,
  resealed,
  run,
  sessionOn,
  zipOf,
  type RawEntry,
} from '../helpers/archive-stores.js';
import type {LineRun} from '../../src/session.js';

let root: string;
let target: string;
let pristine: string;
let valid: Uint8Array;
let entries: RawEntry[];
let expectedMessages: number;

beforeAll(async () => {
  root = tempDir();
  process.on('exit', () => fs.rmSync(root, {recursive: true, force: true}));
  const source = await sessionOn(await demoStore(root));
  await run(source, `$b = Export-CsPersistentChatData -DBInstance "${POOL1}" -AsBytes`);
  valid = (source.variables.get('b') as {data: Uint8Array}).data;
  entries = await entriesOf(valid);
  target = await emptyStore(root);
  pristine = path.join(root, 'pristine');
  fs.cpSync(target, pristine, {recursive: true});
  const manifest = JSON.parse(entryText('manifest.json')) as {counts: {messages: number}};
  expectedMessages = manifest.counts.messages;
});

const entryText = (name: string, from: readonly RawEntry[] = entries): string =>
  from.find((e) => e.name === name)!.data.toString('utf8');

const replace = (name: string, data: Buffer | string): RawEntry[] =>
  entries.map((e) => (e.name === name ? {name, data: Buffer.isBuffer(data) ? data : Buffer.from(data)} : e));

async function importBytes(bytes: Uint8Array): Promise<LineRun> {
  const session = await sessionOn(target);
  session.variables.set('b', {kind: 'bytes', data: bytes});
  const result = await session.run(`Import-CsPersistentChatData -DBInstance "${POOL1}" -ByteInput $b`);
  session.store.close();
  return result;
}

function messageCount(): number {
  return fs
    .readFileSync(path.join(target, 'messages.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '').length;
}

/** Never a crash, never a partial import: refused with nothing changed, or imported in full. */
async function refusedOrWhole(bytes: Uint8Array): Promise<'refused' | 'imported'> {
  const before = fingerprint(target);
  const result = await importBytes(bytes);
  expect(result.storeFailure).toBeNull();
  if (!result.ok) {
    expect(result.errors.map((e) => e.errorId)).toEqual(['InvalidValue']);
    expect(fingerprint(target)).toBe(before);
    return 'refused';
  }
  expect(messageCount()).toBe(expectedMessages);
  fs.rmSync(target, {recursive: true});
  fs.cpSync(pristine, target, {recursive: true});
  return 'imported';
}

const line = (): string => entryText('messages/0.jsonl').split('\n')[0]!;
const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);

const hostile: readonly [string, () => RawEntry[], RegExp][] = [
  [
    'an entry named with ".."',
    () => resealed([...entries, {name: '../evil.json', data: Buffer.from('{}')}]),
    /"\.\."/,
  ],
  [
    'an absolute entry name',
    () => resealed([...entries, {name: '/etc/evil.json', data: Buffer.from('{}')}]),
    /absolute/,
  ],
  [
    'a drive-letter entry name',
    () => resealed([...entries, {name: 'C:/evil.json', data: Buffer.from('{}')}]),
    /absolute/,
  ],
  [
    'a backslash in an entry name',
    () => resealed([...entries, {name: 'messages\\9.jsonl', data: Buffer.from('')}]),
    /backslash/,
  ],
  [
    'an entry the format does not know',
    () => resealed([...entries, {name: 'extra.txt', data: Buffer.from('x')}]),
    /not a part/,
  ],
  [
    'an entry the manifest does not list',
    () => [...entries, {name: 'messages/99.jsonl', data: Buffer.from('')}],
    /does not list/,
  ],
  [
    'a second entry of the same name',
    () => [...entries, entries.find((e) => e.name === 'users.json')!],
    /twice/,
  ],
  ['no manifest', () => entries.filter((e) => e.name !== 'manifest.json'), /no manifest/],
  [
    'a __proto__ key in the manifest',
    () => replace('manifest.json', entryText('manifest.json').replace('{', '{"__proto__":{"polluted":1},')),
    /__proto__/,
  ],
  [
    'a constructor.prototype key in a document',
    () => resealed(replace('categories.json', '[{"constructor":{"prototype":{"x":1}}}]')),
    /__proto__ or constructor/,
  ],
  [
    'an unknown key in a document',
    () => resealed(replace('addins.json', entryText('addins.json').replace('{', '{"owner":"x",'))),
    /addins\.json/,
  ],
  [
    'a byte order mark before a document',
    () =>
      resealed(
        replace(
          'rooms.json',
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(entryText('rooms.json'))]),
        ),
      ),
    /byte order mark/,
  ],
  [
    'a byte order mark before a message file',
    () =>
      resealed(
        replace(
          'messages/0.jsonl',
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(entryText('messages/0.jsonl'))]),
        ),
      ),
    /byte order mark/,
  ],
  [
    'invalid UTF-8 in a message',
    () =>
      resealed(
        replace(
          'messages/0.jsonl',
          Buffer.concat([
            Buffer.from(line().slice(0, 40)),
            Buffer.from([0xc3, 0x28]),
            Buffer.from(`${line().slice(40)}\n`),
          ]),
        ),
      ),
    /UTF-8/,
  ],
  [
    'invalid UTF-8 in a document',
    () =>
      resealed(
        replace('users.json', Buffer.concat([Buffer.from('["'), Buffer.from([0xff]), Buffer.from('"]')])),
      ),
    /UTF-8/,
  ],
  ['a document nested too deep', () => resealed(replace('rooms.json', deep(100))), /deeper/],
  [
    'a wrong checksum',
    () => replace('categories.json', entryText('categories.json').replace('IT', 'Xt')),
    /checksum/,
  ],
  [
    'a message of another room',
    () =>
      resealed(replace('messages/0.jsonl', `${line().replace(/"roomId":"[^"]+"/, '"roomId":"other"')}\n`)),
    /another room/,
  ],
  [
    'a __proto__ key in a message',
    () => resealed(replace('messages/0.jsonl', `${line().replace('{', '{"__proto__":{"x":1},')}\n`)),
    /messages\/0\.jsonl: it is not valid UTF-8 JSON Lines/,
  ],
  [
    'a __proto__ key spelled with an escape in a message',
    () => resealed(replace('messages/0.jsonl', `${line().replace('{', '{"\\u005f_proto__":{"x":1},')}\n`)),
    /messages\/0\.jsonl: it is not valid UTF-8 JSON Lines/,
  ],
  [
    'a message not written as the log writes it',
    () => resealed(replace('messages/0.jsonl', `${line().replace('{', '{ ')}\n`)),
    /as the message log/,
  ],
  ['message counts that do not add up', () => resealed(replace('messages/0.jsonl', '')), /messages/],
  [
    'a folder entry',
    () => resealed([...entries, {name: 'messages/', data: Buffer.alloc(0)}]),
    /folder|not a part/,
  ],
  [
    'a compression bomb',
    () => resealed(replace('messages/0.jsonl', Buffer.alloc(64 * 1024 * 1024))),
    /times its compressed size/,
  ],
  [
    // A few KiB compressed: the worker inflates it whole, capped at the ratio's limit (zip-worker.ts).
    'a compression bomb in an entry small enough to be inflated whole',
    () => resealed(replace('messages/0.jsonl', Buffer.alloc(4 * 1024 * 1024))),
    /entry \d+ inflates more than 200 times its compressed size/,
  ],
];

describe('Import-CsPersistentChatData refuses a hostile archive and changes nothing', () => {
  it.each(hostile)('%s', async (_name, build, reason) => {
    const before = fingerprint(target);
    const result = await importBytes(await zipOf(build()));
    expect(result.storeFailure).toBeNull();
    expect(result.errors.map((e) => e.errorId)).toEqual(['InvalidValue']);
    expect(result.errors[0]?.message).toMatch(reason);
    expect(fingerprint(target)).toBe(before);
    expect(fs.readdirSync(target).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('imports the untouched archive in full (the cases above differ from it only in their damage)', async () => {
    expect(await refusedOrWhole(await zipOf(entries))).toBe('imported');
  });

  it('refuses a message file changed under a manifest whose archive was checked and imported before', async () => {
    expect(await refusedOrWhole(await zipOf(entries))).toBe('imported');
    const changed = `${line().replace(/"text":"[^"]*"/, '"text":"changed"')}\n`;
    const before = fingerprint(target);
    const result = await importBytes(await zipOf(replace('messages/0.jsonl', changed)));
    expect(result.errors.map((e) => e.errorId)).toEqual(['InvalidValue']);
    expect(result.errors[0]?.message).toMatch(/messages\/0\.jsonl: its checksum/);
    expect(fingerprint(target)).toBe(before);
  });
});

describe('damaged archives, at random', () => {
  // Each run imports or refuses a whole archive: half the runs in npm test, twice as many under the
  // stress suite (npm run test:stress), which prints the count.
  const STRESS = process.env['PCHAT_STRESS'] === '1';
  const timeout = STRESS ? 600_000 : 30_000;
  let runs = 0;
  let failures = 0;
  afterAll(() => {
    if (STRESS) console.log(`stress: damaged archives ${runs} runs, ${failures} failures`);
  });
  const check = async <Ts extends [unknown, ...unknown[]]>(
    property: fc.IAsyncPropertyWithHooks<Ts>,
    full: number,
  ): Promise<void> => {
    const numRuns = STRESS ? full * 2 : Math.ceil(full / 2);
    runs += numRuns;
    await fc.assert(property, {numRuns}).catch((error: unknown) => {
      failures += 1;
      throw error;
    });
  };

  it(
    'a truncated archive is refused and the store is unchanged',
    async () => {
      await check(
        fc.asyncProperty(fc.integer({min: 0, max: valid.length - 1}), async (cut) => {
          expect(await refusedOrWhole(valid.subarray(0, cut))).toBe('refused');
        }),
        15,
      );
    },
    timeout,
  );

  it(
    'an archive with flipped bits is refused, or imported whole when the bits did not matter',
    async () => {
      await check(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.integer({min: 0, max: valid.length - 1}), fc.integer({min: 0, max: 7})), {
            minLength: 1,
            maxLength: 4,
          }),
          async (flips) => {
            const bytes = Uint8Array.from(valid);
            for (const [at, bit] of flips) bytes[at]! ^= 1 << bit;
            await refusedOrWhole(bytes);
          },
        ),
        25,
      );
    },
    timeout,
  );

  it(
    'random bytes inside a message, resealed with good checksums, never import part of the archive',
    async () => {
      await check(
        fc.asyncProperty(fc.uint8Array({minLength: 1, maxLength: 8}), fc.nat(), async (junk, where) => {
          const text = Buffer.from(entryText('messages/0.jsonl'));
          const at = where % text.length;
          const damaged = Buffer.concat([text.subarray(0, at), junk, text.subarray(at)]);
          await refusedOrWhole(await zipOf(resealed(replace('messages/0.jsonl', damaged))));
        }),
        20,
      );
    },
    timeout,
  );

  it(
    'random bytes instead of an archive are refused',
    async () => {
      await check(
        fc.asyncProperty(fc.uint8Array({maxLength: 2048}), async (bytes) => {
          expect(await refusedOrWhole(bytes)).toBe('refused');
        }),
        15,
      );
    },
    timeout,
  );
});
