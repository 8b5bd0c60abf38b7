// StrictModes for the store: refuse what another user could have changed or redirected, and say
// exactly how to fix it. Roles inside pchat are only as strong as the file modes around them.

import fs from 'node:fs';
import {StoreError} from './port.js';
import {io} from './durable-fs.js';

const unsafe = (file: string, message: string): StoreError => new StoreError('StoreUnsafe', message, file);

/** lstat of a store file, or null when it is missing. */
export const lstatOrNull = (file: string): fs.Stats | null => statOrNull(file, false);

/** lstat with nanosecond times (the state's key, state-file.ts), or null when the file is missing. */
export function lstatBigOrNull(file: string): fs.BigIntStats | null {
  try {
    return fs.lstatSync(file, {bigint: true, throwIfNoEntry: false}) ?? null;
  } catch (error) {
    return io('inspect', file, () => {
      throw error;
    });
  }
}

/** stat (following links when asked), or null when it is missing. */
export function statOrNull(file: string, follow = true): fs.Stats | null {
  // Asked without throwing: a commit looks for files that are usually missing (the journal, the
  // removal records) several times, and an ENOENT thrown and caught costs about six times the stat.
  const options = {throwIfNoEntry: false} as const;
  try {
    return (follow ? fs.statSync(file, options) : fs.lstatSync(file, options)) ?? null;
  } catch (error) {
    return io('inspect', file, () => {
      throw error;
    });
  }
}

export function checkDirectory(dir: string, stat: fs.Stats): void {
  if (!stat.isDirectory()) throw unsafe(dir, `The store ${dir} is not a directory.`);
  if ((stat.mode & 0o002) !== 0)
    throw unsafe(
      dir,
      `The store directory ${dir} is writable by every user, so anyone could replace its files. Run: chmod o-w ${dir}`,
    );
}

/**
 * A folder of the store (backups/): the folder itself, never a symbolic link that would carry what
 * the store writes there somewhere else. False when it does not exist yet.
 */
export function isStoreFolder(dir: string): boolean {
  const stat = lstatOrNull(dir);
  if (stat === null) return false;
  if (stat.isSymbolicLink())
    throw unsafe(
      dir,
      `The store folder ${dir} is a symbolic link, so what the store keeps there would be written elsewhere. Run: target="$(readlink -f ${dir})" && rm ${dir} && cp -a "$target" ${dir}`,
    );
  if (!stat.isDirectory()) throw unsafe(dir, `The store folder ${dir} is not a directory.`);
  return true;
}

/** A state, message or audit file: a regular file with one link, not writable by everyone. */
export function checkFile(file: string, stat: fs.Stats | fs.BigIntStats, privateMode: number): void {
  const mode = privateMode.toString(8);
  if (stat.isSymbolicLink())
    throw unsafe(
      file,
      `The store file ${file} is a symbolic link; the store must hold the file itself. Run: cp --remove-destination "$(readlink -f ${file})" ${file}`,
    );
  if (!stat.isFile()) throw unsafe(file, `The store file ${file} is not a regular file.`);
  if (Number(stat.nlink) > 1)
    throw unsafe(
      file,
      `The store file ${file} has ${stat.nlink} hard links, so it can change behind the store's back. Run: cp ${file} ${file}.new && mv ${file}.new ${file}`,
    );
  if ((Number(stat.mode) & 0o002) !== 0)
    throw unsafe(file, `The store file ${file} is writable by every user. Run: chmod ${mode} ${file}`);
}

/** 0660 when the directory is shared with a group (setgid or group-writable), else 0600. */
export const newFileMode = (dirStat: fs.Stats): number => ((dirStat.mode & 0o2020) !== 0 ? 0o660 : 0o600);
