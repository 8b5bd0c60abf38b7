// Builds an export archive from the store. The zip writer adds entries one after another, and every
// room's messages are one entry, so the per-room files are produced from the one log in two passes:
// the first reads the log once and notes, per exported room, the byte offset and length of each of
// its lines (two numbers a message, never the message); the second copies each room's lines, by
// offset, into that room's file in a staging folder beside the store, hashing as it goes. The zip
// is then streamed from the staged files. Memory holds the offsets, never the messages; the lines
// are copied byte for byte, so a room's history in the archive is exactly its lines in the log.

import {createHash, randomUUID} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  DOCUMENT_NAMES,
  messageEntryName,
  type ArchiveRoomContent,
  type Manifest,
} from '../domain/archive-format.js';
import type {ArchiveRequest} from '../domain/ports.js';
import {io, removeQuietly, writeAll} from './durable-fs.js';
import {parseLine, readLines} from './jsonl.js';
import {Removals} from './message-removals.js';
import {removalsOf, type StoreFiles} from './store-files.js';
import {writeZip, type ZipEntrySource} from './zip-bridge.js';

const {O_RDONLY, O_NOFOLLOW, O_WRONLY, O_CREAT, O_EXCL} = fs.constants;

interface Staged extends ZipEntrySource {
  readonly bytes: number;
  readonly sha256: string;
}

/** A room's message file, staged for the zip: its lines and how many there are. */
export interface StagedRoom extends Staged {
  readonly messages: number;
}

/**
 * Where an archive's messages come from: each content room's lines (in log order, within the start
 * date), written into its own file under `dir`, by content index. The file store copies them from
 * its log; the PostgreSQL store writes them from its messages table.
 */
export type RoomContent = (request: ArchiveRequest, dir: string) => readonly StagedRoom[];

/** A folder beside the store for one archive's files; its `.tmp` name lets a crash's leftovers be swept. */
export const stagingDir = (files: StoreFiles, what: string): string => {
  const dir = path.join(files.dir, `.${what}-${randomUUID()}.tmp`);
  io('create', dir, () => fs.mkdirSync(dir, {mode: 0o700}));
  return dir;
};

/** Writes the archive as a new file at `output` (never over a file, mode 0600). */
export function writeArchive(
  files: StoreFiles,
  request: ArchiveRequest,
  output: string,
  content: RoomContent,
): void {
  const dir = stagingDir(files, 'export');
  try {
    const staged = stageArchive(request, dir, content);
    const answer = writeZip(output, staged);
    if (!answer.ok) throw new Error(`The archive could not be written: ${answer.problem}`);
  } finally {
    removeQuietly(dir);
  }
}

/** The archive's bytes, for -AsBytes (built on disk like any other, then read back). */
export function archiveBytes(files: StoreFiles, request: ArchiveRequest, content: RoomContent): Uint8Array {
  const dir = stagingDir(files, 'export');
  try {
    const output = path.join(dir, 'archive.zip');
    const staged = stageArchive(request, dir, content);
    const answer = writeZip(output, staged);
    if (!answer.ok) throw new Error(`The archive could not be written: ${answer.problem}`);
    return io('read', output, () => fs.readFileSync(output));
  } finally {
    removeQuietly(dir);
  }
}

/**
 * The file store's messages: each room's lines copied from the log, byte for byte, as readers see
 * them (a line a removal replaced is its replacement; message-removals.ts).
 */
export const logContent =
  (log: string, chunkBytes?: number): RoomContent =>
  ({plan, contentRooms}, dir) => {
    const removals = Removals.read(removalsOf(log));
    const replaced: string[] = [];
    const ranges = lineRanges(log, contentRooms, plan.startDate, removals, replaced, chunkBytes);
    return contentRooms.map((_, index) => {
      const own = ranges[index] ?? [];
      const entry = copyRanges(log, own, replaced, roomFile(dir, index), messageEntryName(index));
      return {...entry, messages: own.length / 2};
    });
  };

/** The file a room's lines are staged in, by content index. */
export const roomFile = (dir: string, index: number): string => path.join(dir, `m${index}`);

/** Writes one room's lines into its staged file (never over a file, mode 0600), hashing on the way. */
export function stageLines(file: string, name: string, lines: Iterable<string>): StagedRoom {
  const hash = createHash('sha256');
  const output = io('create', file, () => fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600));
  let bytes = 0;
  let messages = 0;
  let block: string[] = [];
  let size = 0;
  const flush = (): void => {
    const part = Buffer.from(block.join(''), 'utf8');
    hash.update(part);
    writeAll(output, part);
    bytes += part.length;
    block = [];
    size = 0;
  };
  try {
    for (const line of lines) {
      block.push(line);
      size += line.length;
      messages += 1;
      if (size > 1 << 20) flush();
    }
    flush();
  } finally {
    fs.closeSync(output);
  }
  return {name, file, bytes, sha256: hash.digest('hex'), messages};
}

function stageArchive(request: ArchiveRequest, dir: string, roomContent: RoomContent): Staged[] {
  const {plan, contentRooms} = request;
  const entries = roomContent(request, dir);
  const content: ArchiveRoomContent[] = contentRooms.map(({roomId, room}, index) => ({
    roomId,
    room,
    entry: messageEntryName(index),
    messages: entries[index]?.messages ?? 0,
  }));
  const messages = content.reduce((n, r) => n + r.messages, 0);
  const documents = {
    ...plan.documents,
    ...(plan.manifest.level === 'All' || plan.manifest.level === 'Content' ? {content} : {}),
  };
  const docs: Staged[] = [];
  for (const part of ['users', 'categories', 'rooms', 'addins', 'content'] as const) {
    const doc = documents[part];
    if (doc !== undefined)
      docs.push(stageText(path.join(dir, part), DOCUMENT_NAMES[part], JSON.stringify(doc)));
  }
  const all = [...docs, ...entries.map(({name, file, bytes, sha256}) => ({name, file, bytes, sha256}))];
  const manifest: Manifest = {
    ...plan.manifest,
    scope: plan.manifest.scope === null ? null : [...plan.manifest.scope],
    counts: {...plan.manifest.counts, messages},
    entries: all.map(({name, bytes, sha256}) => ({name, bytes, sha256})),
  };
  return [stageText(path.join(dir, 'manifest'), DOCUMENT_NAMES.manifest, JSON.stringify(manifest)), ...all];
}

function stageText(file: string, name: string, text: string): Staged {
  const data = Buffer.from(text, 'utf8');
  io('write', file, () => fs.writeFileSync(file, data, {mode: 0o600, flag: 'wx'}));
  return {name, file, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex')};
}

/**
 * Pass one: per room (by content index), the offset and length of each of its lines, as pairs; a
 * replaced line is the pair (-1 - its index in `replaced`, its length), its text kept there.
 */
function lineRanges(
  log: string,
  rooms: ArchiveRequest['contentRooms'],
  startDate: string | null,
  removals: Removals,
  replaced: string[],
  chunkBytes?: number,
): number[][] {
  const indexOf = new Map(rooms.map((r, i) => [r.roomId, i]));
  const ranges: number[][] = rooms.map(() => []);
  if (rooms.length === 0) return ranges;
  const from = startDate === null ? null : Date.parse(startDate);
  for (const stored of readLines(log, chunkBytes)) {
    const line = removals.view(stored);
    if (line === null) continue;
    const value = parseLine(line, log) as {roomId?: unknown; postedAt?: unknown} | null;
    const index = typeof value?.roomId === 'string' ? indexOf.get(value.roomId) : undefined;
    if (index === undefined) continue;
    if (from !== null && !(typeof value?.postedAt === 'string' && Date.parse(value.postedAt) >= from))
      continue;
    const bytes = Buffer.byteLength(line.text) + 1;
    if (line === stored) ranges[index]?.push(line.offset, bytes);
    else {
      replaced.push(`${line.text}\n`);
      ranges[index]?.push(-replaced.length, bytes);
    }
  }
  return ranges;
}

/** Pass two: one room's lines, copied by offset into its own file, hashed on the way. */
function copyRanges(
  log: string,
  ranges: readonly number[],
  replaced: readonly string[],
  file: string,
  name: string,
): Staged {
  const hash = createHash('sha256');
  const input = io('open', log, () => fs.openSync(log, O_RDONLY | O_NOFOLLOW));
  const output = io('create', file, () => fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600));
  let block = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  let bytes = 0;
  const flush = (): void => {
    const part = block.subarray(0, used);
    hash.update(part);
    writeAll(output, part);
    bytes += used;
    used = 0;
  };
  try {
    for (let i = 0; i < ranges.length; i += 2) {
      const offset = ranges[i] as number;
      const length = ranges[i + 1] as number;
      if (used + length > block.length) flush();
      if (length > block.length) block = Buffer.allocUnsafe(length);
      if (offset < 0) block.write(replaced[-1 - offset] ?? '', used, 'utf8');
      else io('read', log, () => fs.readSync(input, block, used, length, offset));
      used += length;
    }
    flush();
  } finally {
    fs.closeSync(input);
    fs.closeSync(output);
  }
  return {name, file, bytes, sha256: hash.digest('hex')};
}
