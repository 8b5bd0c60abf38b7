// The check of an archive's message lines (archive-read.ts): a line of printable ASCII in the log's
// form is read from its bytes, neither decoded to text nor its date given to Date.parse (a million
// of each on L was most of the check's time, P6), and any other line takes the full path, which
// names what is wrong with it as before.

import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {discardArchive, readArchive} from '../../src/store/archive-read.js';
import {storeFiles} from '../../src/store/store-files.js';
import {demoArchive, emptyStore, resealed, zipOf, type RawEntry} from '../helpers/archive-stores.js';
import {tempDir} from '../helpers/pchat-process.js';

let root: string;
let target: string;
let entries: RawEntry[];

beforeAll(async () => {
  root = tempDir();
  entries = (await demoArchive(root)).entries;
  target = await emptyStore(root);
});
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

const messageLines = (): string[] =>
  entries
    .filter((e) => e.name.startsWith('messages/'))
    .flatMap((e) => e.data.toString('utf8').split('\n'))
    .filter((l) => l !== '');

/** The archive with the first room's entry, as text, edited and the manifest resealed. */
async function withFirstEntry(edit: (text: string) => string): Promise<Uint8Array> {
  const name = 'messages/0.jsonl';
  const changed = (e: RawEntry): RawEntry =>
    e.name === name ? {name, data: Buffer.from(edit(e.data.toString('utf8')))} : e;
  return zipOf(resealed(entries.map(changed)));
}

/** An edit of the entry's first line. */
const firstLine =
  (edit: (line: string) => string) =>
  (text: string): string => {
    const newline = text.indexOf('\n');
    return edit(text.slice(0, newline)) + text.slice(newline);
  };

function read(data: Uint8Array): {ok: true} | {ok: false; problem: string} {
  const files = storeFiles(target);
  const checked = readArchive(files, {kind: 'bytes', data});
  if (!checked.ok) return checked;
  discardArchive(files, checked.archive);
  return {ok: true};
}

describe("the check of an archive's message lines", () => {
  it('reads a line of printable ASCII from its bytes: no line decoded, no Date.parse', async () => {
    const lines = messageLines();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => /^[\x20-\x7e]*$/.test(l) && !l.includes('\\'))).toBe(true);
    const data = await zipOf(entries);
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    const parse = vi.spyOn(Date, 'parse');
    try {
      expect(read(data)).toEqual({ok: true});
      const decodedLines = decode.mock.results.filter(
        (r) => typeof r.value === 'string' && r.value.startsWith('{"id":'),
      );
      expect(decodedLines).toHaveLength(0);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      decode.mockRestore();
      parse.mockRestore();
    }
  });

  const text = (edit: (l: string) => string) => firstLine((l) => l.replace('"text":"', edit('"text":"')));
  it.each([
    ['a text past ASCII', text((t) => `${t}é ✓ `), null],
    ['an escaped quote', text((t) => `${t}\\"`), null],
    ['a date in another form', firstLine((l) => l.replace(/\.\d{3}Z"/, 'Z"')), null],
    [
      'another room',
      firstLine((l) => l.replace(/"roomId":"[^"]+"/, '"roomId":"other"')),
      /line 1 belongs to another room/,
    ],
    [
      'no date',
      firstLine((l) => l.replace(/"postedAt":"[^"]+"/, '"postedAt":"soon"')),
      /line 1 has no valid PostedAt/,
    ],
    ['a space', firstLine((l) => l.replace('{', '{ ')), /line 1 is not written as the message log writes it/],
    [
      'a number for a string',
      firstLine((l) => l.replace(/"author":"[^"]+"/, '"author":1')),
      /line 1 is not a chat message/,
    ],
    ['a raw control character', text((t) => `${t}\u0001`), /not valid UTF-8 JSON Lines/],
    // Random, so that the entry is not refused for its compression ratio first.
    [
      'a text of more than 1 MiB',
      text((t) => t + randomBytes(800_000).toString('base64')),
      /line 1 is too long/,
    ],
    ['bytes after the last newline', (t: string) => t.slice(0, -1), /its last line has no newline/],
    ['a byte order mark', (t: string) => `\ufeff${t}`, /it starts with a byte order mark/],
  ] as const)('reads a line with %s through the full path', async (_, edit, refused) => {
    const result = read(await withFirstEntry(edit));
    if (refused === null) expect(result).toEqual({ok: true});
    else expect(result).toEqual({ok: false, problem: expect.stringMatching(refused) as unknown});
  });
});
