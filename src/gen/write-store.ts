// Writes a generated store through the store's own creation (create-store.ts): schema-checked
// state and messages, the store's file modes, state.json last, under the store's lock.

import fs from 'node:fs';
import path from 'node:path';
import type {ChatMessage, ChatState} from '../domain/types.js';
import {initializeStore} from '../store/create-store.js';
import {DEFAULT_LIMITS} from '../store/decode.js';
import {StoreError} from '../store/port.js';
import {serializeState} from '../store/state-file.js';
import {lockOptionsFor} from '../store/store-access.js';

export interface WriteOptions {
  readonly force?: boolean;
  /** Who holds the lock while the store is written. */
  readonly user?: string;
}

/** The state file's size in bytes, and whether the store will read it back (its 64 MiB limit). */
export function stateFileSize(state: ChatState): {bytes: number; readable: boolean} {
  const bytes = Buffer.byteLength(serializeState(state));
  return {bytes, readable: bytes <= DEFAULT_LIMITS.maxBytes};
}

export async function writeStore(
  dir: string,
  state: ChatState,
  messages: readonly ChatMessage[],
  options: WriteOptions = {},
): Promise<void> {
  const target = path.resolve(dir);
  if (fs.existsSync(target) && !options.force)
    throw new StoreError(
      'StoreExists',
      `${target} already exists. Use --force to replace it (an old store is kept as a backup).`,
      target,
    );
  const size = stateFileSize(state);
  if (!size.readable)
    throw new Error(
      `The state would be ${size.bytes} bytes, over the store's read limit of ${DEFAULT_LIMITS.maxBytes}: the store could not open it.`,
    );
  const {timeoutMs, user, host} = lockOptionsFor(
    options.user === undefined ? {} : {user: options.user},
    0o600,
  );
  await initializeStore(target, state, messages, {
    timeoutMs,
    user,
    host,
    ...(options.force === undefined ? {} : {force: options.force}),
  });
}
