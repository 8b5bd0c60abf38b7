// Drill records live in the store's drills/ directory, beside state.json and never in it, so a
// rehearsal changes nothing of the live store but its record. Each record is replaced durably
// (temp file, fsync, rename, directory fsync) with the mode of the store's own files. A rehearsal's
// scratch copy of the store sits beside its record until the drill ends, so a resumed rehearsal
// continues on the same copy.

import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {z} from 'zod';
import {WARNING_IDS} from '../domain/error-ids.js';
import type {DrillRecord} from '../domain/drills.js';
import {readNoFollow} from './backups.js';
import {decodeJson} from './decode.js';
import {
  copyNewFile,
  fsyncDir,
  io,
  isErrno,
  ownerOf,
  removeQuietly,
  renameDurably,
  writeNewFile,
} from './durable-fs.js';
import {lstatOrNull} from './safety.js';
import {storeFiles, tempPath, type StoreFiles} from './store-files.js';

const ID_PATTERN = /^\d{8}T\d{6}Z-(swap|failover|failback)-[0-9a-f]{6}$/;

export const newDrillId = (procedure: string, now: Date): string =>
  `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${procedure}-${randomBytes(3).toString('hex')}`;

// Built at its first parse (z.lazy; why: domain/lazy-schemas.ts): a Get reads no drill record.
export const drillRecordSchema: z.ZodType<DrillRecord> = z.lazy(() => {
  const time = z.string();
  return z.strictObject({
    id: z.string().regex(ID_PATTERN),
    procedure: z.enum(['swap', 'failover', 'failback']),
    pool: z.string(),
    mode: z.enum(['rehearsal', 'live']),
    faults: z.strictObject({servers: z.array(z.string()), dataCenters: z.array(z.string())}),
    operator: z.string(),
    startedAt: time,
    endedAt: time.nullable(),
    outcome: z.enum(['unfinished', 'succeeded', 'failed', 'abandoned']),
    steps: z.array(
      z.strictObject({
        number: z.number().int(),
        title: z.string(),
        line: z.string(),
        impact: z.enum(['normal', 'high']),
        startedAt: time.nullable(),
        endedAt: time.nullable(),
        outcome: z.enum(['pending', 'running', 'ok', 'acknowledged', 'failed', 'skipped']),
        warnings: z.array(
          z.strictObject({
            warningId: z.enum(WARNING_IDS),
            message: z.string(),
            target: z.string().nullable(),
          }),
        ),
        error: z.strictObject({errorId: z.string(), message: z.string()}).nullable(),
      }),
    ),
  });
});

const recordPath = (files: StoreFiles, id: string): string => path.join(files.drills, `${id}.json`);

/** The folder of a rehearsal's scratch copy of the store. */
export const scratchDir = (files: StoreFiles, id: string): string =>
  path.join(files.drills, `${id}.rehearsal`);

/** drills/ with the mode the backups folder has: the store's file mode plus search permission. */
function ensureDrillsDir(files: StoreFiles, fileMode: number): void {
  if (lstatOrNull(files.drills) !== null) return;
  const mode = fileMode | ((fileMode & 0o444) >> 2);
  io('create', files.drills, () => {
    fs.mkdirSync(files.drills, {mode});
    fs.chmodSync(files.drills, mode);
  });
  fsyncDir(files.dir);
}

/**
 * The exclusive file a drill of a pool holds while it runs (drills/<pool>.lock), so a second drill
 * or a resume of the same pool is refused instead of interleaving its steps.
 */
export function drillLockFiles(files: StoreFiles, pool: string) {
  const mode = ownerOf(files.state).mode;
  ensureDrillsDir(files, mode);
  const lock = path.join(files.drills, `${pool.toLowerCase()}.lock`);
  return {dir: files.drills, lock, lockBreak: `${lock}.break`, mode};
}

export function writeDrillRecord(files: StoreFiles, record: DrillRecord): void {
  const owner = {mode: ownerOf(files.state).mode, uid: -1, gid: -1};
  ensureDrillsDir(files, owner.mode);
  const final = recordPath(files, record.id);
  const temp = tempPath(final, randomBytes(8).toString('hex'));
  try {
    writeNewFile(temp, `${JSON.stringify(record, null, 2)}\n`, owner);
    renameDurably(temp, final);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

/** Oldest first. A file that is not a readable record (a temp file, a damaged one) is not listed. */
export function listDrillRecords(files: StoreFiles): DrillRecord[] {
  let names: string[];
  try {
    names = fs.readdirSync(files.drills);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    return io('read the drills folder', files.drills, () => {
      throw error;
    });
  }
  const records: DrillRecord[] = [];
  for (const name of names) {
    if (!name.endsWith('.json') || !ID_PATTERN.test(name.slice(0, -5))) continue;
    try {
      const parsed = drillRecordSchema.safeParse(
        decodeJson(readNoFollow(path.join(files.drills, name)), name),
      );
      if (parsed.success && `${parsed.data.id}.json` === name) records.push(parsed.data);
    } catch {
      // Unreadable: not listed, as a backup without its meta.json is not.
    }
  }
  return records.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
}

/**
 * Copies the committed state (state.json and its state log), message log (with its removal records) and audit log into a new store directory. Call it under
 * the store's lock (inside a commit that writes nothing), so no commit is half applied in the copy.
 */
export function copyStore(files: StoreFiles, dir: string): void {
  const owner = {mode: ownerOf(files.state).mode, uid: -1, gid: -1};
  ensureDrillsDir(files, owner.mode);
  const copy = storeFiles(dir);
  io('create', dir, () => fs.mkdirSync(dir, {mode: 0o700}));
  for (const key of ['state', 'stateLog', 'messages', 'removals', 'audit'] as const)
    if ((key !== 'stateLog' && key !== 'removals') || fs.existsSync(files[key]))
      copyNewFile(files[key], copy[key], owner);
  io('create', copy.backups, () => fs.mkdirSync(copy.backups, {mode: 0o700}));
  fsyncDir(dir);
  fsyncDir(files.drills);
}

export const removeScratch = (files: StoreFiles, id: string): void => removeQuietly(scratchDir(files, id));
