// Reads an archive for import and checks all of it before anything changes: the zip (entry names,
// sizes and ratios counted while inflating), the manifest and documents (UTF-8 without BOM, depth,
// `__proto__`/`constructor` keys, strict schemas), every entry's SHA-256, and every message line
// (valid, in the log's own form, in its room, within the export's start date). Message files stay
// staged beside the store for the commit; nothing is read into memory whole except the documents.

import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  ARCHIVE_LIMITS,
  DOCUMENT_NAMES,
  archiveDocumentSchemas,
  archiveShapeProblem,
  entryNameProblem,
  isMessageEntryName,
  manifestSchema,
  type ArchiveDocuments,
  type ArchiveRoomContent,
  type Manifest,
} from '../domain/archive-format.js';
import type {ArchiveSource, Checked, StagedArchive, StagedSpan} from '../domain/ports.js';
import {stagingDir} from './archive-write.js';
import {collectGarbage} from './collect-garbage.js';
import {decodeJson} from './decode.js';
import {io, removeQuietly} from './durable-fs.js';
import {EndsSeen, HEAD_BYTES, endsProblem} from './entry-ends.js';
import {lockHolder} from './lock.js';
import {asciiMessageLine} from './message-line-bytes.js';
import {plainMessageLine, type MessageFacts} from './message-line-form.js';
import {spareOnce} from './spared-temps.js';
import {parseLine, toJsonLine, type JsonLine} from './jsonl.js';
import {StoreError} from './port.js';
import {chatMessageSchema, firstIssue} from './state-schema.js';
import type {StoreFiles} from './store-files.js';
import {regionLine, spanChunks, spanRegions} from './span-lines.js';
import {readZip, type UnzippedEntry} from './zip-bridge.js';

const {O_RDONLY, O_NOFOLLOW} = fs.constants;

/** A reason the archive is refused; the import reports it and changes nothing. */
class Refused extends Error {}
const refuse = (entry: string, reason: string): Refused => new Refused(`${entry}: ${reason}`);

const utf8 = new TextDecoder('utf-8', {fatal: true});

export function readArchive(
  files: StoreFiles,
  source: ArchiveSource,
  chunkBytes?: number,
): Checked<{archive: StagedArchive}> {
  const dir = stagingDir(files, 'import');
  try {
    const input = source.kind === 'file' ? source.path : path.join(dir, 'archive.zip');
    if (source.kind === 'bytes')
      io('write', input, () => fs.writeFileSync(input, source.data, {mode: 0o600, flag: 'wx'}));
    const size = io('read', input, () => fs.statSync(input).size);
    if (size > ARCHIVE_LIMITS.maxArchiveBytes)
      throw new Refused(
        `the archive is ${size} bytes, more than the limit of ${ARCHIVE_LIMITS.maxArchiveBytes}`,
      );
    const entriesDir = path.join(dir, 'entries');
    io('create', entriesDir, () => fs.mkdirSync(entriesDir, {mode: 0o700}));
    // Before the zip worker's thread and the checks take their memory, as an export does: the
    // garbage of the store's opening (state.json's bytes and text, 31 and 33 MiB on L) goes first.
    // Left to the collector, it stayed to the end of the second pool's import (P6).
    collectGarbage();
    const unzipped = readZip(input, entriesDir, ARCHIVE_LIMITS);
    if (!unzipped.ok) throw new Refused(unzipped.problem);
    const archive = {...checkArchive(named(unzipped.entries), chunkBytes), staging: dir};
    if (source.kind === 'bytes') removeQuietly(input);
    noteStaged(archive, lockHolder(files.lock)?.pid !== process.pid);
    return {ok: true, archive};
  } catch (error) {
    removeQuietly(dir);
    if (error instanceof Refused) return {ok: false, problem: error.message};
    throw error;
  }
}

/** The staged files of an archive that will not be imported (what-if, or a refused line). */
export function discardArchive(files: StoreFiles, archive: StagedArchive): void {
  staged.delete(archive.staging);
  if (path.dirname(archive.staging) === files.dir) removeQuietly(archive.staging);
}

/**
 * The message files of the archives this process staged and checked, by staging folder, each with
 * what identifies it on disk: a file removed (another process's sweep) or put in its place since is
 * not the file that was checked. The last few archives are remembered, as `linesChecked` below.
 */
const staged = new Map<string, Map<string, string>>();

const identity = (stat: fs.Stats): string => `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}`;

/** `spare`: read to plan, outside the lock (read under it, by the commit itself, it is swept after). */
function noteStaged(archive: StagedArchive, spare: boolean): void {
  const files = new Map<string, string>();
  for (const {file} of archive.messageSpans)
    if (!files.has(file)) files.set(file, identity(fs.lstatSync(file)));
  staged.set(archive.staging, files);
  for (const oldest of staged.keys()) {
    if (staged.size <= REMEMBERED) break;
    staged.delete(oldest);
  }
  // The lock's sweep of temp files leaves it once: the commit of the line that read it may use it.
  if (spare) spareOnce(archive.staging);
}

/** Whether every file is a message file of an archive read() staged, still as it was checked. */
export function stillStaged(files: readonly string[]): boolean {
  const notedOf = (file: string): string | undefined => {
    for (const noted of staged.values()) if (noted.has(file)) return noted.get(file);
    return undefined;
  };
  return [...new Set(files)].every((file) => {
    const noted = notedOf(file);
    const stat = fs.lstatSync(file, {throwIfNoEntry: false});
    return noted !== undefined && stat !== undefined && stat.isFile() && identity(stat) === noted;
  });
}

function named(entries: readonly UnzippedEntry[]): Map<string, UnzippedEntry> {
  const byName = new Map<string, UnzippedEntry>();
  for (const [index, entry] of entries.entries()) {
    let name: string;
    try {
      name = utf8.decode(Uint8Array.from(entry.nameBytes));
    } catch {
      throw refuse(`entry ${index}`, 'its name is not valid UTF-8');
    }
    const problem = entryNameProblem(name);
    if (problem !== null) throw refuse(`entry ${index} (${JSON.stringify(name)})`, problem);
    if (byName.has(name)) throw refuse(name, 'it appears twice');
    byName.set(name, entry);
  }
  return byName;
}

function checkArchive(
  entries: Map<string, UnzippedEntry>,
  chunkBytes?: number,
): Omit<StagedArchive, 'staging'> {
  const manifestEntry = entries.get(DOCUMENT_NAMES.manifest);
  if (!manifestEntry) throw new Refused(`it has no ${DOCUMENT_NAMES.manifest}`);
  const manifest = parseDocument(DOCUMENT_NAMES.manifest, manifestEntry, manifestSchema) as Manifest;
  const manifestSha256 = sha256Of(manifestEntry);
  const listed = new Map<string, string>();
  for (const item of manifest.entries) {
    const entry = entries.get(item.name);
    if (!entry) throw refuse(item.name, 'the manifest lists it but the archive does not hold it');
    if (listed.has(item.name)) throw refuse(item.name, 'the manifest lists it twice');
    listed.set(item.name, item.sha256);
    if (entry.bytes !== item.bytes) throw refuse(item.name, 'its checksum does not match the manifest');
    // A room's messages are hashed as their lines are checked, in the same read (below).
    if (!isMessageEntryName(item.name) && sha256Of(entry) !== item.sha256)
      throw refuse(item.name, 'its checksum does not match the manifest');
  }
  for (const name of entries.keys())
    if (name !== DOCUMENT_NAMES.manifest && !listed.has(name))
      throw refuse(name, 'the manifest does not list it');
  const documents: {-readonly [K in keyof ArchiveDocuments]: ArchiveDocuments[K]} = {};
  for (const part of ['users', 'categories', 'rooms', 'addins', 'content'] as const) {
    const entry = entries.get(DOCUMENT_NAMES[part]);
    if (entry)
      documents[part] = parseDocument(DOCUMENT_NAMES[part], entry, archiveDocumentSchemas[part]) as never;
  }
  const shape = archiveShapeProblem(manifest, documents);
  if (shape !== null) throw new Refused(shape);
  const countProblem = countsProblem(manifest, documents);
  if (countProblem !== null) throw new Refused(countProblem);
  const checkedBefore = linesChecked.has(manifestSha256);
  const messageSpans = (documents.content ?? []).map((room) => {
    const entry = entries.get(room.entry);
    if (!entry) throw refuse(room.entry, 'content.json names it but the archive does not hold it');
    const span = {file: entry.file, start: entry.start, bytes: entry.bytes};
    const sha256 = listed.get(room.entry);
    if (sha256 === undefined) throw refuse(room.entry, 'the manifest does not list it');
    if (checkedBefore) {
      if (sha256Of(span) !== sha256) throw refuse(room.entry, 'its checksum does not match the manifest');
    } else checkMessages(room, span, sha256, manifest.startDate, chunkBytes);
    return span;
  });
  remember(manifestSha256);
  return {manifest, documents, messageSpans};
}

/**
 * Manifests (by SHA-256) whose message lines this process has checked in full. A line is read
 * twice, once to plan and once under the lock, and its archive checked each time; the second time,
 * every entry's bytes have just been matched with the manifest's SHA-256 above, so they are the
 * bytes whose lines were checked, and checking them line by line again could only repeat the answer.
 */
const linesChecked = new Set<string>();
const REMEMBERED = 16;

function remember(manifestSha256: string): void {
  linesChecked.delete(manifestSha256);
  linesChecked.add(manifestSha256);
  for (const oldest of linesChecked) {
    if (linesChecked.size <= REMEMBERED) break;
    linesChecked.delete(oldest);
  }
}

function parseDocument(
  name: string,
  entry: UnzippedEntry,
  schema: {safeParse(v: unknown): {success: boolean; data?: unknown; error?: unknown}},
): unknown {
  if (entry.bytes > ARCHIVE_LIMITS.maxDocumentBytes)
    throw refuse(
      name,
      `it is ${entry.bytes} bytes, more than the limit of ${ARCHIVE_LIMITS.maxDocumentBytes}`,
    );
  const bytes = readSpan(entry);
  const value = decodeJson(
    bytes,
    name,
    {maxBytes: ARCHIVE_LIMITS.maxDocumentBytes, maxDepth: ARCHIVE_LIMITS.maxDepth},
    (file, reason) => refuse(file, reason),
  );
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw refuse(name, firstIssue(parsed.error as Parameters<typeof firstIssue>[0]));
  return parsed.data;
}

function countsProblem(manifest: Manifest, documents: ArchiveDocuments): string | null {
  const counts = manifest.counts;
  const pairs = [
    ['users', documents.users?.length ?? 0],
    ['categories', documents.categories?.length ?? 0],
    ['rooms', documents.rooms?.length ?? 0],
    ['addins', documents.addins?.length ?? 0],
    ['messages', (documents.content ?? []).reduce((n, r) => n + r.messages, 0)],
  ] as const;
  for (const [part, actual] of pairs)
    if (counts[part] !== actual)
      return `the manifest counts ${counts[part]} ${part} but the archive holds ${actual}`;
  return null;
}

/** The entry's bytes, read whole: a document, held to maxDocumentBytes. */
function readSpan(span: StagedSpan): Buffer {
  const bytes = Buffer.allocUnsafe(span.bytes);
  const fd = io('open', span.file, () => fs.openSync(span.file, O_RDONLY | O_NOFOLLOW));
  try {
    for (let got = 0; got < bytes.length;) {
      const n = io('read', span.file, () =>
        fs.readSync(fd, bytes, got, bytes.length - got, span.start + got),
      );
      if (n === 0) throw new Refused('a staged entry is shorter than it was written');
      got += n;
    }
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

function sha256Of(span: StagedSpan): string {
  const hash = createHash('sha256');
  for (const bytes of spanChunks(span)) hash.update(bytes);
  return hash.digest('hex');
}

/**
 * The entry's SHA-256 against the manifest's, and every line a message of this room, in the exact
 * form the log writes, within the start date: both in one read. A line refused in an entry whose
 * checksum does not match is reported as the checksum, as when the checksums came first.
 */
function checkMessages(
  room: ArchiveRoomContent,
  span: StagedSpan,
  sha256: string,
  startDate: string | null,
  chunkBytes?: number,
): void {
  const mismatch = (): Refused => refuse(room.entry, 'its checksum does not match the manifest');
  const hash = createHash('sha256');
  const ends = new EndsSeen();
  const seen = (bytes: Buffer): void => {
    hash.update(bytes);
    ends.see(bytes);
  };
  try {
    checkLines(room, span, spanRegions(span, chunkBytes, seen), ends, startDate);
  } catch (error) {
    if (error instanceof Refused && sha256Of(span) !== sha256) throw mismatch();
    throw error;
  }
  if (hash.digest('hex') !== sha256) throw mismatch();
}

/** The message of `line` when JSON.parse and the schema accept it and it is in the log's exact form. */
function loggedMessage(line: JsonLine, name: string, where: string): MessageFacts {
  const parsed = chatMessageSchema.safeParse(parseLine(line, name));
  if (!parsed.success) throw refuse(name, `${where} is not a chat message (${firstIssue(parsed.error)})`);
  if (toJsonLine(parsed.data) !== `${line.text}\n`)
    throw refuse(name, `${where} is not written as the message log writes it`);
  return parsed.data;
}

/**
 * The time of an archived line that is a message of `room` in the log's exact form, read by the
 * full path: JSON.parse, the schema and the comparison with toJsonLine unless the line is plain
 * (message-line-form.ts). The path of any line not read from its bytes, and the one that names what
 * is wrong with a line.
 */
function lineTime(line: JsonLine, room: ArchiveRoomContent): number {
  const name = room.entry;
  const where = `line ${line.number}`;
  if (line.text.length > ARCHIVE_LIMITS.maxLineBytes) throw refuse(name, `${where} is too long`);
  const message = plainMessageLine(line.text) ?? loggedMessage(line, name, where);
  if (message.roomId !== room.roomId) throw refuse(name, `${where} belongs to another room`);
  const postedAt = Date.parse(message.postedAt);
  if (Number.isNaN(postedAt)) throw refuse(name, `${where} has no valid PostedAt`);
  return postedAt;
}

/**
 * Reads `regions` to their end, every byte of the span included (the hash above sees them all, and
 * `ends` its first bytes and last byte). The entry's ends are refused before its lines, as when they
 * were read first: a line refused, they are read apart (refusedEnds) to know whether they are why.
 */
function checkLines(
  room: ArchiveRoomContent,
  span: StagedSpan,
  regions: Iterable<{readonly region: Buffer; readonly base: number}>,
  ends: EndsSeen,
  startDate: string | null,
): void {
  const name = room.entry;
  let count: number;
  try {
    count = countLines(room, span, regions, startDate);
  } catch (error) {
    const damaged = error instanceof StoreError && error.code === 'StoreDamaged';
    throw refusedEnds(name, span) ?? (damaged ? refuse(name, 'it is not valid UTF-8 JSON Lines') : error);
  }
  const problem = ends.problem();
  if (problem !== null) throw refuse(name, problem);
  if (count !== room.messages)
    throw refuse(name, `it holds ${count} messages, content.json says ${room.messages}`);
}

/** The refusal of the span's ends, read from the staged file: on the error path alone. */
function refusedEnds(name: string, span: StagedSpan): Refused | null {
  const problem = endsProblem(readSpan({...span, bytes: Math.min(HEAD_BYTES, span.bytes)}), () =>
    span.bytes > 0 ? readSpan({...span, start: span.start + span.bytes - 1, bytes: 1})[0] : undefined,
  );
  return problem === null ? null : refuse(name, problem);
}

/**
 * How many lines `regions` hold, each checked as a message of the room within the start date; a line
 * that is not UTF-8 throws StoreDamaged (regionLine).
 */
function countLines(
  room: ArchiveRoomContent,
  span: StagedSpan,
  regions: Iterable<{readonly region: Buffer; readonly base: number}>,
  startDate: string | null,
): number {
  const name = room.entry;
  const from = startDate === null ? null : Date.parse(startDate);
  let count = 0;
  for (const {region, base} of regions)
    for (let start = 0; start < region.length;) {
      count += 1;
      const ascii = asciiMessageLine(region, start, room.roomId);
      // A line of ASCII bytes is as many characters long; a longer one is refused as too long.
      const read = ascii !== undefined && ascii.end - start <= ARCHIVE_LIMITS.maxLineBytes;
      const end = read ? ascii.end : region.indexOf(0x0a, start);
      const postedAt = read
        ? ascii.time
        : lineTime(regionLine(region, start, end, span.file, base, count), room);
      if (from !== null && postedAt < from)
        throw refuse(name, `line ${count} is older than the export's start date`);
      start = end + 1;
    }
  return count;
}
