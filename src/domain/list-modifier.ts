// PowerShell-style list modifiers (rooms-and-content.md section 0.3): Replace, then Remove,
// then Add, compared on the normalised principal key.

import {principalKey} from './principals.js';

/** The bound form of a PSListModifier parameter; a plain list binds as `replace`. */
export interface ListChange {
  readonly replace?: readonly string[];
  readonly remove?: readonly string[];
  readonly add?: readonly string[];
}

export interface ListResult {
  readonly list: readonly string[];
  /** Entries that were not on the list before (these are the ones a command must validate). */
  readonly added: readonly string[];
  readonly changed: boolean;
}

const dedupe = (values: readonly string[]): string[] => {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = principalKey(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/**
 * Applies a modifier; `null` empties the list, `undefined` leaves it alone. `toStored` turns a raw
 * value into its stored form (and throws on an invalid one); removals of values that do not parse
 * are compared as written, since removing something that is not there is silently ignored.
 */
export const applyListChange = (
  current: readonly string[],
  change: ListChange | null | undefined,
  toStored: (raw: string) => string,
): ListResult => {
  if (change === undefined) return {list: current, added: [], changed: false};
  const replaced =
    change === null ? [] : change.replace ? dedupe(change.replace.map(toStored)) : [...current];
  const removeKeys = new Set(
    (change?.remove ?? []).map((raw) => {
      try {
        return principalKey(toStored(raw));
      } catch {
        return principalKey(raw);
      }
    }),
  );
  const kept = replaced.filter((v) => !removeKeys.has(principalKey(v)));
  const keys = new Set(kept.map(principalKey));
  const list = [...kept];
  for (const value of (change?.add ?? []).map(toStored)) {
    const key = principalKey(value);
    if (!keys.has(key)) {
      keys.add(key);
      list.push(value);
    }
  }
  const before = new Set(current.map(principalKey));
  const added = list.filter((v) => !before.has(principalKey(v)));
  const changed = list.length !== current.length || list.some((v, i) => v !== current[i]);
  return {list: changed ? list : current, added, changed};
};
