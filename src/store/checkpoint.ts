// A checkpoint folds the state log into state.json, under the lock, when the log has grown past a
// share of the state (file-store.ts decides when). It changes no revision, so it needs no journal:
// state.json is replaced first (temp, fsync, rename, directory fsync), then the log that starts from
// it. Cut short before the first rename, it leaves temp files the next commit sweeps; between the two,
// a state.json at the latest revision beside the old log, whose records it already holds (readers skip
// them and check that state.json in full, as it is not the checkpoint the log names, until the next
// checkpoint, which the still long log brings on at the next commit).

import {randomBytes} from 'node:crypto';
import type {ChatState} from '../domain/types.js';
import type {DecodeLimits} from './decode.js';
import {renameDurably, writeNewFile, type FileOwner} from './durable-fs.js';
import {serializeWithin, sha256} from './state-file.js';
import {headerLine, type Checkpoint} from './state-log.js';
import {tempPath, type StoreFiles} from './store-files.js';

/** The log grows to this many bytes at least before a checkpoint, whatever the state's size. */
export const MIN_CHECKPOINT_LOG_BYTES = 1 << 20;

export function writeCheckpoint(
  files: StoreFiles,
  state: ChatState,
  owner: FileOwner,
  limits?: DecodeLimits,
): {checkpoint: Checkpoint; headerBytes: number} {
  const text = serializeWithin(state, files.state, limits);
  const checkpoint: Checkpoint = {
    revision: state.revision,
    sha256: sha256(text),
    bytes: Buffer.byteLength(text, 'utf8'),
  };
  const header = headerLine(checkpoint);
  const token = randomBytes(8).toString('hex');
  const stateTemp = tempPath(files.state, token);
  const logTemp = tempPath(files.stateLog, token);
  writeNewFile(stateTemp, text, owner);
  writeNewFile(logTemp, header, owner);
  renameDurably(stateTemp, files.state);
  renameDurably(logTemp, files.stateLog);
  return {checkpoint, headerBytes: Buffer.byteLength(header, 'utf8')};
}
