// Puts a removal backup's messages back into a message log as it is now, in one streamed pass.
// Both stores use it: the file store over lines, the memory store over messages.
//
// Spec note: a deleted message goes back right after the line that preceded it when it was removed
// (its anchor), so a log nobody changed since comes back byte for byte. When the anchor itself has
// been removed since, the message waits and goes back with the next group whose anchor is still
// there (or at the end of the log): removed messages always keep their own order. A replaced
// message gets its old text back only if it still reads as the removal left it; one changed or
// deleted since is left as it is (changes made since are not undone).
//
// A line that ran several removals rewrote the log once per removal ("pass"); anchors refer to the
// log as that pass saw it, so the passes are undone in reverse order, each as a stage of one stream.

import type {RemovalPreview} from '../domain/ports.js';
import {IdHashSet} from './id-hash-set.js';

export type RemovedEntry<T> =
  | {
      readonly kind: 'deleted';
      readonly pass: number;
      readonly id: string;
      /** The id of the line before it that stayed, or null at the start of the log. */
      readonly after: string | null;
      readonly item: T;
    }
  | {
      readonly kind: 'replaced';
      readonly pass: number;
      readonly id: string;
      readonly item: T;
      /** The message as the removal left it. */
      readonly now: T;
    };

export interface RemovalEntries<T> {
  /** The highest pass number (0 when no message was kept). */
  readonly passes: number;
  /** The entries in the order they were written; may be read several times. */
  read(): Iterable<RemovedEntry<T>>;
}

export interface ItemOps<T> {
  idOf(item: T): string;
  same(a: T, b: T): boolean;
}

export interface RestoreTally {
  deleted: number;
  replaced: number;
  changedSince: number;
}

class Cursor<E> {
  private readonly source: Iterator<E>;
  private next: IteratorResult<E>;
  constructor(items: Iterable<E>) {
    this.source = items[Symbol.iterator]();
    this.next = this.source.next();
  }
  get head(): E | undefined {
    return this.next.done ? undefined : this.next.value;
  }
  take(): E | undefined {
    const head = this.head;
    if (head !== undefined) this.next = this.source.next();
    return head;
  }
  close(): void {
    this.source.return?.();
  }
}

function* ofPass<T, K extends RemovedEntry<T>['kind']>(
  entries: RemovalEntries<T>,
  pass: number,
  kind: K,
): Generator<Extract<RemovedEntry<T>, {kind: K}>> {
  for (const entry of entries.read())
    if (entry.pass === pass && entry.kind === kind) yield entry as Extract<RemovedEntry<T>, {kind: K}>;
}

function* stage<T>(
  input: Iterable<T>,
  entries: RemovalEntries<T>,
  pass: number,
  ops: ItemOps<T>,
  tally: RestoreTally,
): Generator<T> {
  const anchors = new IdHashSet(
    (function* () {
      for (const e of ofPass(entries, pass, 'deleted')) if (e.after !== null) yield e.after;
    })(),
  );
  const replacedIds = new IdHashSet(
    (function* () {
      for (const e of ofPass(entries, pass, 'replaced')) yield e.id;
    })(),
  );
  const deleted = new Cursor(ofPass(entries, pass, 'deleted'));
  const replaced = new Cursor(ofPass(entries, pass, 'replaced'));
  const emit = function* (anchor: string | null): Generator<T> {
    // Groups before this anchor's group whose anchors are gone go back here, in their order.
    while (deleted.head !== undefined && deleted.head.after !== anchor) {
      tally.deleted += 1;
      yield (deleted.take() as {item: T}).item;
    }
    while (deleted.head !== undefined && deleted.head.after === anchor) {
      tally.deleted += 1;
      yield (deleted.take() as {item: T}).item;
    }
  };
  try {
    if (deleted.head?.after === null) yield* emit(null);
    for (const item of input) {
      const id = ops.idOf(item);
      let out = item;
      if (replacedIds.has(id)) {
        // The log keeps the order of the lines that stay, so entries passed over were deleted since.
        while (replaced.head !== undefined && replaced.head.id !== id) {
          replaced.take();
          tally.changedSince += 1;
        }
        const entry = replaced.take();
        if (entry !== undefined) {
          if (ops.same(item, entry.now)) {
            out = entry.item;
            tally.replaced += 1;
          } else tally.changedSince += 1;
        }
      }
      yield out;
      if (deleted.head !== undefined && anchors.has(id)) yield* emit(id);
    }
    while (deleted.head !== undefined) {
      tally.deleted += 1;
      yield (deleted.take() as {item: T}).item;
    }
    while (replaced.take() !== undefined) tally.changedSince += 1;
  } finally {
    deleted.close();
    replaced.close();
  }
}

/** The log with the backup's messages back: one stage per pass, the last pass undone first. */
export function restoreMessages<T>(
  current: Iterable<T>,
  entries: RemovalEntries<T>,
  ops: ItemOps<T>,
  tally: RestoreTally = {deleted: 0, replaced: 0, changedSince: 0},
): Iterable<T> {
  let stream = current;
  for (let pass = entries.passes; pass >= 1; pass--) stream = stage(stream, entries, pass, ops, tally);
  return stream;
}

const MAX_NAMED = 5;

/** Deleted messages whose ids are in the log now (a hash hit is confirmed against the backup). */
function existingIds<T>(current: Iterable<T>, entries: RemovalEntries<T>, ops: ItemOps<T>): string[] {
  const ids = new IdHashSet(
    (function* () {
      for (const e of entries.read()) if (e.kind === 'deleted') yield e.id;
    })(),
  );
  if (ids.size === 0) return [];
  const candidates = new Set<string>();
  for (const item of current) {
    const id = ops.idOf(item);
    if (ids.has(id)) candidates.add(id);
    if (candidates.size >= 100) break;
  }
  const confirmed: string[] = [];
  if (candidates.size === 0) return confirmed;
  for (const e of entries.read()) {
    if (e.kind === 'deleted' && candidates.has(e.id)) confirmed.push(e.id);
    if (confirmed.length >= MAX_NAMED) break;
  }
  return confirmed;
}

/** What restoreMessages would do, counted by running it without keeping the output. */
export function previewRestore<T>(
  current: () => Iterable<T>,
  entries: RemovalEntries<T>,
  ops: ItemOps<T>,
): RemovalPreview {
  const existing = existingIds(current(), entries, ops);
  const tally: RestoreTally = {deleted: 0, replaced: 0, changedSince: 0};
  if (existing.length === 0) for (const _ of restoreMessages(current(), entries, ops, tally));
  return {...tally, existingIds: existing};
}
