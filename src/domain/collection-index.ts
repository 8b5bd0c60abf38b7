// Lookups by key in a state's collections (50,000 users, 10,000 rooms) without a scan of the whole
// collection at each lookup. A state's arrays are never mutated, so an index is made once per array
// and kept with it; a change that makes the next array from one (items replaced or appended) carries
// the index over to it, so a script of thousands of lines builds it once, not once a line.

import {recordReplaced} from './replaced-items.js';

/** The key an item is found by; null leaves the item out of the index. */
export type KeyOf<T> = (item: T) => string | null;

interface Indexes {
  /** Each item's position, made on the first replacement. */
  positions: Map<object, number> | null;
  readonly groups: Map<KeyOf<never>, Map<string, readonly object[]>>;
}

const indexed = new WeakMap<readonly object[], Indexes>();

const indexesOf = (items: readonly object[]): Indexes => {
  let found = indexed.get(items);
  if (found === undefined) {
    found = {positions: null, groups: new Map()};
    indexed.set(items, found);
  }
  return found;
};

function groupsOf<T extends object>(items: readonly T[], keyOf: KeyOf<T>): Map<string, readonly T[]> {
  const indexes = indexesOf(items);
  const known = indexes.groups.get(keyOf) as Map<string, readonly T[]> | undefined;
  if (known !== undefined) return known;
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  indexes.groups.set(keyOf, groups);
  return groups;
}

/** The items whose key is `key`, in the collection's order: what `items.filter(i => keyOf(i) === key)` gives. */
export const itemsWithKey = <T extends object>(
  items: readonly T[],
  keyOf: KeyOf<T>,
  key: string,
): readonly T[] => groupsOf(items, keyOf).get(key) ?? [];

/**
 * `items` with each item that is a key of `replacements` replaced by its value, in place: what
 * `items.map(i => replacements.get(i) ?? i)` gives. The indexes of `items` move to the new array.
 */
export function replaceItems<T extends object>(items: readonly T[], replacements: ReadonlyMap<T, T>): T[] {
  const before = indexesOf(items);
  const positions = before.positions ?? positionsOf(items);
  // A state never holds one object twice; when positions could not say where an item is (or would
  // be), the array is made the plain way and its indexes are made again when next asked for.
  const placeable = (positions: Map<object, number> | null): positions is Map<object, number> =>
    positions !== null &&
    [...replacements].every(([old, now]) => now === old || !positions.has(now) || !positions.has(old));
  if (!placeable(positions)) {
    indexed.delete(items);
    return items.map((i) => replacements.get(i) ?? i);
  }
  const next = items.slice();
  const moved = new Map<T, T>();
  const replaced: number[] = [];
  for (const [old, now] of replacements) {
    const at = positions.get(old);
    if (at === undefined) continue;
    next[at] = now;
    replaced.push(at);
    positions.delete(old);
    positions.set(now, at);
    moved.set(old, now);
  }
  const carried: Indexes = {positions, groups: new Map()};
  for (const [keyOf, groups] of before.groups) {
    if (carryReplacements(groups as Map<string, readonly T[]>, keyOf as KeyOf<T>, moved))
      carried.groups.set(keyOf, groups);
  }
  indexed.delete(items);
  indexed.set(next, carried);
  recordReplaced(items, next, replaced);
  return next;
}

/** `[...items, item]`; the indexes of `items` move to the new array. */
export function appendItem<T extends object>(items: readonly T[], item: T): T[] {
  const next = [...items, item];
  const before = indexed.get(items);
  if (before === undefined) return next;
  const positions = before.positions;
  if (positions !== null) {
    if (positions.has(item)) before.positions = null;
    else positions.set(item, items.length);
  }
  for (const [keyOf, groups] of before.groups) {
    const key = (keyOf as KeyOf<T>)(item);
    if (key !== null) groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  indexed.delete(items);
  indexed.set(next, before);
  return next;
}

function positionsOf(items: readonly object[]): Map<object, number> | null {
  const positions = new Map<object, number>();
  for (let i = 0; i < items.length; i += 1) {
    if (positions.has(items[i]!)) return null;
    positions.set(items[i]!, i);
  }
  return positions;
}

/**
 * Replaces the items in their groups, each group copied before it changes (a caller may still hold
 * it). False when a replacement changes an item's key: the index is then made again when next asked for.
 */
function carryReplacements<T extends object>(
  groups: Map<string, readonly T[]>,
  keyOf: KeyOf<T>,
  replacements: ReadonlyMap<T, T>,
): boolean {
  for (const [old, now] of replacements) {
    const key = keyOf(old);
    if (key !== keyOf(now)) return false;
    if (key === null) continue;
    groups.set(
      key,
      (groups.get(key) ?? []).map((i) => (i === old ? now : i)),
    );
  }
  return true;
}
