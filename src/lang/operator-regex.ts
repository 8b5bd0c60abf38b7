// Regular expressions typed by the operator (-match, -notmatch) run on RE2's engine, whose time is
// linear in the text: no pattern can backtrack without end, so there is no guard to get past.
// What RE2 does not have (backreferences, lookaround) is refused with the engine's own reason.

import {RE2JS} from 're2js';
import {CmdletError} from '../domain/errors.js';

const MAX_PATTERN = 1000;
const CACHE_SIZE = 200;
const cache = new Map<string, RE2JS>();

export interface OperatorRegex {
  test(text: string): boolean;
}

/** The compiled pattern, case-insensitive as PowerShell's -match is. */
export function operatorRegex(pattern: string): OperatorRegex {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compile(pattern);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(pattern, compiled);
  }
  const regex = compiled;
  return {test: (text) => regex.matcher(text).find()};
}

function compile(pattern: string): RE2JS {
  const refuse = (why: string): never => {
    throw new CmdletError(
      'InvalidValue',
      `The regular expression "${pattern.slice(0, 60)}" is not supported: ${why}.`,
    );
  };
  if (pattern.length > MAX_PATTERN) refuse(`it is longer than ${MAX_PATTERN} characters`);
  try {
    return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    return refuse(`${reason} (backreferences and lookaround are not available)`);
  }
}
