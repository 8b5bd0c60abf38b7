// The properties Format-Table and Format-List show (and the calculated ones of Select-Object): names (matched without regard to case, the
// object's own spelling shown), wildcards, and calculated properties
// `@{Name='Room'; Expression={$_.Name}}` (Label for Name; the keys may be abbreviated, as
// PowerShell allows: N, L, E). Spec note: the Expression of a calculated property is a property
// name or a block that reads a property of `$_` (`{$_.Name}`, `{$_.Members.Count}`); a block that
// computes anything else is refused with InvalidValue rather than shown wrong.

import type {Hashtable, PsObject, Value} from '../../cmdlets/types.js';
import {CmdletError} from '../../domain/errors.js';
import {compileFilter} from '../filter-cache.js';
import {findProperty, getMember, getPath, isHashtable, isPsObject, isScriptBlock, toText} from '../values.js';
import {hasWildcard, matchWildcard} from '../wildcard.js';

export interface Column {
  readonly label: string;
  readonly read: (item: Value) => Value;
}

const invalid = (message: string): CmdletError =>
  new CmdletError('InvalidValue', message, {parameter: 'Property'});

const readProperty =
  (name: string) =>
  (item: Value): Value =>
    isPsObject(item) ? (findProperty(item, name)?.value ?? null) : getMember(item, name);

/** The columns for one object; without -Property (or with `*`), every property it has. */
export function columnsFor(property: Value | undefined, item: Value): Column[] {
  const specs: readonly Value[] =
    property === undefined || property === null ? ['*'] : Array.isArray(property) ? property : [property];
  const columns: Column[] = [];
  const add = (column: Column): void => {
    if (!columns.some((c) => c.label === column.label)) columns.push(column);
  };
  for (const spec of specs) {
    if (isHashtable(spec)) add(calculated(spec));
    else if (typeof spec !== 'string')
      throw invalid('A property is a name, or a hashtable such as @{Name="Room"; Expression={$_.Name}}.');
    else if (hasWildcard(spec)) {
      // A string or a number has no properties to list: it is shown itself.
      if (!isPsObject(item) && spec === '*') add({label: 'Value', read: (value) => value});
      const keys = isPsObject(item) ? Object.keys(item) : [];
      for (const key of keys) if (matchWildcard(spec, key)) add({label: key, read: readProperty(key)});
    } else {
      const found = isPsObject(item) ? findProperty(item, spec) : undefined;
      add({label: found?.key ?? spec, read: readProperty(spec)});
    }
  }
  return columns;
}

/** The object a row or list entry shows: label to value, in column order. */
export function selectColumns(columns: readonly Column[], item: Value): PsObject {
  const object: Record<string, Value> = {};
  // Labels are typed by the operator: define them, so "__proto__" is a label like any other.
  for (const {label, read} of columns)
    Object.defineProperty(object, label, {
      value: read(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return object;
}

const keyIs = (key: string, name: string): boolean => key !== '' && name.startsWith(key.toLowerCase());

/** A calculated property `@{Name="Members"; Expression={$_.Members.Count}}` as a column. */
export function calculated(spec: Hashtable): Column {
  let label: string | null = null;
  let expression: Value | undefined;
  for (const [key, value] of spec.entries) {
    if (keyIs(key, 'name') || keyIs(key, 'label')) label = typeof value === 'string' ? value : toText(value);
    else if (keyIs(key, 'expression')) expression = value;
    else
      throw invalid(
        `The key "${key}" is not valid in a calculated property; use Name (or Label) and Expression.`,
      );
  }
  if (expression === undefined)
    throw invalid('A calculated property needs an Expression, such as @{Name="Room"; Expression={$_.Name}}.');
  if (typeof expression === 'string') return {label: label ?? expression, read: readProperty(expression)};
  if (!isScriptBlock(expression))
    throw invalid(
      'The Expression of a calculated property is a property name or a script block such as {$_.Name}.',
    );
  const path = memberPath(expression.text);
  return {label: label ?? expression.text.trim(), read: (item) => getPath(item, path)};
}

/** `$_.A.B` as ['A', 'B']; anything else is refused. */
function memberPath(text: string): readonly string[] {
  let filter;
  try {
    filter = compileFilter({kind: 'scriptblock', text});
  } catch (error) {
    if (!(error instanceof CmdletError)) throw error;
    filter = null;
  }
  if (filter?.kind === 'variable' && filter.name === '_') return filter.path;
  throw invalid(
    `The Expression {${text}} cannot be shown: a calculated property's script block reads a property of $_, such as {$_.Name}.`,
  );
}
