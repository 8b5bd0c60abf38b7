// Filters reach cmdlets as values (a script block's text, or a string), so they are parsed
// again where they are used; the parsed form is kept, since a filter runs once per object.

import type {Expr} from './ast.js';
import {CmdletError} from '../domain/errors.js';
import {parseFilterText} from './parse-filter.js';
import {SyntaxProblem} from './token.js';
import {isScriptBlock} from './values.js';
import {parse} from './parse.js';
import type {ScriptBlock} from '../cmdlets/types.js';

const cache = new Map<string, Expr | null>();
const MAX_CACHED = 200;
const statementBlocks = new Map<string, boolean>();

/**
 * A `{ }` block that is no filter but reads as statements (`{ $_.Size * 2 -gt 10 }`): Where-Object
 * runs it and tests the truth of its output, as PowerShell does with any block.
 */
export function isStatementBlock(filter: unknown): filter is ScriptBlock {
  if (!isScriptBlock(filter)) return false;
  let known = statementBlocks.get(filter.text);
  if (known === undefined) {
    try {
      parseFilterText(filter.text);
      known = false;
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      known = parse(filter.text).ok;
    }
    if (statementBlocks.size >= MAX_CACHED) statementBlocks.clear();
    statementBlocks.set(filter.text, known);
  }
  return known;
}

/** The parsed filter of a `{...}` block or a filter string; InvalidValue when it does not parse. */
export function compileFilter(filter: unknown): Expr | null {
  const text = isScriptBlock(filter) ? filter.text : typeof filter === 'string' ? filter : null;
  if (text === null)
    throw new CmdletError(
      'InvalidValue',
      'A filter must be a script block such as {Name -eq "x"} or a string.',
      {parameter: 'Filter'},
    );
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  let parsed: Expr | null;
  try {
    parsed = parseFilterText(text);
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    const column = Math.max(1, error.offset);
    throw new CmdletError(
      'InvalidValue',
      `The filter "${text}" is not valid: at column ${column} of the filter, ${error.message}.`,
      {parameter: 'Filter'},
    );
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(text, parsed);
  return parsed;
}
