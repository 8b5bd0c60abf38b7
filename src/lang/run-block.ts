// What a script block outputs for one pipeline item (ForEach-Object): the value of its expression,
// with `$_` bound to the item and the script's variables visible. A block that is a comparison
// outputs True or False, as PowerShell does. This is the one place a block is run for its output.

import type {Value} from '../cmdlets/types.js';
import {conditionValue, type Scope} from './evaluate-expr.js';
import {compileFilter} from './filter-cache.js';

/** The values the block writes: an empty block writes nothing, a list is written item by item. */
export function runBlock(block: unknown, scope: Scope): Value[] {
  const body = compileFilter(block);
  if (body === null) return [];
  const value = conditionValue(body, scope);
  return Array.isArray(value) ? [...(value as Value[])] : [value];
}
