// The order Sort-Object puts values in, as PowerShell's: $null first, numbers numerically, booleans
// False before True, anything else by its text in the invariant culture, without case unless asked.

import type {Value} from '../../cmdlets/types.js';
import {toText} from '../values.js';

// The root collation stands for .NET's invariant culture; .NET puts lower case first when case counts.
const withoutCase = new Intl.Collator('und', {sensitivity: 'accent'});
const withCase = new Intl.Collator('und', {sensitivity: 'variant', caseFirst: 'lower'});

export function sortOrder(left: Value, right: Value, caseSensitive: boolean): number {
  if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1;
  if (typeof left === 'number' && typeof right === 'number') return Math.sign(left - right);
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  return (caseSensitive ? withCase : withoutCase).compare(toText(left), toText(right));
}
