// Directory queries behind Get-CsUser, Get-CsAdPrincipal and Grant-CsPersistentChatPolicy:
// UserIdParameter resolution, -LdapFilter and -OU over users and principals.

import type {ChatState, DirectoryUser} from './types.js';
import {CmdletError} from './errors.js';
import {dnKey, isDn, isDnUnder} from './dn.js';
import {matchLdapFilter, parseLdapFilter} from './ldap-filter.js';
import {
  directoryPrincipals,
  principalAttributes,
  principalFacts,
  userPrincipal,
  type Principal,
} from './directory-principals.js';
import {isWildcard, parseUserId, resolveUserId, type IdentityFacts} from './user-id.js';

export const userFacts = (user: DirectoryUser): IdentityFacts => ({
  dn: user.dn,
  sipAddress: user.sipAddress,
  displayName: user.displayName,
  userPrincipalName: user.userPrincipalName,
  samAccountName: user.samAccountName,
});

/** Enabled for Lync / Skype for Business: only such users can hold a Persistent Chat policy. */
export const isLyncEnabled = (user: DirectoryUser): boolean => user.enabled && user.sipAddress !== null;

// Spec note: Get-CsUser lists the users that have been enabled for Lync (they have a SIP address),
// including those now disabled (Enabled False), as the real cmdlet does; other accounts are only
// visible through Get-CsAdPrincipal.
/** The users Get-CsUser lists. */
export const csUsers = (state: ChatState): readonly DirectoryUser[] =>
  state.directory.users.filter((u) => u.sipAddress !== null);

/**
 * The users an identity names. A non-wildcard identity that names nobody fails with UserNotFound;
 * a wildcard identity that names nobody returns nothing.
 */
export function findUsers(
  state: ChatState,
  identity: string,
  options: {parameter?: string; among?: readonly DirectoryUser[]} = {},
): DirectoryUser[] {
  const users = resolveUserId(options.among ?? state.directory.users, identity, userFacts);
  if (users.length === 0 && !isWildcard(parseUserId(identity))) {
    throw new CmdletError('UserNotFound', `No user has the identity "${identity}".`, {
      target: identity,
      parameter: options.parameter ?? 'Identity',
    });
  }
  return users;
}

/** Exactly one user for a non-wildcard identity (AmbiguousIdentity when a display name is shared). */
export function findUsersForChange(
  state: ChatState,
  identity: string,
  parameter = 'Identity',
): DirectoryUser[] {
  const users = findUsers(state, identity, {parameter});
  if (users.length > 1 && !isWildcard(parseUserId(identity))) {
    throw new CmdletError(
      'AmbiguousIdentity',
      `The identity "${identity}" names ${users.length} users (${users.map((u) => u.dn).join('; ')}); use a SIP address or DN.`,
      {target: identity, parameter},
    );
  }
  return users;
}

/** The -OU base: an OU, container or domain of the directory. */
export function resolveOu(state: ChatState, ou: string, principals = directoryPrincipals(state)): Principal {
  if (!isDn(ou))
    throw new CmdletError('InvalidValue', `"${ou}" is not the distinguished name of an OU or container.`, {
      target: ou,
      parameter: 'OU',
    });
  const base = principals.find(
    (p) =>
      dnKey(p.dn) === dnKey(ou) &&
      (p.kind === 'organizationalUnit' || p.kind === 'container' || p.kind === 'domain'),
  );
  if (!base)
    throw new CmdletError('PrincipalNotFound', `No OU or container has the distinguished name "${ou}".`, {
      target: ou,
      parameter: 'OU',
    });
  return base;
}

/** -OU searches the whole subtree, the base object included (as an LDAP subtree search does). */
const withinBase = (dn: string, base: Principal): boolean =>
  dnKey(dn) === dnKey(base.dn) || isDnUnder(dn, base.dn);

export interface DirectoryQuery {
  readonly identity?: string;
  readonly ldapFilter?: string;
  readonly ou?: string;
}

/** Get-CsUser's selection (before -Filter and -ResultSize, which the cmdlet applies to its output). */
export function getUsers(state: ChatState, query: DirectoryQuery): DirectoryUser[] {
  const ldap = query.ldapFilter === undefined ? null : parseLdapFilter(query.ldapFilter);
  const base = query.ou === undefined ? null : resolveOu(state, query.ou);
  const pool = csUsers(state);
  const users = query.identity === undefined ? [...pool] : findUsers(state, query.identity, {among: pool});
  return users.filter(
    (u) =>
      (!base || withinBase(u.dn, base)) &&
      (!ldap || matchLdapFilter(ldap, principalAttributes(userPrincipal(state, u)))),
  );
}

// -Identity names objects: a DN returns that one object, an OU's included; -OU is the way to
// list a subtree. (An earlier reading of the reference's piped-OU example returned the subtree
// for an OU's DN, which made `-Identity <OU DN>` return everything under it.)
function principalsFor(principals: readonly Principal[], identity: string): Principal[] {
  const hits = resolveUserId(principals, identity, principalFacts);
  if (hits.length === 0 && !isWildcard(parseUserId(identity))) {
    throw new CmdletError('PrincipalNotFound', `No directory object has the identity "${identity}".`, {
      target: identity,
      parameter: 'Identity',
    });
  }
  return hits;
}

/** Get-CsAdPrincipal's selection (before -Filter and -ResultSize). */
export function getPrincipals(state: ChatState, query: DirectoryQuery): Principal[] {
  const ldap = query.ldapFilter === undefined ? null : parseLdapFilter(query.ldapFilter);
  const all = directoryPrincipals(state);
  const base = query.ou === undefined ? null : resolveOu(state, query.ou, all);
  const selected = query.identity === undefined ? all : principalsFor(all, query.identity);
  return selected.filter(
    (p) => (!base || withinBase(p.dn, base)) && (!ldap || matchLdapFilter(ldap, principalAttributes(p))),
  );
}
