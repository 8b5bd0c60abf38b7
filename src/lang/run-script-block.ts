// A script block's statements run for one pipeline item, with `$_` as the item: what
// ForEach-Object and other block-taking commands call. The block sees and assigns the
// script's variables and runs against the line's LineEnv.

import type {ScriptBlock, Value} from '../cmdlets/types.js';
import type {Statement} from './ast.js';
import {CmdletError} from '../domain/errors.js';
import type {LineEnv} from './context.js';
import {parse} from './parse.js';
import {runStatements} from './run-statements.js';

const cache = new Map<string, readonly Statement[]>();
const MAX_CACHED = 200;

/** The block's output for `current`; a block that does not parse is an InvalidValue error. */
export function runScriptBlock(env: LineEnv, block: ScriptBlock, current: Value): Value[] {
  const statements = parsedBlock(block.text);
  const outer = env.current;
  env.current = current;
  try {
    return runStatements(env, statements);
  } finally {
    env.current = outer;
  }
}

function parsedBlock(text: string): readonly Statement[] {
  const cached = cache.get(text);
  if (cached) return cached;
  const parsed = parse(text);
  if (!parsed.ok)
    throw new CmdletError('InvalidValue', `The script block {${text}} is not valid: ${parsed.error.message}`);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(text, parsed.statements);
  return parsed.statements;
}
