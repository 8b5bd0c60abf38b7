// Which items of a state's list a change replaced. A state's lists are never mutated: a Set of one
// room among 10,000 copies the list flat (collection-index.ts's replaceItems) and records here the
// positions it replaced, so that the store's diff of a commit (state-diff.ts) looks at those items
// alone instead of comparing 10,000.
//
// A record keeps the list before it alive, so a chain of records is bounded: after MAX_CHAIN
// replacements the new list has no record, and the diff compares it whole, once.

interface Replacement {
  readonly before: readonly unknown[];
  readonly indexes: readonly number[];
  /** Records from this list back to the first list without one. */
  readonly chain: number;
}

const MAX_CHAIN = 32;

const replacements = new WeakMap<readonly unknown[], Replacement>();

/** Records that `after` is `before` with the items at `indexes` replaced and every other item kept. */
export function recordReplaced(
  before: readonly unknown[],
  after: readonly unknown[],
  indexes: readonly number[],
): void {
  const chain = (replacements.get(before)?.chain ?? 0) + 1;
  if (chain <= MAX_CHAIN) replacements.set(after, {before, indexes, chain});
}

/**
 * Records that `after[index]` was replaced, `after` being a copy of `before` made for it or, when
 * `after` is `before`, a copy already recorded and replaced again in place (the store's replay of
 * many records copies a list once: state-diff.ts). A list without a record gets none.
 */
export function recordReplacedAt(before: readonly unknown[], after: readonly unknown[], index: number): void {
  if (before !== after) return recordReplaced(before, after, [index]);
  const replacement = replacements.get(after);
  if (replacement && !replacement.indexes.includes(index))
    replacements.set(after, {...replacement, indexes: [...replacement.indexes, index]});
}

/**
 * The indexes at which `after` may differ from `before` when it was made from it by replacements
 * (every other item is the very same object), or null when that is not known.
 */
export function replacedSince<T>(before: readonly T[], after: readonly T[]): readonly number[] | null {
  const indexes = new Set<number>();
  for (let list: readonly unknown[] = after; list !== before;) {
    const replacement = replacements.get(list);
    if (!replacement) return null;
    for (const index of replacement.indexes) indexes.add(index);
    list = replacement.before;
  }
  return [...indexes].sort((a, b) => a - b);
}
