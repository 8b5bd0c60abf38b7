// A checkpoint folds the state log into state.json, under the lock, when the log has grown past a
// share of the state (file-store.ts decides when). It changes no revision, so it needs no journal:
// state.json is replaced first (temp, fsync, rename, directory fsync), then the log that starts from
// it. Cut short before the first rename, it leaves temp files the next commit sweeps; between the two,
// a state.json at the latest revision beside the old log, whose records it already holds (a reader
// starting cold skips them and checks that state.json in full, as it is not the checkpoint the log
// names, until the next checkpoint, which the still long log brings on at the next commit; a reader
// holding a state goes on by the records: state-file.ts).

import {randomBytes} from 'node:crypto';
import type {ChatState} from '../domain/types.js';
import type {DecodeLimits} from './decode.js';
import fs from 'node:fs';
import {io, renameDurably, writeNewFile, type FileOwner} from './durable-fs.js';
import {headerLine, type Checkpoint} from './state-log.js';
import {writeStateText} from './state-text.js';
import {tempPath, type StoreFiles} from './store-files.js';

/** The log grows to this many bytes at least before a checkpoint, whatever the state's size. */
export const MIN_CHECKPOINT_LOG_BYTES = 1 << 20;

/** The last records of the old log the new one keeps, at most this many bytes of them. */
export const KEPT_RECORD_BYTES = 1 << 16;

/**
 * `logEnd`: where the old log's last complete line ends. The new log keeps its last records after
 * the header (readers starting from the checkpoint skip them), so that a process holding a revision
 * a little older than the checkpoint goes on reading records instead of the whole state.
 */
export function writeCheckpoint(
  files: StoreFiles,
  state: ChatState,
  owner: FileOwner,
  logEnd: number,
  limits?: DecodeLimits,
): {checkpoint: Checkpoint; end: {offset: number; lines: number}} {
  const token = randomBytes(8).toString('hex');
  const stateTemp = tempPath(files.state, token);
  const logTemp = tempPath(files.stateLog, token);
  const written = writeStateText(stateTemp, state, owner, {named: files.state, ...(limits ? {limits} : {})});
  const checkpoint: Checkpoint = {revision: state.revision, sha256: written.sha256, bytes: written.bytes};
  const header = Buffer.from(headerLine(checkpoint), 'utf8');
  const kept = lastRecords(files.stateLog, logEnd);
  writeNewFile(logTemp, Buffer.concat([header, kept]), owner);
  renameDurably(stateTemp, files.state);
  renameDurably(logTemp, files.stateLog);
  const lines = kept.reduce((n, byte) => (byte === 0x0a ? n + 1 : n), 1);
  return {checkpoint, end: {offset: header.length + kept.length, lines}};
}

/** The whole record lines in the last KEPT_RECORD_BYTES before `end`, never the header (line 1). */
function lastRecords(file: string, end: number): Buffer {
  const from = Math.max(0, end - KEPT_RECORD_BYTES - 1);
  const bytes = Buffer.alloc(end - from);
  io('read', file, () => {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      fs.readSync(fd, bytes, 0, bytes.length, from);
    } finally {
      fs.closeSync(fd);
    }
  });
  // A line starts after a newline; the header, the first line, never follows one.
  const start = bytes.indexOf(0x0a);
  return start < 0 ? Buffer.alloc(0) : bytes.subarray(start + 1);
}
