// One item of a state's list replaced, at the cost of that item. A state's lists are never mutated:
// a Set of one room among 10,000 copies the list (a flat copy, one memcpy) and remembers which item it
// replaced, so that whatever was derived from the list before (a lookup index, content-identity.ts;
// the store's diff of a commit, state-diff.ts) is carried to the new list by looking at that item
// alone, instead of scanning 10,000.
//
// The record keeps the list before alive, so a chain of records is bounded: after MAX_CHAIN
// replacements the new list has no record, and what is derived from it is derived again, once.

interface Replacement {
  readonly before: readonly unknown[];
  readonly index: number;
  /** Records from this list back to the first list without one. */
  readonly chain: number;
}

const MAX_CHAIN = 32;

const replacements = new WeakMap<readonly unknown[], Replacement>();

/** `items` with `old` (found by identity) replaced by `next`; throws when `old` is not an item of it. */
export function replaceItem<T>(items: readonly T[], old: T, next: T): readonly T[] {
  const index = items.indexOf(old);
  if (index < 0) throw new Error('replaceItem: the item to replace is not in the list.');
  const copy = items.slice();
  copy[index] = next;
  const chain = (replacements.get(items)?.chain ?? 0) + 1;
  if (chain <= MAX_CHAIN) replacements.set(copy, {before: items, index, chain});
  return copy;
}

/** The list `items` was made from by one replaceItem, and the index it replaced; null when unknown. */
export function replacedFrom<T>(
  items: readonly T[],
): {readonly before: readonly T[]; readonly index: number} | null {
  const replacement = replacements.get(items);
  return replacement ? {before: replacement.before as readonly T[], index: replacement.index} : null;
}

/**
 * The indexes at which `after` may differ from `before` when it was made from it by replaceItem
 * calls (every other item is the very same object), or null when that is not known.
 */
export function replacedSince<T>(before: readonly T[], after: readonly T[]): readonly number[] | null {
  const indexes = new Set<number>();
  for (let list = after; list !== before;) {
    const replacement = replacements.get(list);
    if (!replacement) return null;
    indexes.add(replacement.index);
    list = replacement.before as readonly T[];
  }
  return [...indexes].sort((a, b) => a - b);
}
