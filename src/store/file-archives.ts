// The archive port of a store with a local folder (the file store's, or a PostgreSQL store's local
// exports): export names are confined to exports/ by the one rule of exports.ts, archives are built
// by archive-write.ts from the store's messages and checked by archive-read.ts.

import fs from 'node:fs';
import type {ArchivePort} from '../domain/ports.js';
import {archiveBytes, logContent, type RoomContent} from './archive-write.js';
import {discardArchive, readArchive, stillStaged} from './archive-read.js';
import {checkExportTarget, resolveExportPath} from './exports.js';
import {StoreError} from './port.js';
import type {StoreFiles} from './store-files.js';

const answer = <T>(action: () => T): {ok: true; value: T} | {ok: false; problem: string} => {
  try {
    return {ok: true, value: action()};
  } catch (error) {
    if (error instanceof StoreError && (error.code === 'StoreUnsafe' || error.code === 'StoreExists'))
      return {ok: false, problem: error.message};
    throw error;
  }
};

export const fileArchives = (
  files: StoreFiles,
  chunkBytes?: number,
  content: RoomContent = logContent(files.messages, chunkBytes),
): ArchivePort => ({
  target(name, replace) {
    const found = answer(() => checkExportTarget(files, name, replace));
    return found.ok ? {ok: true, path: found.value} : found;
  },
  source(name) {
    const found = answer(() => resolveExportPath(files, name));
    if (!found.ok) return found;
    const stat = fs.lstatSync(found.value, {throwIfNoEntry: false});
    if (!stat) return {ok: false, problem: `There is no file ${found.value}.`};
    if (!stat.isFile()) return {ok: false, problem: `${found.value} is a symbolic link or not a file.`};
    return {ok: true, path: found.value};
  },
  toBytes: (archive) => ({ok: true, data: archiveBytes(files, archive, content)}),
  read: (source) => readArchive(files, source, chunkBytes),
  discard: (archive) => discardArchive(files, archive),
  staged: stillStaged,
});
