// Identity strings of the settings cmdlets (XdsIdentity) and of Persistent Chat pools, and the
// wildcard matching of -Filter. Shared by the configuration, compliance and policy modules.
//
// XdsIdentity forms (input is case-insensitive; whitespace after a colon is ignored):
//   global                                   → Global
//   site:<name>                              → Site:<name>
//   service:PersistentChatServer:<fqdn>      → Service:PersistentChatServer:<fqdn>
//   tag:<name> or a bare <name>              → Tag:<name>
// Pool identities (state cmdlets): PersistentChatServer:<fqdn>, service:<fqdn>,
// service:PersistentChatServer:<fqdn>; output form service:PersistentChatServer:<fqdn>.

import {CmdletError} from './errors.js';
import {parseFqdn} from './fqdn.js';
import {textFieldProblem} from './text-fields.js';
import type {ChatState, PersistentChatPool} from './types.js';

export type XdsScope = 'global' | 'site' | 'service' | 'tag';

export interface XdsIdentityParts {
  readonly scope: XdsScope;
  /** Site name or tag name as written, pool FQDN lower-case; null for global. */
  readonly name: string | null;
}

export interface ParseXdsOptions {
  /** Scopes the cmdlet takes; another scope fails with InvalidScope. Default: all four. */
  readonly scopes?: readonly XdsScope[];
  /** Parameter named in errors; default `Identity`. */
  readonly parameter?: string;
}

const SERVICE_ROLE = 'PersistentChatServer';
const ALL_SCOPES: readonly XdsScope[] = ['global', 'site', 'service', 'tag'];
const SCOPE_EXAMPLES: Readonly<Record<XdsScope, string>> = {
  global: 'Global',
  site: 'Site:<site name>',
  service: 'Service:PersistentChatServer:<pool fqdn>',
  tag: 'Tag:<name>',
};

/** Splits at the first colon, trimming whitespace around the rest ("service: fqdn" → ["service", "fqdn"]). */
const splitPrefix = (text: string): [string, string] | null => {
  const colon = text.indexOf(':');
  return colon < 0 ? null : [text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim()];
};

const invalid = (text: string, why: string, parameter: string): CmdletError =>
  new CmdletError('InvalidValue', `"${text}" is not a valid identity: ${why}.`, {target: text, parameter});

/** The pool FQDN of `service:PersistentChatServer:<fqdn>`, `service:<fqdn>` or `PersistentChatServer:<fqdn>`. */
const servicePool = (prefix: string, rest: string): string | null => {
  if (prefix === SERVICE_ROLE.toLowerCase()) return rest;
  if (prefix !== 'service') return null;
  const inner = splitPrefix(rest);
  if (inner === null) return rest;
  return inner[0] === SERVICE_ROLE.toLowerCase() ? inner[1] : null;
};

/**
 * Parses an XdsIdentity. Throws InvalidValue for a malformed identity (empty name, bad FQDN,
 * control characters) and InvalidScope for a scope outside `options.scopes` (a bare name is a tag).
 */
// Spec note: `service:<fqdn>` and `PersistentChatServer:<fqdn>` are accepted for the service scope
// as well, since the service scope exists only for Persistent Chat pools (topology spec 1.2).
export const parseXdsIdentity = (text: string, options: ParseXdsOptions = {}): XdsIdentityParts => {
  const parameter = options.parameter ?? 'Identity';
  const trimmed = text.trim();
  if (trimmed === '') throw invalid(text, 'it is empty', parameter);
  const problem = textFieldProblem(trimmed);
  if (problem !== null) throw invalid(text, problem, parameter);
  const parts = parseParts(trimmed, parameter);
  const scopes = options.scopes ?? ALL_SCOPES;
  if (!scopes.includes(parts.scope)) {
    const allowed = scopes.map((s) => SCOPE_EXAMPLES[s]).join(', ');
    throw new CmdletError(
      'InvalidScope',
      `The ${parts.scope} scope of "${text}" cannot be used here; use ${allowed}.`,
      {
        target: text,
        parameter,
      },
    );
  }
  return parts;
};

const parseParts = (trimmed: string, parameter: string): XdsIdentityParts => {
  if (trimmed.toLowerCase() === 'global') return {scope: 'global', name: null};
  const split = splitPrefix(trimmed);
  if (split === null) return {scope: 'tag', name: trimmed};
  const [prefix, rest] = split;
  if (prefix === 'site' || prefix === 'tag') {
    if (rest === '' || rest.includes(':'))
      throw invalid(trimmed, `a ${prefix} name is required after "${prefix}:"`, parameter);
    return {scope: prefix, name: rest};
  }
  const pool = servicePool(prefix, rest);
  if (pool === null) {
    const why =
      prefix === 'service'
        ? 'only the PersistentChatServer service has settings'
        : `"${prefix}:" is not a scope`;
    throw new CmdletError('InvalidScope', `"${trimmed}" cannot be used here: ${why}.`, {
      target: trimmed,
      parameter,
    });
  }
  const fqdn = parseFqdn(pool);
  if (fqdn === null) throw invalid(trimmed, `"${pool}" is not a fully qualified domain name`, parameter);
  return {scope: 'service', name: fqdn};
};

/** The canonical output form: `Global`, `Site:X`, `Service:PersistentChatServer:fqdn`, `Tag:X`. */
export const canonicalXdsIdentity = (identity: string | XdsIdentityParts): string => {
  const parts = typeof identity === 'string' ? parseXdsIdentity(identity) : identity;
  switch (parts.scope) {
    case 'global':
      return 'Global';
    case 'site':
      return `Site:${parts.name ?? ''}`;
    case 'service':
      return `Service:${SERVICE_ROLE}:${parts.name ?? ''}`;
    case 'tag':
      return `Tag:${parts.name ?? ''}`;
  }
};

/** True when two XdsIdentity strings name the same collection (case-insensitive, any accepted spelling). */
export const sameXdsIdentity = (a: string, b: string): boolean => {
  try {
    return canonicalXdsIdentity(a).toLowerCase() === canonicalXdsIdentity(b).toLowerCase();
  } catch {
    return false;
  }
};

/** `service:PersistentChatServer:<fqdn>`: the Identity of a pool's PersistentChatState (spec 9.2). */
export const poolStateIdentity = (fqdn: string): string => `service:${SERVICE_ROLE}:${fqdn}`;

/** `PersistentChatServer:<fqdn>`: the Identity of a pool's service (Get-CsService). */
export const poolServiceIdentity = (fqdn: string): string => `${SERVICE_ROLE}:${fqdn}`;

/**
 * The pool FQDN (lower-case) named by a pool identity in any of its spellings, or null when the
 * text is not a pool identity. A bare FQDN is accepted too.
 */
// Spec note: a bare pool FQDN is accepted as a pool identity; it cannot mean anything else.
export const parsePoolIdentity = (text: string): string | null => {
  const trimmed = text.trim();
  const split = splitPrefix(trimmed);
  if (split === null) return parseFqdn(trimmed);
  const pool = servicePool(split[0], split[1]);
  return pool === null ? null : parseFqdn(pool);
};

/** The pool a pool identity names; PoolNotFound when there is no such pool (or the text names none). */
export const resolvePoolIdentity = (
  state: Pick<ChatState, 'topology'>,
  text: string,
  parameter = 'Identity',
): PersistentChatPool => {
  const fqdn = parsePoolIdentity(text);
  const pool =
    fqdn === null ? undefined : state.topology.persistentChatPools.find((p) => p.fqdn.toLowerCase() === fqdn);
  if (pool) return pool;
  throw new CmdletError('PoolNotFound', `No Persistent Chat pool has the identity "${text}".`, {
    target: text,
    parameter,
  });
};

/**
 * PowerShell-style wildcard match of the whole text: `*` any run of characters, `?` one character,
 * case-insensitive. Linear backtracking to the last star, so hostile patterns stay cheap.
 */
export const wildcardMatch = (pattern: string, text: string): boolean => {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let star = -1;
  let resume = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi += 1;
      ti += 1;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi;
      resume = ti;
      pi += 1;
    } else if (star >= 0) {
      pi = star + 1;
      resume += 1;
      ti = resume;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi += 1;
  return pi === p.length;
};

/** True when the text contains a wildcard character. */
export const hasWildcard = (text: string): boolean => /[*?]/.test(text);

/** The scope of a stored identity, or null when it is not a valid XdsIdentity. */
export const scopeOfIdentity = (identity: string): XdsScope | null => {
  try {
    return parseXdsIdentity(identity).scope;
  } catch {
    return null;
  }
};
