// The directory as Get-CsAdPrincipal sees it: users, groups, contacts, containers,
// organizational units and domains, each with its object classes and LDAP attributes.

import type {ChatState, DirectoryContact, DirectoryGroup, DirectoryUser, Endpoint} from './types.js';
import {dnKey, domainDnOf, firstRdn, parentDn} from './dn.js';
import type {AttributeReader} from './ldap-filter.js';
import type {IdentityFacts} from './user-id.js';

export type PrincipalKind = 'user' | 'group' | 'contact' | 'container' | 'organizationalUnit' | 'domain';

/** The objectClass values of each kind, as the cmdlet reference lists them. */
export const OBJECT_CLASSES: Readonly<Record<PrincipalKind, readonly string[]>> = {
  user: ['top', 'person', 'organizationalPerson', 'user'],
  group: ['top', 'group'],
  contact: ['top', 'person', 'organizationalPerson', 'contact'],
  container: ['top', 'container'],
  organizationalUnit: ['top', 'organizationalUnit'],
  domain: ['top', 'domain', 'domainDNS'],
};

const OBJECT_CATEGORY: Readonly<Record<PrincipalKind, string>> = {
  user: 'person',
  group: 'group',
  contact: 'person',
  container: 'container',
  organizationalUnit: 'organizationalUnit',
  domain: 'domainDNS',
};

export interface Principal extends IdentityFacts {
  readonly kind: PrincipalKind;
  /** The value of the first RDN: `Ana Silva`, `IT`, `example`. */
  readonly name: string;
  readonly objectClass: readonly string[];
  /** Enabled for Lync / Skype for Business; null for objects that cannot be. */
  readonly enabled: boolean | null;
  /** LDAP attributes, names in lower case. */
  readonly attributes: ReadonlyMap<string, readonly string[]>;
  /** The directory record behind a user principal. */
  readonly user: DirectoryUser | null;
}

interface Draft {
  readonly kind: PrincipalKind;
  readonly dn: string;
  readonly displayName?: string | null;
  readonly sipAddress?: string | null;
  readonly user?: DirectoryUser;
  readonly members?: readonly string[];
  readonly extra?: Readonly<Record<string, string>>;
}

function build(draft: Draft, memberOf: ReadonlyMap<string, string[]>): Principal {
  const rdn = firstRdn(draft.dn);
  const name = rdn?.value ?? draft.dn;
  const user = draft.user ?? null;
  const enabled =
    draft.kind === 'user'
      ? (user?.enabled ?? false) && user?.sipAddress != null
      : draft.kind === 'contact'
        ? draft.sipAddress != null
        : null;
  const attributes = new Map<string, readonly string[]>();
  const put = (key: string, value: string | null | undefined | readonly string[]): void => {
    const values = typeof value === 'string' ? [value] : (value ?? []);
    if (values.length > 0) attributes.set(key.toLowerCase(), values);
  };
  for (const [key, value] of Object.entries(draft.extra ?? {})) put(key, value);
  put('distinguishedName', draft.dn);
  put('name', name);
  if (rdn) put(rdn.type, rdn.value);
  put('displayName', draft.displayName);
  put('objectClass', OBJECT_CLASSES[draft.kind]);
  put('objectCategory', OBJECT_CATEGORY[draft.kind]);
  put('msRTCSIP-PrimaryUserAddress', draft.sipAddress);
  put('userPrincipalName', user?.userPrincipalName);
  put('sAMAccountName', user?.samAccountName);
  if (enabled !== null) put('msRTCSIP-UserEnabled', enabled ? 'TRUE' : 'FALSE');
  put('member', draft.members);
  put('memberOf', memberOf.get(dnKey(draft.dn)));
  return {
    kind: draft.kind,
    dn: draft.dn,
    name,
    displayName: draft.displayName ?? null,
    sipAddress: draft.sipAddress ?? null,
    userPrincipalName: user?.userPrincipalName ?? null,
    samAccountName: user?.samAccountName ?? null,
    objectClass: OBJECT_CLASSES[draft.kind],
    enabled,
    attributes,
    user,
  };
}

const userDraft = (u: DirectoryUser): Draft => ({
  kind: 'user',
  dn: u.dn,
  displayName: u.displayName,
  sipAddress: u.sipAddress,
  user: u,
  extra: u.attributes,
});
const groupDraft = (g: DirectoryGroup): Draft => ({
  kind: 'group',
  dn: g.dn,
  displayName: g.displayName,
  members: g.members,
});
const contactDraft = (c: DirectoryContact): Draft => ({
  kind: 'contact',
  dn: c.dn,
  displayName: c.displayName,
  sipAddress: c.sipAddress,
});

// A Persistent Chat endpoint is an AD contact object in the Application Contacts container
// (spec section 5), so the directory lists it as a contact.
const endpointDraft = (e: Endpoint): Draft => ({
  kind: 'contact',
  dn: e.dn,
  displayName: e.displayName,
  sipAddress: e.sipAddress,
});

/**
 * Containers and domains named explicitly or implied by the DNs of other objects.
 * Spec note: a deployment file may leave out an OU that its users live in; the directory still
 * has it, so every parent of a listed object is a principal too (OU= → OU, CN= → container).
 */
function structuralDrafts(state: ChatState, leaves: readonly Draft[]): Draft[] {
  const {directory} = state;
  const seen = new Set<string>();
  const drafts: Draft[] = [];
  const add = (kind: PrincipalKind, dn: string): void => {
    const key = dnKey(dn);
    if (seen.has(key)) return;
    seen.add(key);
    drafts.push({kind, dn});
  };
  const all = [...directory.organizationalUnits, ...directory.containers, ...leaves.map((d) => d.dn)];
  for (const dn of all) {
    const domain = domainDnOf(dn);
    if (domain) add('domain', domain);
  }
  for (const dn of directory.organizationalUnits) add('organizationalUnit', dn);
  for (const dn of directory.containers) add('container', dn);
  for (const dn of all) {
    for (let parent = parentDn(dn); parent !== null; parent = parentDn(parent)) {
      const type = firstRdn(parent)?.type.toLowerCase();
      if (type === 'ou') add('organizationalUnit', parent);
      else if (type === 'cn') add('container', parent);
    }
  }
  const order: readonly PrincipalKind[] = ['domain', 'organizationalUnit', 'container'];
  return drafts.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** Every principal of the directory: domains, OUs, containers, groups, users, contacts. */
export function directoryPrincipals(state: ChatState): Principal[] {
  const {directory} = state;
  const leaves = [
    ...directory.groups.map(groupDraft),
    ...directory.users.map(userDraft),
    ...directory.contacts.map(contactDraft),
    ...state.endpoints.map(endpointDraft),
  ];
  const memberOf = new Map<string, string[]>();
  for (const group of directory.groups) {
    for (const member of group.members)
      memberOf.set(dnKey(member), [...(memberOf.get(dnKey(member)) ?? []), group.dn]);
  }
  return [...structuralDrafts(state, leaves), ...leaves].map((draft) => build(draft, memberOf));
}

/** The principal for one directory user (for -LdapFilter on Get-CsUser). */
export function userPrincipal(state: ChatState, user: DirectoryUser): Principal {
  const memberOf = new Map<string, string[]>();
  for (const group of state.directory.groups) {
    if (group.members.some((m) => dnKey(m) === dnKey(user.dn)))
      memberOf.set(dnKey(user.dn), [...(memberOf.get(dnKey(user.dn)) ?? []), group.dn]);
  }
  return build(userDraft(user), memberOf);
}

/** Reads LDAP attributes of a principal, case-insensitively. */
export const principalAttributes =
  (principal: Principal): AttributeReader =>
  (attribute) =>
    principal.attributes.get(attribute.toLowerCase()) ?? [];

/** What a principal can be found by; OUs, containers and domains answer to their name. */
export const principalFacts = (p: Principal): IdentityFacts => ({
  dn: p.dn,
  sipAddress: p.sipAddress,
  displayName: p.displayName ?? p.name,
  userPrincipalName: p.userPrincipalName,
  samAccountName: p.samAccountName,
});
