// A bound on the values one line can build. `$a = $a,$a` shares its halves, so twenty-seven
// doublings cost little memory until the output expands every copy (a 1.9 GB crash). Sizes
// count each shared part as often as it will be written out, and are cached per array so a
// check costs the new items only.

import type {Value} from '../cmdlets/types.js';
import {CmdletError} from '../domain/errors.js';
import {isHashtable} from './values.js';

/** Items one value may expand to; far above any store's output (10,000 rooms, 50,000 users). */
export const MAX_VALUE_ITEMS = 1_000_000;

const sizes = new WeakMap<object, number>();

/** How many items the value writes out when fully expanded (a scalar is 1). */
export function expandedSize(value: Value): number {
  if (Array.isArray(value) || isHashtable(value)) {
    const cached = sizes.get(value);
    if (cached !== undefined) return cached;
    const parts: readonly Value[] = Array.isArray(value)
      ? (value as readonly Value[])
      : value.entries.map(([, entry]) => entry);
    let size = 1;
    for (const part of parts) size = Math.min(size + expandedSize(part), Number.MAX_SAFE_INTEGER);
    sizes.set(value, size);
    return size;
  }
  return 1;
}

/** The value itself, or a LimitExceeded error when it would expand past the bound. */
export function boundedValue<T extends Value>(value: T): T {
  const size = expandedSize(value);
  if (size > MAX_VALUE_ITEMS)
    throw new CmdletError(
      'LimitExceeded',
      `The value would hold ${size > 1e15 ? 'more than 10^15' : size.toLocaleString('en-US')} items when written out; the limit is ${MAX_VALUE_ITEMS.toLocaleString('en-US')}.`,
    );
  return value;
}
