// Reading bound arguments in the content cmdlets: a key is present only when the parameter was
// given, and an explicit $Null arrives as null.

import {CmdletError, type Warning} from '../domain/errors.js';
import type {Ports} from '../domain/ports.js';
import type {Args, CmdletContext, DateArg, ListModifier, ParamSpec, PsObject} from './types.js';
import {given, text, nullableText, flag, integer} from './args.js';

export {given, text, nullableText, flag, integer};

export const date = (args: Args, key: string): DateArg | undefined => {
  const value = args[key];
  return typeof value === 'object' && value !== null && 'iso' in value ? (value as DateArg) : undefined;
};

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value)]);

/** A PSListModifier argument; a plain value or array is a replace, $Null empties the list. */
export const listChange = (args: Args, key: string): ListModifier | null | undefined => {
  if (!given(args, key)) return undefined;
  const value = args[key];
  if (value === null) return null;
  if (typeof value === 'string' || Array.isArray(value)) return {replace: strings(value)};
  return value;
};

const identityProperty = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as PsObject)['Identity'] === 'string')
    return (value as PsObject)['Identity'] as string;
  return undefined;
};

/** The object a Set/Remove/Clear acts on: -Identity, or the piped -Instance (object or identity string). */
export const targetIdentity = (args: Args, extra?: string): string => {
  const identity = text(args, 'Identity') ?? identityProperty(args['Instance']) ?? extra;
  if (identity === undefined || identity.trim() === '') {
    throw new CmdletError(
      'MissingParameter',
      'Give -Identity, or pipe in an object from the matching Get cmdlet.',
      {parameter: 'Identity'},
    );
  }
  return identity;
};

/** Domain warnings, unless -Force suppresses them. */
export const passWarnings = (ctx: CmdletContext, warnings: readonly Warning[], force: boolean): void => {
  if (force) return;
  for (const w of warnings) ctx.warn(w.warningId, w.message, w.target);
};

export const messageCount = (n: number): string => `${n} message${n === 1 ? '' : 's'}`;

/** True when the iterable yields anything; reads at most one item. */
export const hasAny = (items: Iterable<unknown>): boolean => {
  for (const _ of items) return true;
  return false;
};

// One backup per evaluated line: the ports object is created once per evaluation.
const backedUp = new WeakSet<Ports>();

/** High-impact message changes keep a backup first (contract section 3). */
export const backupOnce = (ctx: CmdletContext, reason: string): void => {
  if (backedUp.has(ctx.ports)) return;
  backedUp.add(ctx.ports);
  ctx.effect({kind: 'backup', reason});
};

/** The -Identity / -Instance pair every Set, Remove and Clear cmdlet takes. */
export const identityParams = (
  kind: 'category' | 'room' | 'addin',
  noun: string,
  required = true,
): Record<string, ParamSpec> => ({
  Identity: {
    type: 'string',
    help: `Identity of the ${noun}: <pool>\\<name>, or the name alone when it is unique across pools.`,
    position: 0,
    sets: ['Identity'],
    ...(required ? {required: ['Identity']} : {}),
    // Strings piped in bind here by value, objects from a Get cmdlet bind whole to Instance.
    pipeline: 'both',
    completes: kind,
  },
  Instance: {
    type: 'object',
    help: `A ${noun} object from the matching Get cmdlet (or its identity string), usually piped in.`,
    sets: ['Instance'],
    required: ['Instance'],
    pipeline: 'value',
  },
});

export const asObjectParam = (what: string): ParamSpec => ({
  type: 'switch',
  help: `Show (and accept) principals by Active Directory display name instead of SIP address in ${what}.`,
});
