// Removal backups: what one line removed, and nothing else, so that Restore-PcBackup can put it
// back without undoing what changed since. backups/<time>-<rev>-<reason>/ holds meta.json (kind
// "removal", the line, what it holds), removed.json (the rooms and categories as they were) and
// messages.jsonl: one entry per message the line deleted or changed, carrying the line exactly as it
// was and its place (see removal-merge.ts). The entries are written while the line's rewrites stream
// the log, so a removal never holds its messages in memory and never copies the rest of the log.

import fs from 'node:fs';
import path from 'node:path';
import {z} from 'zod';
import type {RemovalPreview, RemovedObjects} from '../domain/ports.js';
import type {Category, Room} from '../domain/types.js';
import {identityOf} from '../domain/content-identity.js';
import {damaged, decodeJson} from './decode.js';
import {createExclusive, io, writeNewFile, type FileOwner} from './durable-fs.js';
import {listBackups, newBackupDir, readNoFollow, sealBackup, type PreparedBackup} from './backups.js';
import {parseLine, readLines, toJsonLine} from './jsonl.js';
import {BlockWriter, type RewriteWitness} from './message-log.js';
import {lineId, type LogLine} from './message-lines.js';
import {previewRestore, type ItemOps, type RemovalEntries, type RemovedEntry} from './removal-merge.js';
import {firstIssue, removedObjectsSchema} from './state-schema.js';
import {Removals} from './message-removals.js';
import {removalsOf, type StoreFiles} from './store-files.js';

const ENTRIES = 'messages.jsonl';
const OBJECTS = 'removed.json';

// Built at its first parse (z.lazy; why: domain/lazy-schemas.ts): a Get reads no removal backup.
const entrySchema = z.lazy(() =>
  z.union([
    z.strictObject({
      pass: z.number().int().positive(),
      kind: z.literal('deleted'),
      id: z.string(),
      after: z.string().nullable(),
      line: z.string(),
    }),
    z.strictObject({
      pass: z.number().int().positive(),
      kind: z.literal('replaced'),
      id: z.string(),
      line: z.string(),
      now: z.string(),
    }),
  ]),
);

export const lineOps: ItemOps<LogLine> = {idOf: (l) => l.id, same: (a, b) => a.text === b.text};

/** Collects one commit's removal backup in a temp directory while the commit is prepared. */
export class RemovalKeeper implements RewriteWitness {
  private readonly files: StoreFiles;
  private readonly owner: FileOwner;
  private readonly dir: {id: string; temp: string; final: string};
  private readonly fd: number;
  private readonly out: BlockWriter;
  private passes = 0;
  private count = 0;
  private bytes = 0;
  private readonly request: {command: string; revision: number; now: Date};
  private readonly rooms: Room[] = [];
  private readonly categories: Category[] = [];

  constructor(
    files: StoreFiles,
    request: {
      command: string;
      revision: number;
      now: Date;
      token: string;
      owner: FileOwner;
      taken: ReadonlySet<string>;
    },
  ) {
    this.files = files;
    this.owner = request.owner;
    this.request = request;
    this.dir = newBackupDir(files, {...request, reason: request.command});
    this.fd = createExclusive(path.join(this.dir.temp, ENTRIES), request.owner);
    this.out = new BlockWriter(this.fd);
  }

  get id(): string {
    return this.dir.id;
  }

  nextPass(): number {
    this.passes += 1;
    return this.passes;
  }

  deleted(pass: number, line: LogLine, after: string | null): void {
    this.add({pass, kind: 'deleted', id: line.id, after, line: line.text});
  }

  replaced(pass: number, line: LogLine, now: string): void {
    this.add({pass, kind: 'replaced', id: line.id, line: line.text, now});
  }

  keepObjects(objects: RemovedObjects): void {
    this.rooms.push(...objects.rooms);
    this.categories.push(...objects.categories);
  }

  /** The commit failed: the temp directory is swept with the commit's other temp files. */
  discard(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // Already closed by finish.
    }
  }

  /** Writes removed.json and meta.json and syncs everything: ready for the journal to publish. */
  finish(): PreparedBackup {
    const objects: RemovedObjects = {rooms: this.rooms, categories: this.categories};
    const file = path.join(this.dir.temp, ENTRIES);
    try {
      this.out.flush();
      io('flush', file, () => fs.fsyncSync(this.fd));
    } finally {
      fs.closeSync(this.fd);
    }
    const removed = `${JSON.stringify({...objects, passes: this.passes}, null, 2)}\n`;
    writeNewFile(path.join(this.dir.temp, OBJECTS), removed, this.owner);
    return sealBackup(
      this.files,
      this.dir,
      {
        id: this.dir.id,
        createdAt: this.request.now.toISOString(),
        reason: this.request.command,
        revision: this.request.revision,
        command: this.request.command,
        bytes: this.bytes + Buffer.byteLength(removed),
        kind: 'removal',
        rooms: objects.rooms.map(identityOf),
        categories: objects.categories.map(identityOf),
        messages: this.count,
      },
      this.owner,
    );
  }

  private add(entry: z.infer<typeof entrySchema>): void {
    const text = toJsonLine(entry);
    this.count += 1;
    this.bytes += Buffer.byteLength(text);
    this.out.add(text);
  }
}

export interface OpenedRemoval {
  readonly objects: RemovedObjects;
  readonly entries: RemovalEntries<LogLine>;
}

/** A removal backup's contents, or null when `id` names no removal backup. */
export function openRemoval(files: StoreFiles, id: string): OpenedRemoval | null {
  const info = listBackups(files).find((b) => b.id === id);
  if (info?.kind !== 'removal') return null;
  const dir = path.join(files.backups, id);
  const objectsFile = path.join(dir, OBJECTS);
  const parsed = removedObjectsSchema.safeParse(decodeJson(readNoFollow(objectsFile), objectsFile));
  if (!parsed.success) throw damaged(objectsFile, `it is not a removal backup (${firstIssue(parsed.error)})`);
  const {passes, rooms, categories} = parsed.data;
  const entriesFile = path.join(dir, ENTRIES);
  return {objects: {rooms, categories}, entries: {passes, read: () => readEntries(entriesFile)}};
}

function* readEntries(file: string): Generator<RemovedEntry<LogLine>> {
  for (const line of readLines(file)) {
    const parsed = entrySchema.safeParse(parseLine(line, file));
    if (!parsed.success)
      throw damaged(file, `line ${line.number} (byte offset ${line.offset}) is not a removed message`);
    const e = parsed.data;
    const item = {id: e.id, text: e.line};
    yield e.kind === 'deleted'
      ? {kind: 'deleted', pass: e.pass, id: e.id, after: e.after, item}
      : {kind: 'replaced', pass: e.pass, id: e.id, item, now: {id: e.id, text: e.now}};
  }
}

/** The committed message log as lines with their ids, as readers see it. */
export function* currentLines(file: string, chunkBytes?: number): Generator<LogLine> {
  const removals = Removals.read(removalsOf(file));
  for (const stored of readLines(file, chunkBytes)) {
    const line = removals.view(stored);
    if (line !== null) yield {id: lineId(line.text, file, line), text: line.text};
  }
}

export function previewRemovalOf(files: StoreFiles, id: string, chunkBytes?: number): RemovalPreview {
  const opened = openRemoval(files, id);
  if (!opened) return {deleted: 0, replaced: 0, changedSince: 0, existingIds: []};
  return previewRestore(() => currentLines(files.messages, chunkBytes), opened.entries, lineOps);
}
