// Files written for the operator (exports, compliance output) go only under the store's exports/
// directory: no `..`, no absolute escape, no symbolic link on the way, never over an existing file,
// always 0600. The one exception is asked for by name (`replace`, a cmdlet's -Force): the file is
// then replaced whole by a rename, never written through, and never when it is a link or a folder.
// Appending (`append`) is a replacement too: the new file holds the old content and then the new. The data is written to a temp file first and linked into place when the commit is
// applied, so a failed or crashed commit leaves no export behind.

import fs from 'node:fs';
import path from 'node:path';
import {StoreError} from './port.js';
import {randomUUID} from 'node:crypto';
import {
  createExclusive,
  fsyncDir,
  io,
  isErrno,
  removeQuietly,
  renameDurably,
  storeIo,
  writeAll,
  writeNewFile,
} from './durable-fs.js';
import type {FileWriter} from '../domain/ports.js';
import type {StoreFiles} from './store-files.js';
import {refusedCodePoint} from '../domain/text-fields.js';
import {describeCodePoint} from '../domain/text-chars.js';

export interface PreparedExport {
  /** Relative to the store directory. */
  readonly temp: string;
  readonly final: string;
  /** Replaces an existing file of that name (renamed over it) instead of refusing one. */
  readonly replace?: true;
}

/**
 * Spec note: export files are 0600 and their folders 0700, so no one else can read what an
 * operator exported. In a store shared with its group (its directory setgid or group-writable, as
 * a 2770 /srv/chat store is; its own files are 0660 there) they are 0660 and 2770 instead: the
 * other operators of the group must be able to import or read what a colleague exported. Never
 * readable by others.
 */
function exportModes(files: StoreFiles): {file: number; dir: number} {
  const shared = (fs.statSync(files.dir).mode & 0o2020) !== 0;
  return shared ? {file: 0o660, dir: 0o2770} : {file: 0o600, dir: 0o700};
}
const unsafe = (target: string, why: string): StoreError =>
  new StoreError(
    'StoreUnsafe',
    // An import reads its archive through the same rule: the message names neither a write nor a read.
    `Cannot use ${target}: ${why}. Export files, and the archives an import reads, are in the store's exports directory.`,
    target,
  );

/** The absolute path an export name stands for, or StoreUnsafe when it would leave exports/. */
export function resolveExportPath(files: StoreFiles, requested: string): string {
  const relative = path.isAbsolute(requested) ? path.relative(files.exports, requested) : requested;
  if (relative === '' || path.isAbsolute(relative))
    throw unsafe(requested, 'it does not name a file in the exports directory');
  // An absolute path elsewhere is outside, not a name with ".." in it (as its relative form has).
  if (path.isAbsolute(requested) && relative.split('/')[0] === '..')
    throw unsafe(requested, `it is outside the exports directory ${files.exports}`);
  const segments = relative.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..')
      throw unsafe(requested, 'it must not contain empty, "." or ".." parts');
    const refused = refusedCodePoint(segment);
    if (refused !== null) throw unsafe(requested, `it contains ${describeCodePoint(refused)}`);
    if (segment.includes('\\')) throw unsafe(requested, 'it contains a backslash');
    if (Buffer.byteLength(segment) > 255)
      throw unsafe(requested, 'a part of the name is longer than 255 bytes');
  }
  if (segments[0]?.startsWith('.export-'))
    throw unsafe(requested, 'names starting with ".export-" are reserved');
  return path.join(files.exports, ...segments);
}

/** Creates exports/ and the folders below it as real directories, refusing any link on the way. */
function ensureDirectories(files: StoreFiles, final: string, mode: number): void {
  const parts = path.relative(files.dir, path.dirname(final)).split(path.sep);
  let current = files.dir;
  for (const part of parts) {
    current = path.join(current, part);
    try {
      fs.mkdirSync(current, {mode});
      // mkdir's mode passes through the umask and drops the setgid bit.
      fs.chmodSync(current, mode);
    } catch (error) {
      if (!isErrno(error, 'EEXIST'))
        io('create', current, () => {
          throw error;
        });
    }
    const stat = fs.lstatSync(current);
    if (!stat.isDirectory()) throw unsafe(current, 'it is a symbolic link or not a directory');
  }
}

export function prepareExport(
  files: StoreFiles,
  request: {
    path: string;
    /**
     * The content; a FileWriter producing it in pieces; or `writeTo`, which creates the temp file
     * itself (exclusively, mode 0600, fsynced), as an archive writer does.
     */
    data: Uint8Array | string | FileWriter | {readonly writeTo: (temp: string) => void};
    token: string;
    step: number;
    taken: ReadonlySet<string>;
    replace?: boolean;
    append?: boolean;
  },
): PreparedExport {
  const final = resolveExportPath(files, request.path);
  ensureDirectories(files, final, exportModes(files).dir);
  // Appending reads the old file only once no link leads to it.
  if (request.append && !request.taken.has(final) && fs.existsSync(final) && !isLink(final))
    return prepareExport(files, {
      ...request,
      append: false,
      replace: true,
      data: appended(final, request.data),
    });
  if (request.taken.has(final) || (!request.replace && fs.existsSync(final)) || isLink(final))
    throw new StoreError(
      'StoreExists',
      `The file ${final} exists already; choose a new name. Nothing was written.`,
      final,
    );
  if (request.replace) refuseNonFile(final);
  const temp = path.join(files.exports, `.export-${request.token}-${request.step}.tmp`);
  const mode = exportModes(files).file;
  const owner = {mode, uid: -1, gid: -1};
  const {data} = request;
  if (typeof data === 'function') writeInBlocks(temp, data, owner);
  else if (typeof data === 'object' && 'writeTo' in data) {
    data.writeTo(temp);
    io('set the mode of', temp, () => fs.chmodSync(temp, mode));
  } else writeNewFile(temp, data, owner);
  const prepared = {temp: path.relative(files.dir, temp), final: path.relative(files.dir, final)};
  return request.replace ? {...prepared, replace: true} : prepared;
}

/** The old file's bytes followed by the new data; only whole data can be appended. */
function appended(final: string, data: Parameters<typeof prepareExport>[1]['data']): Uint8Array {
  if (typeof data !== 'string' && !(data instanceof Uint8Array))
    throw new Error('Only text or bytes can be appended to an export file.');
  refuseNonFile(final);
  const old = io('read', final, () => fs.readFileSync(final));
  return Buffer.concat([old, typeof data === 'string' ? Buffer.from(data, 'utf8') : data]);
}

/** Only a regular file may be replaced: a folder, a link or a device stays as it is. */
function refuseNonFile(final: string): void {
  const stat = fs.lstatSync(final, {throwIfNoEntry: false});
  if (stat && !stat.isFile()) throw unsafe(final, 'it is a symbolic link or not a file');
}

const BLOCK = 1 << 20;

/** Writes what a FileWriter produces in blocks of about a megabyte, then fsyncs. */
function writeInBlocks(
  file: string,
  produce: FileWriter,
  owner: {mode: number; uid: number; gid: number},
): void {
  const fd = createExclusive(file, owner);
  try {
    io('write', file, () => {
      let pending: string[] = [];
      let size = 0;
      const flush = (): void => {
        writeAll(fd, pending.join(''));
        pending = [];
        size = 0;
      };
      produce((chunk) => {
        pending.push(chunk);
        size += chunk.length;
        if (size >= BLOCK) flush();
      });
      flush();
      storeIo.fsync(fd);
    });
  } finally {
    fs.closeSync(fd);
  }
}

/** Where a new export file would go, or why it cannot: the rule prepareExport applies at commit. */
export function checkExportTarget(files: StoreFiles, requested: string, replace = false): string {
  const final = resolveExportPath(files, requested);
  for (let dir = path.dirname(final); dir.startsWith(files.exports); dir = path.dirname(dir)) {
    const stat = fs.lstatSync(dir, {throwIfNoEntry: false});
    if (stat && !stat.isDirectory()) throw unsafe(dir, 'it is a symbolic link or not a directory');
  }
  if (replace) refuseNonFile(final);
  else if (fs.existsSync(final) || isLink(final))
    throw new StoreError('StoreExists', `The file ${final} exists already; choose a new name.`, final);
  return final;
}

const isLink = (file: string): boolean => {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};

/** Links the temp file to its name (which never replaces a file), then flushes the folder. Repeatable. */
export function publishExport(files: StoreFiles, prepared: PreparedExport): void {
  const temp = path.join(files.dir, prepared.temp);
  const final = path.join(files.dir, prepared.final);
  try {
    // A replacement is renamed over the old file; anything else is linked, which never replaces one.
    if (prepared.replace) storeIo.rename(temp, final);
    else storeIo.link(temp, final);
  } catch (error) {
    // EEXIST: linked before a crash; ENOENT: the temp is already gone, so it was linked and cleaned up.
    if (!isErrno(error, 'EEXIST', 'ENOENT'))
      io('publish', final, () => {
        throw error;
      });
  }
  fsyncDir(path.dirname(final));
}

export const isExportTemp = (name: string): boolean => /^\.export-[0-9a-f-]+-\d+\.tmp$/.test(name);

/**
 * Writes an operator's file under exports/ at once, outside any commit (a drill's report): never
 * over an existing file unless `replace`. Returns the file's path.
 */
export function writeExportNow(files: StoreFiles, requested: string, data: string, replace: boolean): string {
  const final = resolveExportPath(files, requested);
  ensureDirectories(files, final, exportModes(files).dir);
  if (isLink(final)) throw unsafe(final, 'it is a symbolic link');
  if (!replace && fs.existsSync(final))
    throw new StoreError(
      'StoreExists',
      `The file ${final} exists already; choose a new name, or add --force to replace it. Nothing was written.`,
      final,
    );
  const temp = path.join(files.exports, `.export-${randomUUID()}-0.tmp`);
  try {
    writeNewFile(temp, data, {mode: exportModes(files).file, uid: -1, gid: -1});
    if (replace) renameDurably(temp, final);
    else {
      io('publish', final, () => storeIo.link(temp, final));
      fsyncDir(path.dirname(final));
    }
  } finally {
    removeQuietly(temp);
  }
  return final;
}
