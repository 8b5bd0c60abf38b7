// Principal references on category and room lists (rooms-and-content.md section 0.2): how a
// string is classified, validated and stored, and how it is shown with -AsObject.

import type {Directory, DirectoryContact, DirectoryGroup, DirectoryUser} from './types.js';
import {CmdletError} from './errors.js';
import {textFieldProblem} from './text-fields.js';

export type PrincipalKind = 'user' | 'group' | 'ou' | 'container' | 'domain';

export interface PrincipalRef {
  readonly kind: PrincipalKind;
  /** The stored form: a lower-cased SIP URI or a DN as first entered. */
  readonly value: string;
}

/** Duplicates are found on this key: lower-case, no spaces around `,` and `=`. */
export const principalKey = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .replace(/\s*([,=])\s*/g, '$1');

const SIP_URI = /^sip:[^\s@:;<>"\\/]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
const BARE_ADDRESS = /^[^\s@:;<>"\\/=,]+@[^\s@]+$/;
const RDN = /^(cn|ou|dc|o|l|c)=(.+)$/;

export const isSipUri = (value: string): boolean => SIP_URI.test(value);

const partsCache = new Map<string, readonly string[] | null>();

/** Splits a DN into normalised RDNs (`ou=it`), or null when it is not a well-formed DN. */
export const dnParts = (dn: string): readonly string[] | null => {
  const cached = partsCache.get(dn);
  if (cached !== undefined) return cached;
  const parts = dn.split(/(?<!\\),/).map((p) => principalKey(p));
  // A value holding another unescaped `=` is a typo such as `CN=ChatSupportGroup.OU=IT`.
  const ok = parts.every((part) => {
    const match = RDN.exec(part);
    return match !== null && !/(?<!\\)=/.test(match[2] ?? '=');
  });
  // Bounded: the lists and the directory repeat a small set of DNs.
  if (partsCache.size > 10_000) partsCache.clear();
  partsCache.set(dn, ok ? parts : null);
  return ok ? parts : null;
};

/** True when `ancestor` is `descendant` or one of its parents (DN suffix, any depth). */
export const dnWithin = (descendant: string, ancestor: string): boolean => {
  const d = dnParts(descendant);
  const a = dnParts(ancestor);
  if (!d || !a || a.length > d.length) return false;
  const offset = d.length - a.length;
  return a.every((part, i) => d[offset + i] === part);
};

const looksLikeDn = (value: string): boolean => /^\s*(cn|ou|dc|o)\s*=/i.test(value);

/** Lookup tables over one directory, built once per directory object. */
export interface DirectoryIndex {
  readonly loaded: boolean;
  readonly usersBySip: ReadonlyMap<string, DirectoryUser | DirectoryContact>;
  readonly usersByDn: ReadonlyMap<string, DirectoryUser | DirectoryContact>;
  readonly groups: ReadonlyMap<string, DirectoryGroup>;
  readonly containers: ReadonlySet<string>;
}

const indexes = new WeakMap<Directory, DirectoryIndex>();

export const indexDirectory = (directory: Directory): DirectoryIndex => {
  const cached = indexes.get(directory);
  if (cached) return cached;
  const people = [...directory.users, ...directory.contacts];
  const index: DirectoryIndex = {
    loaded:
      people.length +
        directory.groups.length +
        directory.organizationalUnits.length +
        directory.containers.length >
      0,
    usersBySip: new Map(people.filter((p) => p.sipAddress).map((p) => [principalKey(p.sipAddress ?? ''), p])),
    usersByDn: new Map(people.map((p) => [principalKey(p.dn), p])),
    groups: new Map(directory.groups.map((g) => [principalKey(g.dn), g])),
    containers: new Set(directory.containers.map(principalKey)),
  };
  indexes.set(directory, index);
  return index;
};

/** The kind of a stored entry (never throws: stored lists may predate a directory change). */
export const refOf = (directory: Directory, value: string): PrincipalRef => {
  const key = principalKey(value);
  if (key.startsWith('sip:')) return {kind: 'user', value};
  const parts = dnParts(value) ?? [];
  if (parts[0]?.startsWith('ou=')) return {kind: 'ou', value};
  if (parts.length > 0 && parts.every((p) => p.startsWith('dc='))) return {kind: 'domain', value};
  if (indexDirectory(directory).containers.has(key)) return {kind: 'container', value};
  return {kind: 'group', value};
};

const invalid = (raw: string, parameter: string, why: string): CmdletError =>
  new CmdletError('InvalidPrincipal', `"${raw}" is not a valid principal for ${parameter}: ${why}.`, {
    target: raw,
    parameter,
  });

const classifyDn = (index: DirectoryIndex, raw: string, parameter: string): PrincipalRef => {
  const parts = dnParts(raw);
  if (!parts) throw invalid(raw, parameter, 'it is not a well-formed distinguished name');
  const key = parts.join(',');
  if (parts[0]?.startsWith('ou=')) return {kind: 'ou', value: raw};
  if (parts.every((p) => p.startsWith('dc='))) return {kind: 'domain', value: raw};
  if (!parts[0]?.startsWith('cn=')) throw invalid(raw, parameter, 'only CN=, OU= and DC= names can be used');
  if (index.groups.has(key)) return {kind: 'group', value: raw};
  if (index.containers.has(key)) return {kind: 'container', value: raw};
  // Spec note: a user's or contact's own DN is accepted and stored as its SIP URI, the spelling the lists use for users.
  const person = index.usersByDn.get(key);
  if (person?.sipAddress) return {kind: 'user', value: person.sipAddress.toLowerCase()};
  if (index.loaded) throw invalid(raw, parameter, 'the directory has no group or container with that name');
  return {kind: 'group', value: raw};
};

const classifySip = (index: DirectoryIndex, raw: string, sip: string, parameter: string): PrincipalRef => {
  if (!isSipUri(sip)) throw invalid(raw, parameter, 'it is not a SIP address of the form sip:user@domain');
  // Spec note: with a directory loaded an unknown SIP address is refused ("unknown principal"), not stored blindly.
  if (index.loaded && !index.usersBySip.has(sip))
    throw invalid(raw, parameter, 'no user or contact has that SIP address');
  return {kind: 'user', value: sip};
};

const byDisplayName = (directory: Directory, raw: string, parameter: string): PrincipalRef => {
  const name = raw.trim().toLowerCase();
  const hits: PrincipalRef[] = [
    ...[...directory.users, ...directory.contacts]
      .filter((p) => p.displayName.toLowerCase() === name && p.sipAddress)
      .map((p): PrincipalRef => ({kind: 'user', value: (p.sipAddress ?? '').toLowerCase()})),
    ...directory.groups
      .filter((g) => g.displayName.toLowerCase() === name)
      .map((g): PrincipalRef => ({kind: 'group', value: g.dn})),
  ];
  if (hits.length === 1 && hits[0]) return hits[0];
  throw invalid(
    raw,
    parameter,
    hits.length === 0
      ? 'no directory object has that display name'
      : 'several directory objects have that display name',
  );
};

/**
 * Classifies and validates one principal written into a list, returning its stored form.
 * With `asObject`, a string that is neither a SIP URI nor a DN is looked up as a display name.
 */
export const parsePrincipal = (
  directory: Directory,
  raw: string,
  parameter: string,
  asObject = false,
): PrincipalRef => {
  const text = raw.trim();
  const problem = text === '' ? 'it is empty' : textFieldProblem(text);
  if (problem !== null) throw invalid(raw, parameter, problem);
  const index = indexDirectory(directory);
  const lower = text.toLowerCase();
  if (lower.startsWith('sip:')) return classifySip(index, raw, lower, parameter);
  if (looksLikeDn(text)) return classifyDn(index, text, parameter);
  if (BARE_ADDRESS.test(text)) return classifySip(index, raw, `sip:${lower}`, parameter);
  if (asObject) return byDisplayName(directory, text, parameter);
  throw invalid(raw, parameter, 'use a SIP address (sip:user@domain) or a distinguished name');
};

/** The directory object a SIP URI names (user or contact), if any. */
export const personBySip = (
  directory: Directory,
  sip: string,
): DirectoryUser | DirectoryContact | undefined =>
  indexDirectory(directory).usersBySip.get(principalKey(sip));

/** -AsObject output: users, contacts and groups by display name, everything else as stored. */
export const displayNameOf = (directory: Directory, value: string): string => {
  const index = indexDirectory(directory);
  const key = principalKey(value);
  return index.usersBySip.get(key)?.displayName ?? index.groups.get(key)?.displayName ?? value;
};
