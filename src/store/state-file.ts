// lowdb's adapter for the state document: the last checkpoint (state.json) with the changes of the
// state log applied (state-log.ts), written for several processes and power loss. Reads are strict
// and never fall back to defaults: a checkpoint is checked in full (fatal UTF-8, secure parse,
// depth/size limits, full schema, migrations) unless it is the one the log's header names, byte for
// byte (its sha256); each change is checked alone. A process that holds revision N reads only the
// log lines after the ones it has read. A checkpoint is written to a unique exclusive temp file,
// fsynced, takes over the old file's mode and owner, is renamed over state.json, and the directory is
// fsynced; the log that starts from it follows the same way (checkpoint.ts).

import fs from 'node:fs';
import {createHash, randomBytes} from 'node:crypto';
import path from 'node:path';
import {setImmediate} from 'node:timers/promises';
import type {Adapter} from 'lowdb';
import {SCHEMA_VERSION, type ChatState} from '../domain/types.js';
import {StoreError} from './port.js';
import {DEFAULT_LIMITS, damaged, decodeJson, type DecodeLimits} from './decode.js';
import {io, isErrno, ownerOf, renameDurably, writeNewFile, type FileOwner} from './durable-fs.js';
import {migrateDocument} from './migrations.js';
import {checkFile, lstatOrNull} from './safety.js';
import {chatStateSchema, firstIssue} from './state-schema.js';
import {replay, readStateLog, type Checkpoint} from './state-log.js';
import {readTextInPieces} from './text-pieces.js';
import {STATE_LOG_NAME, tempPath} from './store-files.js';

const {O_RDONLY, O_NOFOLLOW} = fs.constants;

/** Records checked per turn of the event loop by a follower catching up (catchUp): a few ms of work. */
const CATCH_UP_SLICE = 16;

/** Identifies one version of the file without reading it: a rename gives a new inode, a write a new mtime. */
export const statKey = (stat: fs.BigIntStats): string => `${stat.ino}:${stat.size}:${stat.mtimeNs}`;

export const serializeState = (state: ChatState): string => `${JSON.stringify(state, null, 2)}\n`;

/** How a state serializeState wrote begins: its schema version, then its revision. */
const STATE_TOP = /^\{\n {2}"schemaVersion": (\d+),\n {2}"revision": (\d+),\n/;
const STATE_TOP_BYTES = 64;

/** The text `state` is written as; a state the store could not read back (over the size limit) is refused. */
export function serializeWithin(
  state: ChatState,
  file: string,
  limits: DecodeLimits = DEFAULT_LIMITS,
): string {
  const text = serializeState(state);
  withinLimit(Buffer.byteLength(text, 'utf8'), file, limits);
  return text;
}

/** Refuses a state text of `bytes` that the store could not read back as `file`. */
export function withinLimit(bytes: number, file: string, limits: DecodeLimits = DEFAULT_LIMITS): void {
  if (bytes > limits.maxBytes)
    throw new StoreError(
      'StoreTooLarge',
      `Not saved: this change would make ${file} ${bytes} bytes, more than the ${limits.maxBytes} bytes the store can read back. Nothing was changed; remove objects or shorten long texts instead.`,
      file,
    );
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

/** A checkpoint read from state.json, its size, and the key of the file it was read from. */
interface ReadCheckpoint {
  readonly checkpoint: ChatState;
  readonly bytes: number;
  readonly key: string;
}

/** The state held gone on by the records of its log past those read, and where they end. */
interface Tail {
  readonly state: ChatState;
  readonly end: {readonly offset: number; readonly lines: number};
  readonly grows: number;
}

/** What a process holds of the state, and how far into which files it has read. */
interface Loaded {
  /** The two files' keys when they were read: unchanged keys mean nothing to read. */
  readonly key: string;
  readonly stateKey: string;
  readonly logIno: bigint | null;
  readonly end: {readonly offset: number; readonly lines: number};
  readonly state: ChatState;
  /** state.json's size when read. */
  readonly checkpointBytes: number;
  /** An upper bound of the size state.json would have if the state were written now. */
  readonly bytes: number;
}

export const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

export class DurableStateFile implements Adapter<ChatState> {
  readonly file: string;
  readonly logFile: string;
  private readonly limits: DecodeLimits;
  private readonly mode: number;
  private cache: Loaded | null = null;
  /** The log's size at the last read or append: past the end of its last complete line, a line cut short. */
  private logSize: number | null = null;
  /** The log last read, kept open while the store is followed (follow). */
  private openLog: {readonly fd: number; readonly ino: bigint} | null = null;
  private following = false;

  /** `mode`: the mode a fix message suggests when the file is found world-writable. */
  constructor(file: string, options: {limits?: DecodeLimits; mode?: number} = {}) {
    this.file = file;
    this.logFile = path.join(path.dirname(file), STATE_LOG_NAME);
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

  /** The current key of the two files on disk, or null when state.json is gone. */
  currentKey(): string | null {
    const state = statOrNullBig(this.file);
    return state === null ? null : filesKey(state, statOrNullBig(this.logFile));
  }

  /**
   * Re-reads only what changed since the last read or write: nothing, the log's new lines, or all.
   * `stateStat`: state.json's lstat, when the caller has just taken it under the lock (a commit's
   * check of the store's files, store-access.ts); another a moment later would say the same.
   */
  readSync(stateStat?: fs.BigIntStats): ChatState {
    // One lstat of each file both checks it and tells whether it changed.
    const {key, logSize} = this.checkedFiles(stateStat);
    this.logSize = logSize;
    if (this.cache !== null && this.cache.key === key) return this.cache.state;
    const loaded = withRestoreHint(() => this.load(key));
    this.cache = loaded;
    this.holdLog();
    return loaded.state;
  }

  /**
   * The two files' key and the log's size, after the checks every read makes of them (one lstat of
   * each both checks and keys it).
   */
  private checkedFiles(stateStat?: fs.BigIntStats): {key: string; logSize: number | null} {
    const state = stateStat ?? this.lstat();
    checkFile(this.file, state, this.mode);
    const log = statOrNullBig(this.logFile);
    if (log !== null) checkFile(this.logFile, log, this.mode);
    return {key: filesKey(state, log), logSize: log === null ? null : Number(log.size)};
  }

  /**
   * While followed, reads the new records of the log it holds a slice at a time, with a turn of the
   * event loop between slices, and keeps the state they reach as the next read's: a script of group
   * commits appends some 130 records in the 200 ms between two of the console's reads, and checking
   * them in one go kept a key waiting up to 20 ms (issue 12: the console while another process
   * commits). Each record is checked as read() checks it; the state is kept only when the whole of
   * what was new is applied, and only when no other read of this process came in between (that one
   * read the same records and more). After a checkpoint, or not followed, it leaves all to read().
   */
  async catchUp(): Promise<void> {
    const start = this.cache;
    if (!this.following || start === null || start.logIno === null) return;
    if (this.checkedFiles().key === start.key) return;
    // The log as it is now: records appended meanwhile are left to read(), so that a writer faster
    // than this reader cannot keep it here.
    const limit = Number(statOrNullBig(this.logFile)?.size ?? 0);
    let {state, end} = start;
    let grows = 0;
    // Copies made by these slices, seen by no one until the end: later slices change them in place.
    const fresh = new WeakSet<object>();
    for (;;) {
      if (this.cache !== start || keyOrNull(this.file) !== start.stateKey) return;
      let read: ReturnType<typeof readStateLog>;
      try {
        read = readStateLog(this.logFile, end, undefined, CATCH_UP_SLICE);
        // A checkpoint may have replaced the log meanwhile: read() reads what it holds then.
        if (statOrNullBig(this.logFile)?.ino !== start.logIno) return;
        const replayed = replay(state, read.records, this.logFile, fresh);
        state = replayed.state;
        grows += replayed.grows;
      } catch (error) {
        // Damage is reported by read(), which meets it again, in the words it always used.
        if (error instanceof StoreError) return;
        throw error;
      }
      end = read.end;
      if (read.records.length < CATCH_UP_SLICE || end.offset >= limit) break;
      await setImmediate();
      // Another turn ran: the files are checked again before the next slice, as every read checks them.
      this.checkedFiles();
    }
    if (this.cache !== start) return;
    // No key: read() goes on from `end`, as after any read, and meets what was appended since.
    this.cache = {...start, key: '', state, end, bytes: start.bytes + grows};
  }

  /**
   * While on (a watch follows the store: the console), the log this process has read is kept open. A
   * checkpoint replaces the log with one that keeps only its last 64 KiB of records, which another
   * process's script of group commits passes within a fifth of a second; the records this process
   * had not read yet are then read from the log it holds, and its state goes on through the new log,
   * instead of state.json being read and parsed whole, 0.5-0.7 s on L, and every object in it new, so
   * that every pane's rows were derived again (issue 12: the console while another process commits).
   */
  follow(on: boolean): void {
    this.following = on;
    this.holdLog();
  }

  /**
   * Whether the store has a state log to append to (a store written before it had one has not). Asked
   * under the lock, after a read or an append that looked at the log: what that found.
   */
  hasLog(): boolean {
    return this.cache === null ? lstatOrNull(this.logFile) !== null : this.cache.logIno !== null;
  }

  /** The bound on state.json's size at the state last read, for the size limit of the next commit. */
  sizeBound(): number {
    return this.cache?.bytes ?? 0;
  }

  /** Whether the log has grown enough, against the checkpoint, to be folded into a new one. */
  checkpointDue(minBytes: number): boolean {
    const cache = this.cache;
    return cache !== null && cache.end.offset > Math.max(minBytes, cache.checkpointBytes / 16);
  }

  /**
   * After this process appended a record (under the lock): its state is the latest, nothing to read.
   * state.json is as the commit's read under the same lock found it (an append leaves it as it is), so
   * its part of the key held is kept; were it replaced meanwhile, the next read finds another key.
   * `logStat`: the log's stat taken through the file just appended to (journal.ts, writeStateRecord).
   */
  noteAppend(state: ChatState, grows: number, logStat: fs.BigIntStats | null = null): void {
    const cache = this.cache;
    const log = logStat ?? statOrNullBig(this.logFile);
    this.logSize = log === null ? null : Number(log.size);
    if (cache === null || log === null || log.ino !== cache.logIno) {
      this.cache = null;
      return;
    }
    this.cache = {
      ...cache,
      key: `${cache.key.slice(0, cache.key.indexOf('|'))}|${statKey(log)}`,
      state,
      end: {offset: Number(log.size), lines: cache.end.lines + 1},
      bytes: cache.bytes + grows,
    };
  }

  /** Where the last complete line of the log this process has read ends. */
  logEnd(): number {
    return this.cache?.end.offset ?? 0;
  }

  /** Whether the log ended there, at the last read or append: nothing past it for a writer to cut off. */
  logEndsWhole(): boolean {
    return this.cache !== null && this.logSize === this.cache.end.offset;
  }

  /** After this process wrote a checkpoint of `state` and the log that starts from it. */
  noteCheckpoint(state: ChatState, checkpoint: Checkpoint, end: Loaded['end']): void {
    const key = this.currentKey();
    const stateKey = keyOrNull(this.file);
    const log = statOrNullBig(this.logFile);
    this.cache =
      key === null || stateKey === null || log === null
        ? null
        : {
            key,
            stateKey,
            logIno: log.ino,
            end,
            state,
            checkpointBytes: checkpoint.bytes,
            bytes: checkpoint.bytes,
          };
    this.holdLog();
  }

  /** `text`: the state already serialized (and checked) by the commit. The log is the caller's. */
  writeSync(state: ChatState, owner: FileOwner = ownerOf(this.file), text = serializeState(state)): void {
    const temp = tempPath(this.file, randomBytes(8).toString('hex'));
    writeNewFile(temp, text, owner);
    renameDurably(temp, this.file);
    // The log is replaced after state.json: the next read finds out what it holds.
    this.cache = null;
  }

  private load(key: string): Loaded {
    const cache = this.cache;
    return (cache !== null && this.goOn(cache, key)) || this.loadWhole(key);
  }

  /**
   * The state held, gone on by the records written since, without state.json; null when only state.json
   * can say. state.json is taken first: found replaced beside the log held, it is the checkpoint of
   * that log's records, which were all written before it (a checkpoint holds the lock, and renames
   * state.json and then the log); its revision, at the top of its text, says so.
   *
   * A reader's stats and reads can fall anywhere between a checkpoint's two renames, and a loaded
   * machine may hold them apart for long: each time the reader parsed state.json whole (0.5-0.9 s on
   * L, and every object in it new: every pane's rows derived again), where the records it had not
   * read yet, in the log it holds or the new one, said the same (issue 12: the console while another
   * process commits).
   */
  private goOn(cache: Loaded, key: string): Loaded | null {
    if (cache.logIno === null) return null;
    const stateKey = keyOrNull(this.file);
    let tail: Tail | null | StoreError;
    try {
      tail = this.recordsPast(cache);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      tail = error;
    }
    const logStat = statOrNullBig(this.logFile);
    if (stateKey === null || logStat === null) return null;
    if (logStat.ino === cache.logIno) {
      // The log held is still the store's: what is wrong with it is the store's damage.
      if (tail instanceof StoreError) throw tail;
      if (tail === null) return null;
      const checkpoint =
        stateKey === cache.stateKey ? null : this.checkpointAt(tail.state.revision, stateKey);
      if (stateKey !== cache.stateKey && checkpoint === null) return null;
      return {
        ...cache,
        key,
        stateKey,
        state: tail.state,
        end: tail.end,
        ...(checkpoint === null
          ? {bytes: cache.bytes + tail.grows}
          : {checkpointBytes: checkpoint, bytes: checkpoint}),
      };
    }
    // A checkpoint replaced the log: whatever is wrong with the old one past the lines read, the new one
    // and state.json say the state.
    const held = tail instanceof StoreError || tail === null ? cache.state : tail.state;
    return this.throughNewLog(held, key);
  }

  /**
   * The records of the log the cache was read from, past those read: through the log kept open
   * (follow), or the store's while it is still that log. Null when that log is gone and not held.
   */
  private recordsPast(cache: Loaded): Tail | null {
    const held = this.openLog?.ino === cache.logIno ? this.openLog : null;
    const fd = held?.fd ?? openOrNull(this.logFile);
    if (fd === null) return null;
    try {
      if (held === null && fs.fstatSync(fd, {bigint: true}).ino !== cache.logIno) return null;
      const read = readStateLog(this.logFile, cache.end, fd);
      const {state, grows} = replay(cache.state, read.records, this.logFile);
      return {state, end: read.end, grows};
    } finally {
      if (held === null) fs.closeSync(fd);
    }
  }

  /**
   * The size of state.json, when the version keyed `stateKey` is the checkpoint of `revision` written
   * by serializeState (its revision is the second member); null for any other state.json.
   */
  private checkpointAt(revision: number, stateKey: string): number | null {
    const fd = openOrNull(this.file);
    if (fd === null) return null;
    try {
      const stat = fs.fstatSync(fd, {bigint: true});
      if (statKey(stat) !== stateKey) return null;
      const top = Buffer.alloc(STATE_TOP_BYTES);
      const text = top.toString(
        'utf8',
        0,
        io('read', this.file, () => fs.readSync(fd, top, 0, top.length, 0)),
      );
      const found = STATE_TOP.exec(text);
      return found !== null && Number(found[1]) === SCHEMA_VERSION && Number(found[2]) === revision
        ? Number(stat.size)
        : null;
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * After a checkpoint replaced the log: the state `held` with the new log's records past it, when
   * they go on from it (the new log keeps the last records of the old); null when state.json must say.
   */
  private throughNewLog(held: ChatState, key: string): Loaded | null {
    const fd = openOrNull(this.logFile);
    if (fd === null) return null;
    let logIno: bigint;
    let log: ReturnType<typeof readStateLog>;
    try {
      logIno = fs.fstatSync(fd, {bigint: true}).ino;
      log = readStateLog(this.logFile, undefined, fd);
    } finally {
      fs.closeSync(fd);
    }
    // Renamed into place after the state.json of its checkpoint: the one now is that one or a later one.
    const stateKey = keyOrNull(this.file);
    const header = log.header;
    if (header === null || stateKey === null) return null;
    const first = log.records[0]?.record.revisionBefore ?? header.revision;
    const last = log.records.at(-1)?.record.revisionAfter ?? header.revision;
    if (Math.min(first, header.revision) > held.revision || held.revision > last) return null;
    const {state, grows} = replay(held, log.records, this.logFile);
    return {
      key,
      stateKey,
      logIno,
      end: log.end,
      state,
      checkpointBytes: header.bytes,
      bytes: header.bytes + grows,
    };
  }

  /** state.json, checked or trusted as the log names it, with the log's records applied. */
  private loadWhole(key: string): Loaded {
    // The log before state.json: a checkpoint renames state.json first, so the log read never starts
    // past the state.json read after it.
    const fd = openOrNull(this.logFile);
    let logIno: bigint | null = null;
    let log: ReturnType<typeof readStateLog> | null = null;
    if (fd !== null)
      try {
        logIno = fs.fstatSync(fd, {bigint: true}).ino;
        log = readStateLog(this.logFile, undefined, fd);
      } finally {
        fs.closeSync(fd);
      }
    const header = log?.header ?? null;
    const {checkpoint, bytes, key: readKey} = (header && this.readNamed(header)) ?? this.readChecked();
    if (header !== null && checkpoint.revision < header.revision)
      throw damaged(
        this.logFile,
        `it starts from revision ${header.revision}, but ${this.file} is at revision ${checkpoint.revision}`,
      );
    const {state, grows} = replay(checkpoint, log?.records ?? [], this.logFile);
    return {
      key,
      stateKey: readKey,
      logIno,
      end: log?.end ?? {offset: 0, lines: 0},
      state,
      checkpointBytes: bytes,
      bytes: bytes + grows,
    };
  }

  /** Keeps the log last read open while followed, and only then. */
  private holdLog(): void {
    const ino = this.following ? (this.cache?.logIno ?? null) : null;
    if (this.openLog !== null && this.openLog.ino === ino) return;
    if (this.openLog !== null) fs.closeSync(this.openLog.fd);
    this.openLog = null;
    if (ino === null) return;
    try {
      const fd = fs.openSync(this.logFile, O_RDONLY | O_NOFOLLOW);
      // A checkpoint may have replaced the log since it was read: only the one read is worth holding.
      if (fs.fstatSync(fd, {bigint: true}).ino === ino) this.openLog = {fd, ino};
      else fs.closeSync(fd);
    } catch {
      // Not held: the next read after a checkpoint reads state.json, as without follow.
    }
  }

  /**
   * The checkpoint the log's header names is trusted once its bytes match (read in pieces:
   * text-pieces.ts); null when state.json is not that checkpoint, to be read and checked in full.
   */
  private readNamed(header: Checkpoint): ReadCheckpoint | null {
    if (header.bytes > this.limits.maxBytes) return null;
    return io('read', this.file, () => {
      const fd = fs.openSync(this.file, O_RDONLY | O_NOFOLLOW);
      try {
        const stat = fs.fstatSync(fd, {bigint: true});
        if (Number(stat.size) !== header.bytes) return null;
        const read = readTextInPieces(fd, this.file, header.bytes);
        if (read === null || read.sha256 !== header.sha256) return null;
        const state = JSON.parse(read.text) as ChatState;
        if (state.schemaVersion !== SCHEMA_VERSION || state.revision !== header.revision) return null;
        return {checkpoint: state, bytes: header.bytes, key: statKey(stat)};
      } finally {
        fs.closeSync(fd);
      }
    });
  }

  /** state.json read whole and checked in full (decode.ts, the schema, migrations). */
  private readChecked(): ReadCheckpoint {
    const {bytes, key} = this.readBytes();
    return {checkpoint: parseState(bytes, this.file, this.limits), bytes: bytes.length, key};
  }

  private lstat(): fs.BigIntStats {
    try {
      return fs.lstatSync(this.file, {bigint: true});
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

function statOrNullBig(file: string): fs.BigIntStats | null {
  try {
    return fs.lstatSync(file, {bigint: true});
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    return io('inspect', file, () => {
      throw error;
    });
  }
}

/** The key of state.json and its log together: either changed, the state may have. */
const filesKey = (state: fs.BigIntStats, log: fs.BigIntStats | null): string =>
  `${statKey(state)}|${log === null ? '-' : statKey(log)}`;

/** The file opened for reading (never through a link), or null when it is missing. */
function openOrNull(file: string): number | null {
  try {
    return fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    return io('open', file, () => {
      throw error;
    });
  }
}

const keyOrNull = (file: string): string | null => {
  const stat = statOrNullBig(file);
  return stat === null ? null : statKey(stat);
};
