// The UserIdParameter forms the Lync cmdlets accept for users, contacts and principals: a SIP
// address, a user principal name, `domain\logon`, an Active Directory display name (where `*` is a
// wildcard, as in "* Smith"), or a distinguished name.

import {dnKey, isDn, parseDn} from './dn.js';
import {itemsWithKey, type KeyOf} from './collection-index.js';
import {sipAddressKey} from './sip.js';

export type UserId =
  | {readonly kind: 'sip'; readonly key: string}
  | {readonly kind: 'dn'; readonly key: string}
  | {readonly kind: 'logon'; readonly domain: string; readonly account: string}
  | {readonly kind: 'upn'; readonly value: string}
  | {readonly kind: 'displayName'; readonly text: string; readonly pattern: RegExp | null};

/** What an object offers to be found by. */
export interface IdentityFacts {
  readonly dn: string;
  readonly sipAddress: string | null;
  readonly displayName: string | null;
  readonly userPrincipalName: string | null;
  readonly samAccountName: string | null;
}

const LOGON = /^([^\\\s]+)\\([^\\\s]+)$/;
const UPN = /^[^@\s]+@[^@\s]+$/;

const starPattern = (text: string): RegExp =>
  new RegExp(
    `^${text
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'is',
  );

export function parseUserId(text: string): UserId {
  const trimmed = text.trim();
  if (/^sip:/i.test(trimmed)) return {kind: 'sip', key: sipAddressKey(trimmed)};
  if (trimmed.includes('=') && isDn(trimmed)) return {kind: 'dn', key: dnKey(trimmed)};
  const logon = LOGON.exec(trimmed);
  if (logon)
    return {kind: 'logon', domain: (logon[1] ?? '').toLowerCase(), account: (logon[2] ?? '').toLowerCase()};
  if (UPN.test(trimmed)) return {kind: 'upn', value: trimmed.toLowerCase()};
  return {
    kind: 'displayName',
    text: trimmed.toLowerCase(),
    pattern: trimmed.includes('*') ? starPattern(trimmed) : null,
  };
}

/** True when the identity may name several objects on purpose. */
export const isWildcard = (id: UserId): boolean => id.kind === 'displayName' && id.pattern !== null;

/** The NetBIOS-style name (first `DC=` label) and the DNS name of the domain a DN lives in. */
function domainNames(dn: string): string[] {
  const labels = (parseDn(dn) ?? [])
    .filter((r) => r.type.toLowerCase() === 'dc')
    .map((r) => r.value.toLowerCase());
  return labels.length === 0 ? [] : [labels[0] ?? '', labels.join('.')];
}

export function matchesUserId(facts: IdentityFacts, id: UserId): boolean {
  switch (id.kind) {
    case 'sip':
      return facts.sipAddress !== null && sipAddressKey(facts.sipAddress) === id.key;
    case 'dn':
      return dnKey(facts.dn) === id.key;
    case 'logon':
      return facts.samAccountName?.toLowerCase() === id.account && domainNames(facts.dn).includes(id.domain);
    case 'upn':
      return facts.userPrincipalName?.toLowerCase() === id.value;
    case 'displayName': {
      const name = facts.displayName;
      if (name === null) return false;
      return id.pattern ? id.pattern.test(name) : name.toLowerCase() === id.text;
    }
  }
}

/**
 * Every item the identity names, in the items' order. A `name@domain` that is nobody's user
 * principal name is tried as the SIP address `sip:name@domain`.
 */
export function resolveUserId<T extends object>(
  items: readonly T[],
  text: string,
  facts: (item: T) => IdentityFacts,
): T[] {
  const id = parseUserId(text);
  const hits = select(items, facts, id);
  // Spec note: the deployment file often has no UPNs, and operators type SIP addresses without the
  // scheme; when no UPN matches, the same text is read as a SIP address.
  if (hits.length === 0 && id.kind === 'upn') {
    return select(items, facts, {kind: 'sip', key: sipAddressKey(`sip:${text.trim()}`)});
  }
  return hits;
}

/**
 * The SIP key of each item, kept with the item (state objects never change), one key function per
 * kind of item: the index of a collection by SIP key (collection-index.ts) is made with it.
 */
const sipKeyFunctions = new WeakMap<(item: never) => IdentityFacts, KeyOf<never>>();

function sipKeyOf<T extends object>(facts: (item: T) => IdentityFacts): KeyOf<T> {
  let keyOf = sipKeyFunctions.get(facts) as KeyOf<T> | undefined;
  if (keyOf === undefined) {
    const keys = new WeakMap<T, string | null>();
    keyOf = (item) => {
      let key = keys.get(item);
      if (key === undefined) {
        const address = facts(item).sipAddress;
        key = address === null ? null : sipAddressKey(address);
        keys.set(item, key);
      }
      return key;
    };
    sipKeyFunctions.set(facts, keyOf);
  }
  return keyOf;
}

function select<T extends object>(items: readonly T[], facts: (item: T) => IdentityFacts, id: UserId): T[] {
  if (id.kind !== 'sip') return items.filter((item) => matchesUserId(facts(item), id));
  return [...itemsWithKey(items, sipKeyOf(facts), id.key)];
}
