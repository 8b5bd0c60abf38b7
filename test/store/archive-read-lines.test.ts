// The check of an archive's message lines (archive-read.ts): a line of printable ASCII in the log's
// form is read from its bytes, neither decoded to text nor its date given to Date.parse (a million
// of each on L was most of the check's time, P6), and any other line takes the full path, which
// names what is wrong with it as before.

import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import type {StagedSpan} from '../../src/domain/ports.js';
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

/** The archive with the first room's entry, as text, edited and the manifest resealed (or not). */
async function withFirstEntry(
  edit: (text: string) => string,
  seal: (list: RawEntry[]) => RawEntry[] = resealed,
): Promise<Uint8Array> {
  const name = 'messages/0.jsonl';
  const changed = (e: RawEntry): RawEntry =>
    e.name === name ? {name, data: Buffer.from(edit(e.data.toString('utf8')))} : e;
  return zipOf(seal(entries.map(changed)));
}

/** An edit of the entry's first line. */
const firstLine =
  (edit: (line: string) => string) =>
  (text: string): string => {
    const newline = text.indexOf('\n');
    return edit(text.slice(0, newline)) + text.slice(newline);
  };

/** An edit of the first line's text, where it starts. */
const text = (edit: (l: string) => string) => firstLine((l) => l.replace('"text":"', edit('"text":"')));

function read(
  data: Uint8Array,
  staged: (spans: readonly StagedSpan[]) => void = () => {},
): {ok: true} | {ok: false; problem: string} {
  const files = storeFiles(target);
  const checked = readArchive(files, {kind: 'bytes', data});
  if (!checked.ok) return checked;
  staged(checked.archive.messageSpans);
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

/** A read through fs.readSync at a position: the file, the open it was made through, what it got. */
interface Read {
  readonly file: string;
  readonly open: number;
  readonly position: number;
  readonly bytes: number;
}

/** An open through fs.openSync: the file, and the order of the call among those of the spies. */
interface Open {
  readonly file: string;
  readonly order: number;
}

/** The opens while `action` runs, and the positioned reads of what they opened, each with its open. */
function readsDuring(action: () => void): {opens: Open[]; reads: Read[]} {
  const open = vi.spyOn(fs, 'openSync');
  const readSync = vi.spyOn(fs, 'readSync');
  let opens: {file: string; fd: unknown; order: number}[];
  let reads: {fd: unknown; position: unknown; bytes: unknown; order: number}[];
  try {
    action();
  } finally {
    opens = open.mock.calls.map((args, i) => ({
      file: String(args[0]),
      fd: open.mock.results[i]?.value as unknown,
      order: open.mock.invocationCallOrder[i] ?? 0,
    }));
    reads = readSync.mock.calls.map((args, i) => ({
      fd: args[0],
      // fs.readSync(fd, buffer, offset, length, position), the form the store calls.
      position: (args as unknown[])[4],
      bytes: readSync.mock.results[i]?.value as unknown,
      order: readSync.mock.invocationCallOrder[i] ?? 0,
    }));
    open.mockRestore();
    readSync.mockRestore();
  }
  const positioned = reads.flatMap(({fd, position, bytes, order}) => {
    // The last open before the read that gave its descriptor: a closed one's number is given again.
    const from = opens.findLast((o) => o.fd === fd && o.order < order);
    return from && typeof position === 'number' && typeof bytes === 'number'
      ? [{file: from.file, open: from.order, position, bytes}]
      : [];
  });
  return {opens: opens.map(({file, order}) => ({file, order})), reads: positioned};
}

describe("an archived message entry's ends: no byte order mark, and a newline last", () => {
  const entry = 'messages/0.jsonl';
  const lineCount = (): number =>
    entries
      .find((e) => e.name === entry)!
      .data.toString('utf8')
      .split('\n').length - 1;

  it('reads each message entry once, in one pass from one open, its first and last bytes with the rest', async () => {
    // A text of its own: an archive checked before is only hashed again (archive-read.ts).
    const data = await withFirstEntry(text((t) => `${t}one read `));
    let spans: readonly StagedSpan[] = [];
    const {opens, reads} = readsDuring(() =>
      expect(read(data, (staged) => (spans = staged))).toEqual({ok: true}),
    );
    const [filled, empty] = [spans.filter((s) => s.bytes > 0), spans.filter((s) => s.bytes === 0)];
    expect(filled.length).toBeGreaterThan(0);
    expect(empty.length).toBeGreaterThan(0);
    for (const span of filled) {
      const within = reads.filter(
        (r) => r.file === span.file && r.position >= span.start && r.position < span.start + span.bytes,
      );
      expect(new Set(within.map((r) => r.open)).size).toBe(1);
      let at = span.start;
      for (const r of within) {
        expect(r.position).toBe(at);
        at += r.bytes;
      }
      expect(at).toBe(span.start + span.bytes);
    }
    // An empty entry is opened once to be read (it has nothing to read); a document never is empty.
    const unread = opens.filter((o) => o.file === filled[0]?.file && !reads.some((r) => r.open === o.order));
    expect(unread).toHaveLength(empty.length);
  });

  const bad = firstLine((l) => l.replace('{', '{ '));
  const noNewline = (t: string): string => t.slice(0, -1);
  const bom = (t: string): string => `\ufeff${t}`;
  const asIs = (list: RawEntry[]): RawEntry[] => list;
  // Refused as before the ends were noted in the entry's one read: the ends first, then its lines,
  // and a line or end refused in an entry whose checksum does not match is the checksum.
  it.each([
    ['bytes after the last newline', noNewline, resealed, 'its last line has no newline'],
    [
      'a last byte that is not a newline',
      (t: string) => `${noNewline(t)} `,
      resealed,
      'its last line has no newline',
    ],
    ['a first line cut short', (t: string) => t.slice(0, 20), resealed, 'its last line has no newline'],
    [
      'a bad line and no newline last',
      (t: string) => noNewline(bad(t)),
      resealed,
      'its last line has no newline',
    ],
    [
      'invalid UTF-8 and no newline last',
      (t: string) => noNewline(text((x) => `${x}\udc00`)(t)),
      resealed,
      'its last line has no newline',
    ],
    ['a byte order mark', bom, resealed, 'it starts with a byte order mark'],
    [
      'a byte order mark and no newline last',
      (t: string) => bom(noNewline(t)),
      resealed,
      'it starts with a byte order mark',
    ],
    ['a byte order mark alone', () => '\ufeff', resealed, 'it starts with a byte order mark'],
    [
      'a byte order mark and a line',
      (t: string) => `\ufeff\n${t}`,
      resealed,
      'it starts with a byte order mark',
    ],
    ['a bad first line', bad, resealed, 'line 1 is not written as the message log writes it'],
    ['an empty entry', () => '', resealed, (n: number) => `it holds 0 messages, content.json says ${n}`],
    ['a newline alone', () => '\n', resealed, 'it is not valid UTF-8 JSON Lines'],
    [
      'a line fewer',
      (t: string) => t.slice(t.indexOf('\n') + 1),
      resealed,
      (n: number) => `it holds ${n - 1} messages, content.json says ${n}`,
    ],
    ['a changed text', text((t) => `${t}changed `), asIs, 'its checksum does not match the manifest'],
    ['no newline last, not resealed', noNewline, asIs, 'its checksum does not match the manifest'],
    ['a byte order mark, not resealed', bom, asIs, 'its checksum does not match the manifest'],
    ['a bad first line, not resealed', bad, asIs, 'its checksum does not match the manifest'],
  ] as const)('refuses an entry with %s as before', async (_, edit, seal, problem) => {
    const reason = typeof problem === 'string' ? problem : problem(lineCount());
    expect(read(await withFirstEntry(edit, seal))).toEqual({ok: false, problem: `${entry}: ${reason}`});
  });
});
