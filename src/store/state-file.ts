// lowdb's adapter for the state document, written for several processes and power loss:
// reads are strict (fatal UTF-8, secure parse, depth/size limits, full schema, migrations) and never
// fall back to defaults; writes go to a unique exclusive temp file, are fsynced, take over the old
// file's mode and owner, are renamed over state.json, and the directory is fsynced.

import fs from 'node:fs';
import {randomBytes} from 'node:crypto';
import type {Adapter} from 'lowdb';
import type {ChatState} from '../domain/types.js';
import {StoreError} from './port.js';
import {DEFAULT_LIMITS, damaged, decodeJson, type DecodeLimits} from './decode.js';
import {io, isErrno, ownerOf, renameDurably, writeNewFile, type FileOwner} from './durable-fs.js';
import {migrateDocument} from './migrations.js';
import {checkFile} from './safety.js';
import {chatStateSchema, firstIssue} from './state-schema.js';
import {tempPath} from './store-files.js';

const {O_RDONLY, O_NOFOLLOW} = fs.constants;

/** Identifies one version of the file without reading it: a rename gives a new inode, a write a new mtime. */
export const statKey = (stat: fs.BigIntStats): string => `${stat.ino}:${stat.size}:${stat.mtimeNs}`;

export const serializeState = (state: ChatState): string => `${JSON.stringify(state, null, 2)}\n`;

/** The text `state` is written as; a state the store could not read back (over the size limit) is refused. */
export function serializeWithin(
  state: ChatState,
  file: string,
  limits: DecodeLimits = DEFAULT_LIMITS,
): string {
  const text = serializeState(state);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes)
    throw new StoreError(
      'StoreTooLarge',
      `Not saved: this change would make ${file} ${bytes} bytes, more than the ${limits.maxBytes} bytes the store can read back. Nothing was changed; remove objects or shorten long texts instead.`,
      file,
    );
  return text;
}

export function parseState(
  bytes: Uint8Array,
  file: string,
  limits: DecodeLimits = DEFAULT_LIMITS,
): ChatState {
  const document = migrateDocument(decodeJson(bytes, file, limits), file);
  const parsed = chatStateSchema.safeParse(document);
  if (!parsed.success)
    throw damaged(file, `it does not have the shape of a store (${firstIssue(parsed.error)})`);
  return parsed.data;
}

/** A state.json that cannot be read can still be replaced by a backup: the message says how. */
function withRestoreHint<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof StoreError) || (error.code !== 'StoreDamaged' && error.code !== 'StoreTooLarge'))
      throw error;
    throw new StoreError(
      error.code,
      `${error.message} Get-PcBackup lists the backups, and Restore-PcBackup brings one back.`,
      error.path,
    );
  }
}

export class DurableStateFile implements Adapter<ChatState> {
  readonly file: string;
  private readonly limits: DecodeLimits;
  private readonly mode: number;
  private cache: {readonly key: string; readonly state: ChatState} | null = null;

  /** `mode`: the mode a fix message suggests when the file is found world-writable. */
  constructor(file: string, options: {limits?: DecodeLimits; mode?: number} = {}) {
    this.file = file;
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.mode = options.mode ?? 0o600;
  }

  read(): Promise<ChatState> {
    return Promise.resolve(this.readSync());
  }

  write(state: ChatState): Promise<void> {
    this.writeSync(state);
    return Promise.resolve();
  }

  /** The current key of the file on disk, or null when it is gone. */
  currentKey(): string | null {
    try {
      return statKey(fs.lstatSync(this.file, {bigint: true}));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw error;
    }
  }

  /** Re-reads only when (inode, size, mtime) changed since the last read or write. */
  readSync(): ChatState {
    const stat = this.lstat();
    checkFile(this.file, stat, this.mode);
    const key = statKey(fs.lstatSync(this.file, {bigint: true}));
    if (this.cache?.key === key) return this.cache.state;
    const {bytes, key: readKey} = this.readBytes();
    const state = withRestoreHint(() => parseState(bytes, this.file, this.limits));
    this.cache = {key: readKey, state};
    return state;
  }

  /** `text`: the state already serialized (and checked) by the commit. */
  writeSync(state: ChatState, owner: FileOwner = ownerOf(this.file), text = serializeState(state)): void {
    const temp = tempPath(this.file, randomBytes(8).toString('hex'));
    writeNewFile(temp, text, owner);
    renameDurably(temp, this.file);
    const key = this.currentKey();
    this.cache = key === null ? null : {key, state};
  }

  private lstat(): fs.Stats {
    try {
      return fs.lstatSync(this.file);
    } catch (error) {
      if (isErrno(error, 'ENOENT'))
        throw new StoreError(
          'StoreNotFound',
          `The store file ${this.file} is missing. Nothing was changed; restore it from a backup.`,
          this.file,
        );
      return io('inspect', this.file, () => {
        throw error;
      });
    }
  }

  private readBytes(): {bytes: Buffer; key: string} {
    return io('read', this.file, () => {
      const fd = fs.openSync(this.file, O_RDONLY | O_NOFOLLOW);
      try {
        const key = statKey(fs.fstatSync(fd, {bigint: true}));
        return {bytes: fs.readFileSync(fd), key};
      } finally {
        fs.closeSync(fd);
      }
    });
  }
}
