// Builds an export archive from the store. The zip writer adds entries one after another, and every
// room's messages are one entry, so the rooms' lines are gathered from the one log in two passes:
// the first reads the log once and notes, for each line of an exported room in log order, its room,
// byte offset and length (numbers, never the message); the second (room-lines-copy.ts) copies the
// rooms' lines, room after room, into one staging file beside the store, hashing each room's span.
// The zip writer (zip-bridge.ts) deflates each group's spans on the second core as soon as they are
// staged, while this thread gathers the next group, and writes the zip at the end, an entry per
// span. Memory holds the offsets and one group of rooms, never the log; the lines are copied byte for
// byte, so a room's history in the archive is exactly its lines in the log.

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
import {collectGarbage} from './collect-garbage.js';
import {io, removeQuietly, writeAll} from './durable-fs.js';
import {parseLine, readLines} from './jsonl.js';
import {Removals} from './message-removals.js';
import {readFileLineRooms} from './line-rooms.js';
import {copyRoomLines, LogLines, type CopiedRoom} from './room-lines-copy.js';
import {removalsOf, type StoreFiles} from './store-files.js';
import {startZip, type ZipEntrySource, type ZipWriter} from './zip-bridge.js';

const {O_NOFOLLOW, O_WRONLY, O_CREAT, O_EXCL} = fs.constants;

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
 * date), written under `dir`, by content index: a file of its own, or its span of a shared file. The file store copies them from
 * its log; the PostgreSQL store writes them from its messages table. `staged` may be told of rooms
 * whose bytes are written, as they are, so that they are deflated while the rest is gathered.
 */
export type RoomContent = (
  request: ArchiveRequest,
  dir: string,
  staged?: (rooms: readonly StagedRoom[]) => void,
) => readonly StagedRoom[];

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
    zipArchive(request, dir, output, content);
  } finally {
    removeQuietly(dir);
  }
}

/** The archive's bytes, for -AsBytes (built on disk like any other, then read back). */
export function archiveBytes(files: StoreFiles, request: ArchiveRequest, content: RoomContent): Uint8Array {
  const dir = stagingDir(files, 'export');
  try {
    const output = path.join(dir, 'archive.zip');
    zipArchive(request, dir, output, content);
    return io('read', output, () => fs.readFileSync(output));
  } finally {
    removeQuietly(dir);
  }
}

function zipArchive(request: ArchiveRequest, dir: string, output: string, content: RoomContent): void {
  // Before the zip writer's thread and the passes take their memory: the garbage left so far goes first.
  collectGarbage();
  const zip = startZip(output, path.join(dir, 'deflated'));
  let answer: ReturnType<ZipWriter['finish']>;
  try {
    answer = zip.finish(stageArchive(request, dir, content, zip));
  } catch (error) {
    zip.abandon();
    throw error;
  }
  if (!answer.ok) throw new Error(`The archive could not be written: ${answer.problem}`);
}

/**
 * The file store's messages: each room's lines copied from the log, byte for byte, as readers see
 * them (a line a removal replaced is its replacement; message-removals.ts).
 */
export const logContent =
  (log: string, chunkBytes?: number): RoomContent =>
  ({plan, contentRooms}, dir, staged) => {
    const removals = Removals.read(removalsOf(log));
    const replaced: string[] = [];
    const lines = logLines(log, contentRooms, plan.startDate, removals, replaced, chunkBytes);
    const file = path.join(dir, 'messages');
    const named = (room: CopiedRoom, index: number): StagedRoom => ({
      ...room,
      name: messageEntryName(index),
      file,
    });
    let told = 0;
    const copied = copyRoomLines(log, lines, replaced, contentRooms.length, file, undefined, (rooms) => {
      staged?.(rooms.map((room, k) => named(room, told + k)));
      told += rooms.length;
    });
    lines.release();
    return copied.map(named);
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

function stageArchive(
  request: ArchiveRequest,
  dir: string,
  roomContent: RoomContent,
  zip: ZipWriter,
): Staged[] {
  const {plan, contentRooms} = request;
  const entrySource = ({name, file, start, bytes}: Staged): ZipEntrySource => ({name, file, start, bytes});
  // The documents that do not count messages first: they are deflated while the rooms are gathered.
  const docs: Staged[] = [];
  for (const part of ['users', 'categories', 'rooms', 'addins'] as const) {
    const doc = plan.documents[part];
    if (doc !== undefined)
      docs.push(stageText(path.join(dir, part), DOCUMENT_NAMES[part], JSON.stringify(doc)));
  }
  zip.add(docs.map(entrySource));
  const entries = roomContent(request, dir, (rooms) => zip.add(rooms.map(entrySource)));
  const content: ArchiveRoomContent[] = contentRooms.map(({roomId, room}, index) => ({
    roomId,
    room,
    entry: messageEntryName(index),
    messages: entries[index]?.messages ?? 0,
  }));
  const messages = content.reduce((n, r) => n + r.messages, 0);
  const contentDoc =
    plan.manifest.level === 'All' || plan.manifest.level === 'Content' ? content : plan.documents.content;
  if (contentDoc !== undefined)
    docs.push(stageText(path.join(dir, 'content'), DOCUMENT_NAMES.content, JSON.stringify(contentDoc)));
  const all = [
    ...docs,
    ...entries.map(({name, file, start, bytes, sha256}) => ({name, file, start, bytes, sha256})),
  ];
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

/** Pass one: the lines of the exported rooms, in log order (a replaced line's text kept in `replaced`). */
function logLines(
  log: string,
  rooms: ArchiveRequest['contentRooms'],
  startDate: string | null,
  removals: Removals,
  replaced: string[],
  chunkBytes?: number,
): LogLines {
  const indexOf = new Map(rooms.map((r, i) => [r.roomId, i]));
  if (rooms.length === 0) return new LogLines();
  if (startDate === null && removals.size === 0) {
    const lines = linesByRoomBytes(log, indexOf);
    if (lines !== null) return lines;
  }
  const lines = new LogLines();
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
    if (line === stored) lines.push(index, line.offset, bytes);
    else {
      replaced.push(`${line.text}\n`);
      lines.push(index, -replaced.length, bytes);
    }
  }
  return lines;
}

/**
 * Pass one without decoding the lines, when every line is taken whole (no start date, no removal
 * record): each line's room read from its bytes, as the message index reads it (line-rooms.ts). The
 * lines are the store's own, checked as messages when they were appended (or, imported, checked
 * line by line from their archive), and copied byte for byte, so their room is all pass one needs.
 * Null when a line cannot be read that way: the decoding pass then reports it as damage.
 */
function linesByRoomBytes(log: string, indexOf: ReadonlyMap<string, number>): LogLines | null {
  const lines = new LogLines();
  const read = readFileLineRooms(log, (roomId, start, end) => {
    const index = indexOf.get(roomId);
    if (index !== undefined) lines.push(index, start, end - start);
  });
  return read ? lines : null;
}
