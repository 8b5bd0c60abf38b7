// Reading bound arguments: a key is present only when the parameter was given, and an explicit
// $Null arrives as null. Shared by every cmdlet module.

import type {Args} from './types.js';

/** True when the parameter was given (an explicit $Null counts as given). */
export const given = (args: Args, key: string): boolean =>
  Object.hasOwn(args, key) && args[key] !== undefined;

export const text = (args: Args, key: string): string | undefined => {
  const value = args[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
};

/** A string parameter where $Null means "clear": undefined when not given. */
export const nullableText = (args: Args, key: string): string | null | undefined =>
  !given(args, key) ? undefined : args[key] === null ? null : text(args, key);

export const flag = (args: Args, key: string): boolean | undefined =>
  typeof args[key] === 'boolean' ? args[key] : undefined;

export const integer = (args: Args, key: string): number | undefined =>
  typeof args[key] === 'number' ? args[key] : undefined;
