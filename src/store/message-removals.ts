// message-removals.jsonl: what Clear-CsPersistentChatRoom, Remove-CsPersistentChatMessage and the
// other removals took out of messages.jsonl since the log was last written whole. One record a line:
// the byte offset of the line it removes or replaces, that line's id and a hash of its text, the
// revision that committed it, and the line that replaces it (null: removed). Every reader of the
// log reads it first and shows each line through it (`view`), so a removal costs what it removes,
// and the log is written whole only by a compaction (message-log.ts says when).
//
// Why a record names its line by offset and hash. An offset is the one name of a line that cannot
// be taken by another: a message id may come back (a restore, an import). The hash is what makes a
// record safe to apply: a record whose line is not the one it was written for is ignored. That is
// exactly the case of a side log left behind a log written whole (a compaction or a restore renames
// the new log into place, then removes this file; a reader between the two, or after a crash between
// them until the journal finishes the commit, sees the new log, in which every removal is already
// carried out, beside the old records, none of which matches its line any more). So no reader ever
// needs both renames at once, and a copy of the store (drills, cp) keeps the pair valid.
//
// Readers open this file before the log: a log written whole is renamed into place before this file
// is removed, so a reader that finds no file here reads a log without removals to apply. Records past
// the revision a reader holds belong to a commit in flight and are left out, as audit entries are.

import fs from 'node:fs';
import {z} from 'zod';
import {io, isErrno} from './durable-fs.js';
import {appendOffset, readLinesOf, toJsonLine, toRecord, type JsonLine, type LogFormat} from './jsonl.js';
import {sha256} from './state-file.js';

// Built at its first parse (z.lazy; why: domain/lazy-schemas.ts): a Get reads no message removal.
const removalSchema = z.lazy(() =>
  z.strictObject({
    rev: z.number().int().positive(),
    at: z.number().int().nonnegative(),
    id: z.string(),
    /** lineHash of the line at `at` as the log holds it. */
    line: z.string(),
    /** That line's size with its newline: the bytes a compaction frees. */
    bytes: z.number().int().positive(),
    now: z.string().nullable(),
  }),
);

export type Removal = z.infer<typeof removalSchema>;

const REMOVAL_LOG: LogFormat<Removal> = {what: 'a message removal', schema: removalSchema};

export const lineHash = (text: string): string => sha256(text).slice(0, 16);

export const removalLine = (removal: Removal): string => toJsonLine(removal);

/** Where the next record goes: after the last complete one, which is checked first. */
export const removalsAppendOffset = (file: string): number => appendOffset(file, REMOVAL_LOG);

/** The removals in force over one message log, by the offset of the line each applies to. */
export class Removals {
  private readonly byOffset = new Map<number, Removal>();
  private sorted: number[] | null = null;
  private dead = 0;
  /** The size of the file they were read from. */
  fileBytes = 0;

  /** The records of `file` up to `revision` (all without it); none when there is no file. */
  static read(file: string, revision?: number): Removals {
    const removals = new Removals();
    let fd: number;
    try {
      fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return removals;
      return io('open', file, () => {
        throw error;
      });
    }
    try {
      removals.fileBytes = fs.fstatSync(fd).size;
      for (const line of readLinesOf(fd, file)) {
        const removal = toRecord(line, file, REMOVAL_LOG);
        if (revision === undefined || removal.rev <= revision) removals.add(removal);
      }
    } finally {
      fs.closeSync(fd);
    }
    return removals;
  }

  get size(): number {
    return this.byOffset.size;
  }

  /** The bytes of the log's lines removed or replaced: what a compaction would free. */
  get deadBytes(): number {
    return this.dead;
  }

  /** A later record for the same line replaces the earlier one. */
  add(removal: Removal): void {
    if (!this.byOffset.has(removal.at)) this.dead += removal.bytes;
    this.byOffset.set(removal.at, removal);
    this.sorted = null;
  }

  /** The line as readers see it: itself, the line that replaces it, or null when it was removed. */
  view(line: JsonLine): JsonLine | null {
    const removal = this.byOffset.get(line.offset);
    if (removal === undefined || removal.line !== lineHash(line.text)) return line;
    if (removal.now === null) return null;
    return {
      text: removal.now,
      offset: line.offset,
      get number() {
        return line.number;
      },
    };
  }

  /** The offsets in [from, to) that have a record, ascending. */
  within(from: number, to: number): number[] {
    const sorted = (this.sorted ??= [...this.byOffset.keys()].sort((a, b) => a - b));
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((sorted[mid] as number) < from) low = mid + 1;
      else high = mid;
    }
    const found: number[] = [];
    for (let i = low; i < sorted.length && (sorted[i] as number) < to; i++) found.push(sorted[i] as number);
    return found;
  }
}
