// `pchat store copy FROM TO`: a store copied between adapters (a store directory, a PostgreSQL URL),
// in either direction: the state (at its revision), the message log and the audit log, each counted
// and checksummed as read from FROM and again as read back from TO; a copy whose checksums differ is
// an error. Backups are not copied (a backup of one store is no backup of the other): the copy
// starts with none, as a new store does.

import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {AuditEntry, ChatMessage, ChatState} from '../domain/types.js';
import {StoreError, type StorePort} from './port.js';
import {createStore, openStore, storeFiles} from './file-store.js';
import {ownerOf, renameDurably, writeNewFile} from './durable-fs.js';
import {toJsonLine} from './jsonl.js';
import {tempPath} from './store-files.js';
import {isPostgresUrl} from './pg/target.js';

export interface CopyPart {
  readonly count: number;
  readonly sha256: string;
}

export interface CopyReport {
  readonly from: string;
  readonly to: string;
  readonly revision: number;
  readonly state: CopyPart;
  readonly messages: CopyPart;
  readonly audit: CopyPart;
}

/** Counts and checksums of what a store holds, over the lines a file store would write. */
function summarize(state: ChatState, messages: Iterable<ChatMessage>, audit: Iterable<AuditEntry>) {
  const part = (items: Iterable<unknown>): CopyPart => {
    const hash = createHash('sha256');
    let count = 0;
    for (const item of items) {
      hash.update(toJsonLine(item));
      count += 1;
    }
    return {count, sha256: hash.digest('hex')};
  };
  return {state: part([state]), messages: part(messages), audit: part(audit)};
}

const openAny = async (where: string): Promise<StorePort & {label?: string}> => {
  if (!isPostgresUrl(where)) return openStore(where);
  const {openPgStore} = await import('./pg/pg-store.js');
  return openPgStore(where);
};

export interface CopyOptions {
  /**
   * Replace the pchat store a target database holds, in the copy's one transaction; the store it
   * replaces is kept there as a backup, as `pchat init --force` keeps it. A directory is never
   * replaced: a copy goes into a new one.
   */
  readonly force?: boolean;
}

export async function copyStore(from: string, to: string, options: CopyOptions = {}): Promise<CopyReport> {
  const source = await openAny(from);
  try {
    return await copyOpenStore(source, from, to, options);
  } finally {
    source.close();
  }
}

/**
 * The copy from a store already open (named `from` in the report); it reads the source twice, so
 * the caller keeps it from changing meanwhile (a PostgreSQL store's snapshot, a directory's lock).
 */
export async function copyOpenStore(
  source: StorePort & {label?: string},
  from: string,
  to: string,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const state = await source.read();
  const ports = source.ports();
  const read = summarize(state, ports.messages.scan({}), ports.audit.scan({}));
  const target = await create(to, state, ports.messages.scan({}), ports.audit.scan({}), options);
  try {
    const back = target.ports();
    const written = summarize(await target.read(), back.messages.scan({}), back.audit.scan({}));
    for (const part of ['state', 'messages', 'audit'] as const)
      if (written[part].sha256 !== read[part].sha256 || written[part].count !== read[part].count)
        throw new StoreError(
          'StoreIoError',
          `The copy at ${target.label ?? to} does not read back as ${source.label ?? from} (${part}: ${written[part].count} items, sha256 ${written[part].sha256}; expected ${read[part].count}, ${read[part].sha256}).`,
          to,
        );
    return {from: source.label ?? from, to: target.label ?? to, revision: state.revision, ...read};
  } finally {
    target.close();
  }
}

async function create(
  to: string,
  state: ChatState,
  messages: Iterable<ChatMessage>,
  audit: Iterable<AuditEntry>,
  options: CopyOptions,
): Promise<StorePort & {label?: string}> {
  if (isPostgresUrl(to)) {
    const {createPgStore} = await import('./pg/pg-store.js');
    return createPgStore(
      to,
      {state, messages, audit},
      {
        force: options.force === true,
        command: 'pchat store copy',
      },
    );
  }
  // A directory is built beside its final name and renamed into place: a failed copy leaves nothing.
  const dir = path.resolve(to);
  if (fs.existsSync(dir))
    throw new StoreError('StoreExists', `${dir} already exists: copy into a new store directory.`, dir);
  const staging = `${dir}.copy-${process.pid}-${Date.now()}`;
  try {
    (await createStore(staging, state, [...messages])).close();
    const files = storeFiles(staging);
    const temp = tempPath(files.audit, 'copy');
    writeNewFile(temp, [...audit].map(toJsonLine).join(''), ownerOf(files.audit));
    renameDurably(temp, files.audit);
    fs.renameSync(staging, dir);
  } catch (error) {
    fs.rmSync(staging, {recursive: true, force: true});
    throw error;
  }
  return openStore(dir);
}
