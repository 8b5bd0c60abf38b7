// The export's zip writer (zip-bridge.ts startZip, zip-write-worker.ts): the container is the one yazl
// wrote before it, byte for byte, whichever entries were deflated early; an entry larger than a piece
// is still one deflate stream that inflates to its bytes; a writer that fails or is abandoned leaves
// no zip.

import fs from 'node:fs';
import path from 'node:path';
import {Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {afterAll, describe, expect, it} from 'vitest';
import yazl from 'yazl';
import {startZip, type ZipEntrySource} from '../../src/store/zip-bridge.js';
import {entriesOf} from '../helpers/archive-stores.js';
import {tempDir} from '../helpers/pchat-process.js';

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

/** Entries sharing one staged file (one of them empty, one with a non-ASCII name) and one of their own. */
function stage(dir: string): {entries: ZipEntrySource[]; data: Map<string, Buffer>} {
  const shared = path.join(dir, 'shared');
  const parts = [
    ['manifest.json', Buffer.from(JSON.stringify({format: 1, entries: ['a', 'b']}))],
    ['messages/0.jsonl', Buffer.from('{"id":"m1","roomId":"r1","text":"héllo"}\n'.repeat(3000))],
    ['messages/1.jsonl', Buffer.alloc(0)],
    ['messages/ünï.jsonl', Buffer.from(Array.from({length: 5000}, (_, i) => `line ${i * 7919}\n`).join(''))],
  ] as const;
  const entries: ZipEntrySource[] = [];
  let start = 0;
  for (const [name, bytes] of parts) {
    entries.push({name, file: shared, start, bytes: bytes.length});
    start += bytes.length;
  }
  fs.writeFileSync(shared, Buffer.concat(parts.map(([, bytes]) => bytes)));
  const own = path.join(dir, 'own');
  const ownBytes = Buffer.from('x'.repeat(70_000));
  fs.writeFileSync(own, ownBytes);
  entries.push({name: 'rooms.json', file: own, bytes: ownBytes.length});
  return {
    entries,
    data: new Map([...parts.map(([n, b]) => [n, Buffer.from(b)] as const), ['rooms.json', ownBytes]]),
  };
}

/** The zip yazl wrote for these entries, with the options the export gave it. */
async function yazlZip(output: string, entries: readonly ZipEntrySource[]): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  const done = pipeline(archive.outputStream, fs.createWriteStream(output, {flags: 'wx'}));
  for (const entry of entries)
    archive.addReadStreamLazy(
      entry.name,
      {mtime: new Date(2000, 0, 1), mode: 0o100600, size: entry.bytes, compressionLevel: 3},
      (callback) => {
        const start = entry.start ?? 0;
        const bytes = fs.readFileSync(entry.file).subarray(start, start + entry.bytes);
        callback(null, Readable.from(bytes.length === 0 ? [] : [bytes]));
      },
    );
  archive.end();
  await done;
  return fs.readFileSync(output);
}

describe('startZip', () => {
  it('writes the same bytes as yazl did, whether entries were added early or only at the finish', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'same-'));
    const {entries} = stage(dir);
    const expected = await yazlZip(path.join(dir, 'yazl.zip'), entries);
    const early = startZip(path.join(dir, 'early.zip'), path.join(dir, 'scratch-early'));
    early.add(entries.slice(2));
    early.add(entries.slice(1, 2));
    expect(early.finish(entries)).toEqual({ok: true, bytes: expected.length});
    const late = startZip(path.join(dir, 'late.zip'), path.join(dir, 'scratch-late'));
    expect(late.finish(entries).ok).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'early.zip')).equals(expected)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'late.zip')).equals(expected)).toBe(true);
    expect(fs.statSync(path.join(dir, 'early.zip')).mode & 0o777).toBe(0o600);
  });

  it('deflates an entry larger than a piece as one stream that inflates to its bytes', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'pieces-'));
    const {entries, data} = stage(dir);
    const output = path.join(dir, 'pieces.zip');
    const zip = startZip(output, path.join(dir, 'scratch'), 1000);
    expect(zip.finish(entries).ok).toBe(true);
    const read = await entriesOf(fs.readFileSync(output));
    expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    for (const entry of read) expect(entry.data.equals(data.get(entry.name) as Buffer)).toBe(true);
  });

  it('answers with the problem and writes no zip when a staged file is shorter than its entry', () => {
    const dir = fs.mkdtempSync(path.join(root, 'short-'));
    const {entries} = stage(dir);
    const output = path.join(dir, 'short.zip');
    const zip = startZip(output, path.join(dir, 'scratch'));
    const cut = entries.map((e) => (e.name === 'rooms.json' ? {...e, bytes: e.bytes + 1} : e));
    zip.add(cut);
    const answer = zip.finish(cut);
    expect(answer.ok).toBe(false);
    expect(answer.ok ? '' : answer.problem).toContain('a staged file ended early');
    expect(fs.existsSync(output)).toBe(false);
  });

  it('never writes over an existing file', () => {
    const dir = fs.mkdtempSync(path.join(root, 'exists-'));
    const {entries} = stage(dir);
    const output = path.join(dir, 'there.zip');
    fs.writeFileSync(output, 'mine');
    const answer = startZip(output, path.join(dir, 'scratch')).finish(entries);
    expect(answer.ok).toBe(false);
    expect(fs.readFileSync(output, 'utf8')).toBe('mine');
  });
});
