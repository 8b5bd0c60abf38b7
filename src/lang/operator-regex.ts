// Regular expressions typed by the operator (-match, -notmatch, -split, -replace) run on RE2's engine, whose time is
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
  const regex = compiled(pattern);
  return {test: (text) => regex.matcher(text).find()};
}

function compiled(pattern: string): RE2JS {
  let regex = cache.get(pattern);
  if (!regex) {
    regex = compile(pattern);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(pattern, regex);
  }
  return regex;
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

/**
 * The groups of the first match, keyed as .NET names them, for `$Matches`; null when nothing
 * matches. .NET numbers the unnamed groups first and the named ones after them; a group that
 * took no part in the match is left out, as PowerShell leaves it out.
 */
export function operatorMatch(text: string, pattern: string): [string, string][] | null {
  const regex = compiled(pattern);
  const matcher = regex.matcher(text);
  if (!matcher.find()) return null;
  const names = new Map(Object.entries(regex.namedGroups()).map(([name, index]) => [index, name]));
  const unnamed: [string, string][] = [];
  const named: [string, string][] = [];
  let number = 0;
  for (let index = 0; index <= matcher.groupCount(); index += 1) {
    const name = names.get(index);
    const key = name ?? String(number++);
    const value = matcher.group(index);
    if (value !== null) (name === undefined ? unnamed : named).push([key, value]);
  }
  return [...unnamed, ...named];
}

/** `-split`: the pieces between the matches, empty ones kept, as .NET's Regex.Split does. */
export function operatorSplit(text: string, pattern: string): string[] {
  return compiled(pattern).split(text, -1);
}

/** `-replace`: every match replaced; `$1` names a group, `$$` is a dollar sign. */
export function operatorReplace(text: string, pattern: string, replacement: string): string {
  return compiled(pattern).matcher(text).replaceAll(replacement);
}
