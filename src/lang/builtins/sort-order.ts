// The order Sort-Object puts values in, as PowerShell's: $null first, numbers numerically, booleans
// False before True, anything else by its text in the invariant culture, without case unless asked.

import type {Value} from '../../cmdlets/types.js';
import {toText} from '../values.js';

// The root collation stands for .NET's invariant culture; .NET puts lower case first when case counts.
// Made on first sort: a collator loads the ICU collation data, several ms of every `pchat exec`'s start.
let withoutCase: Intl.Collator | null = null;
let withCase: Intl.Collator | null = null;
const collator = (caseSensitive: boolean): Intl.Collator =>
  caseSensitive
    ? (withCase ??= new Intl.Collator('und', {sensitivity: 'variant', caseFirst: 'lower'}))
    : (withoutCase ??= new Intl.Collator('und', {sensitivity: 'accent'}));

export function sortOrder(left: Value, right: Value, caseSensitive: boolean): number {
  if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1;
  if (typeof left === 'number' && typeof right === 'number') return Math.sign(left - right);
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  return collator(caseSensitive).compare(toText(left), toText(right));
}
