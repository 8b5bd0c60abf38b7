// Timestamped backups of the state and the message log: backups/<time>-<rev>-<reason>/ with
// state.json, messages.jsonl and meta.json (removal backups, which hold only what one line removed, are
// in removal-backups.ts). A backup is built in a temp directory and renamed into
// place when its commit is applied, so a crash never leaves half a backup under a real name.

import fs from 'node:fs';
import path from 'node:path';
import type {BackupInfo} from '../domain/ports.js';
import type {ChatState} from '../domain/types.js';
import {StoreError} from './port.js';
import {damaged, decodeJson} from './decode.js';
import {
  copyNewFile,
  createExclusive,
  fsyncDir,
  io,
  removeQuietly,
  storeIo,
  writeNewFile,
  type FileOwner,
} from './durable-fs.js';
import {readLines} from './jsonl.js';
import {BlockWriter} from './message-log.js';
import {Removals} from './message-removals.js';
import {isStoreFolder} from './safety.js';
import {parseState} from './state-file.js';
import {writeStateText} from './state-text.js';
import {STATE_LOG_NAME, type StoreFiles} from './store-files.js';

export const KEEP_BACKUPS = 20;

export interface PreparedBackup {
  /** Relative to the store directory. */
  readonly temp: string;
  readonly final: string;
  readonly info: BackupInfo;
}

export const compactTime = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export const reasonSlug = (reason: string): string =>
  reason
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '') || 'backup';

const ID_PATTERN = /^\d{8}T\d{6}Z-\d+-[a-z0-9-]+$/;

/** A new backup directory, made under a temp name; its final name is taken by no other backup. */
export function newBackupDir(
  files: StoreFiles,
  request: {
    reason: string;
    revision: number;
    now: Date;
    token: string;
    owner: FileOwner;
    taken: ReadonlySet<string>;
  },
): {id: string; temp: string; final: string} {
  isStoreFolder(files.backups);
  const base = `${compactTime(request.now.toISOString())}-${request.revision}-${reasonSlug(request.reason)}`;
  let id = base;
  for (let n = 2; request.taken.has(id) || fs.existsSync(path.join(files.backups, id)); n += 1)
    id = `${base}-${n}`;
  const temp = path.join(files.backups, `.${id}.${request.token}.tmp`);
  const dirMode = request.owner.mode | ((request.owner.mode & 0o444) >> 2);
  io('create the backup', temp, () => {
    fs.mkdirSync(temp, {mode: dirMode});
    fs.chmodSync(temp, dirMode);
  });
  return {id, temp, final: path.join(files.backups, id)};
}

/** Writes meta.json and makes the temp directory durable: the backup is ready to publish. */
export function sealBackup(
  files: StoreFiles,
  dir: {temp: string; final: string},
  info: BackupInfo,
  owner: FileOwner,
): PreparedBackup {
  writeNewFile(path.join(dir.temp, 'meta.json'), `${JSON.stringify(info, null, 2)}\n`, owner);
  fsyncDir(dir.temp);
  return {temp: path.relative(files.dir, dir.temp), final: path.relative(files.dir, dir.final), info};
}

/**
 * Writes the committed state and copies the messages (and the audit log when asked) into a temp
 * backup dir. A backup's state.json is the whole state (the checkpoint with the state log applied);
 * without `state` (a store that cannot be read), state.json and the state log are kept byte for byte.
 */
export function prepareBackup(
  files: StoreFiles,
  request: {
    reason: string;
    revision: number;
    state?: ChatState;
    now: Date;
    token: string;
    owner: FileOwner;
    taken: ReadonlySet<string>;
    withAudit?: boolean;
  },
): PreparedBackup {
  const dir = newBackupDir(files, request);
  const {temp, id} = dir;
  let bytes = 0;
  if (request.state !== undefined) {
    bytes += writeStateText(path.join(temp, 'state.json'), request.state, request.owner).bytes;
  } else {
    bytes += copyNewFile(files.state, path.join(temp, 'state.json'), request.owner);
    if (fs.existsSync(files.stateLog))
      bytes += copyNewFile(files.stateLog, path.join(temp, STATE_LOG_NAME), request.owner);
  }
  bytes += copyMessages(files, path.join(temp, 'messages.jsonl'), request.owner);
  if (request.withAudit) copyNewFile(files.audit, path.join(temp, 'audit.jsonl'), request.owner);
  const info: BackupInfo = {
    id,
    createdAt: request.now.toISOString(),
    reason: request.reason,
    revision: request.revision,
    bytes,
  };
  return sealBackup(files, dir, info, request.owner);
}

/**
 * The message log as readers see it: a backup holds no removal records (message-removals.ts), so a
 * log with some is written out line by line through them, one without is copied byte for byte.
 */
function copyMessages(files: StoreFiles, to: string, owner: FileOwner): number {
  const removals = Removals.read(files.removals);
  if (removals.size === 0) return copyNewFile(files.messages, to, owner);
  const fd = createExclusive(to, owner);
  try {
    return io('write', to, () => {
      const out = new BlockWriter(fd);
      for (const stored of readLines(files.messages)) {
        const line = removals.view(stored);
        if (line !== null) out.add(`${line.text}\n`);
      }
      out.flush();
      storeIo.fsync(fd);
      return out.position;
    });
  } finally {
    fs.closeSync(fd);
  }
}

/** Renames a prepared backup into place; a second call after a crash finds it done. */
export function publishBackup(files: StoreFiles, backup: {temp: string; final: string}): void {
  const temp = path.join(files.dir, backup.temp);
  if (!fs.existsSync(temp)) return;
  io('publish the backup', temp, () => storeIo.rename(temp, path.join(files.dir, backup.final)));
  fsyncDir(files.backups);
}

/** Oldest first. A directory without a readable meta.json is not listed (it is not a finished backup). */
export function listBackups(files: StoreFiles): BackupInfo[] {
  if (!isStoreFolder(files.backups)) return [];
  let names: string[];
  try {
    names = fs.readdirSync(files.backups);
  } catch (error) {
    return io('read the backups folder', files.backups, () => {
      throw error;
    });
  }
  const infos: BackupInfo[] = [];
  for (const name of names) {
    if (!ID_PATTERN.test(name)) continue;
    const info = readMeta(path.join(files.backups, name, 'meta.json'));
    if (info?.id === name) infos.push(info);
  }
  return infos.sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.revision - b.revision || a.id.localeCompare(b.id),
  );
}

function readMeta(file: string): BackupInfo | null {
  try {
    const value = decodeJson(readNoFollow(file), file) as Partial<BackupInfo> | null;
    if (!value || typeof value.id !== 'string' || typeof value.createdAt !== 'string') return null;
    const base: BackupInfo = {
      id: value.id,
      createdAt: value.createdAt,
      reason: String(value.reason ?? ''),
      revision: Number(value.revision ?? 0),
      bytes: Number(value.bytes ?? 0),
    };
    if (value.kind !== 'removal') return base;
    const names = (list: unknown): string[] => (Array.isArray(list) ? list.map(String) : []);
    return {
      ...base,
      kind: 'removal',
      command: String(value.command ?? ''),
      rooms: names(value.rooms),
      categories: names(value.categories),
      messages: Number(value.messages ?? 0),
    };
  } catch {
    return null;
  }
}

/** Keeps the newest `keep` of each kind, so many small removal backups never push out a store backup. */
export function pruneBackups(files: StoreFiles, keep: number = KEEP_BACKUPS): void {
  const all = listBackups(files);
  for (const kind of ['store', 'removal'] as const) {
    const ofKind = all.filter((b) => (b.kind ?? 'store') === kind);
    for (const old of ofKind.slice(0, Math.max(0, ofKind.length - keep)))
      removeQuietly(path.join(files.backups, old.id));
  }
}

/** A backup's state (validated, migrated) and the path of its message log, for a restore. */
export function openBackup(files: StoreFiles, id: string): {state: ChatState; messages: string} {
  const dir = path.join(files.backups, id);
  const info = ID_PATTERN.test(id) ? listBackups(files).find((b) => b.id === id) : undefined;
  if (!info || info.kind === 'removal')
    throw new StoreError('StoreNotFound', `There is no store backup ${id} in ${files.backups}.`, dir);
  const stateFile = path.join(dir, 'state.json');
  const messages = path.join(dir, 'messages.jsonl');
  const state = parseState(readNoFollow(stateFile), stateFile);
  if (!fs.existsSync(messages)) throw damaged(messages, 'it is missing');
  return {state, messages};
}

export function readNoFollow(file: string): Buffer {
  return io('read', file, () => {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      return fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
}
