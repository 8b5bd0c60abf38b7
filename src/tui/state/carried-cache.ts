// A value kept per row list (its ids, its cell widths), carried over to a list made from a recent one
// by replacing rows (replaced-items.ts): a commit read from another process replaces one room's row
// among 10,000, and the list's ids and widths were made again from all of them at every read (issue
// 12: the console while another process commits).

import {replacedSince} from '../../domain/replaced-items.js';

/** Row lists a new one is looked up against: the panes' last few. */
const RECENT = 4;

export type Carry<V> = (
  before: readonly object[],
  value: V,
  after: readonly object[],
  replaced: readonly number[],
) => V | null;

export interface CarriedCache<V> {
  /** The value of `list`: kept, carried from a recent list it was made from, or made. */
  get(list: readonly object[], make: () => V, carry: Carry<V>): V;
}

export function carriedCache<V>(): CarriedCache<V> {
  const values = new WeakMap<readonly object[], V>();
  const recent: (readonly object[])[] = [];
  return {
    get(list, make, carry) {
      const kept = values.get(list);
      if (kept !== undefined) return kept;
      let value: V | null = null;
      for (const before of recent) {
        const replaced = replacedSince(before, list);
        const last = values.get(before);
        if (replaced !== null && last !== undefined) value = carry(before, last, list, replaced);
        if (value !== null) break;
      }
      const made = value ?? make();
      values.set(list, made);
      recent.unshift(list);
      recent.length = Math.min(recent.length, RECENT);
      return made;
    },
  };
}
