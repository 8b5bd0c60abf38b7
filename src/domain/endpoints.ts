// Persistent Chat endpoints (topology-and-service.md section 5): Active Directory contact
// objects that give a pool a friendly SIP URI. Get/New/Remove-CsPersistentChatEndpoint.

import type {ChatState, Endpoint} from './types.js';
import {CmdletError, type Warning} from './errors.js';
import {assertTextField} from './text-fields.js';
import {resolvePoolIdentity} from './identity.js';
import {dnKey, domainDnFromDnsName, domainDnOf, isDn, isDnUnder} from './dn.js';
import {assertFqdn, assertSipAddress, sipAddressKey} from './sip.js';
import {matchLdapFilter, parseLdapFilter, type AttributeReader} from './ldap-filter.js';
import {OBJECT_CLASSES} from './directory-principals.js';
import {isWildcard, parseUserId, resolveUserId, type IdentityFacts} from './user-id.js';

/** Where every endpoint lives, above the domain's DN. */
export const APPLICATION_CONTACTS = 'CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration';

/** The forest root domain's DN: the shortest domain of the directory, else the first SIP domain's. */
function rootDomainDn(state: ChatState): string {
  const {directory} = state;
  const dns = [...directory.users, ...directory.groups, ...directory.contacts].map((o) => o.dn);
  const domains = [...dns, ...directory.organizationalUnits, ...directory.containers]
    .map(domainDnOf)
    .filter((d): d is string => d !== null);
  const shortest = domains.toSorted((a, b) => a.split(',').length - b.split(',').length)[0];
  return shortest ?? domainDnFromDnsName(state.sipDomains[0] ?? 'example.org');
}

export const endpointDn = (state: ChatState, objectId: string): string =>
  `CN={${objectId}},${APPLICATION_CONTACTS},${rootDomainDn(state)}`;

/** What already uses a SIP address (a sentence fragment), or null when it is free. */
export function sipAddressOwner(state: ChatState, sipAddress: string): string | null {
  const key = sipAddressKey(sipAddress);
  const same = (s: string | null): boolean => s !== null && sipAddressKey(s) === key;
  const user = state.directory.users.find((u) => same(u.sipAddress));
  if (user) return `the user ${user.displayName}`;
  const contact = state.directory.contacts.find((c) => same(c.sipAddress));
  if (contact) return `the contact ${contact.displayName}`;
  const endpoint = state.endpoints.find((e) => same(e.sipAddress));
  return endpoint ? `the Persistent Chat endpoint of ${endpoint.poolFqdn}` : null;
}

function checkDisplayName(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  assertTextField(text, 'DisplayName', 'displayName');
  return text.trim() === '' ? null : text;
}

export interface NewEndpointInput {
  readonly sipAddress: string;
  readonly poolFqdn: string;
  readonly displayName?: string | null;
  /** The contact object's GUID. */
  readonly objectId: string;
}

// Spec note: the first endpoint of a pool stands for the one the installer creates (isDefault);
// its removal needs -Force or a confirmation.
export function newEndpoint(
  state: ChatState,
  input: NewEndpointInput,
): {state: ChatState; output: Endpoint; warnings: Warning[]} {
  const sipAddress = assertSipAddress(input.sipAddress, 'SipAddress', state.sipDomains);
  const pool = resolvePoolIdentity(
    state,
    assertFqdn(input.poolFqdn, 'PersistentChatPoolFqdn'),
    'PersistentChatPoolFqdn',
  );
  const owner = sipAddressOwner(state, sipAddress);
  if (owner)
    throw new CmdletError('AlreadyExists', `The SIP address ${sipAddress} is already used by ${owner}.`, {
      target: sipAddress,
      parameter: 'SipAddress',
    });
  const siblings = state.endpoints.filter((e) => e.poolFqdn.toLowerCase() === pool.fqdn.toLowerCase());
  const endpoint: Endpoint = {
    dn: endpointDn(state, input.objectId),
    objectId: input.objectId,
    sipAddress,
    displayName: checkDisplayName(input.displayName),
    poolFqdn: pool.fqdn,
    isDefault: siblings.length === 0,
  };
  const warnings: Warning[] =
    siblings.length === 0
      ? []
      : [
          {
            warningId: 'AdditionalEndpoint',
            message: `Pool ${pool.fqdn} already has an endpoint (${siblings.map((e) => e.sipAddress).join(', ')}); one endpoint per pool is enough for legacy clients.`,
            target: sipAddress,
          },
        ];
  return {state: {...state, endpoints: [...state.endpoints, endpoint]}, output: endpoint, warnings};
}

export const endpointFacts = (e: Endpoint): IdentityFacts => ({
  dn: e.dn,
  sipAddress: e.sipAddress,
  displayName: e.displayName,
  userPrincipalName: null,
  samAccountName: null,
});

/** The endpoints an identity names; EndpointNotFound when a non-wildcard identity names none. */
export function findEndpoints(state: ChatState, identity: string, parameter = 'Identity'): Endpoint[] {
  const hits = resolveUserId(state.endpoints, identity, endpointFacts);
  if (hits.length === 0 && !isWildcard(parseUserId(identity))) {
    throw new CmdletError('EndpointNotFound', `No Persistent Chat endpoint has the identity "${identity}".`, {
      target: identity,
      parameter,
    });
  }
  return hits;
}

/** LDAP attributes of an endpoint's contact object. */
export const endpointAttributes =
  (e: Endpoint): AttributeReader =>
  (attribute) => {
    const values: Record<string, string | readonly string[] | null> = {
      distinguishedname: e.dn,
      name: `{${e.objectId}}`,
      cn: `{${e.objectId}}`,
      objectguid: e.objectId,
      displayname: e.displayName,
      objectclass: OBJECT_CLASSES.contact,
      objectcategory: 'person',
      'msrtcsip-primaryuseraddress': e.sipAddress,
    };
    const value = values[attribute.toLowerCase()] ?? null;
    return value === null ? [] : typeof value === 'string' ? [value] : value;
  };

export interface EndpointQuery {
  readonly identity?: string;
  readonly poolFqdn?: string;
  readonly ldapFilter?: string;
  readonly ou?: string;
}

/** Get-CsPersistentChatEndpoint's selection (before -Filter and -ResultSize). */
export function getEndpoints(state: ChatState, query: EndpointQuery): Endpoint[] {
  const ldap = query.ldapFilter === undefined ? null : parseLdapFilter(query.ldapFilter);
  const pool =
    query.poolFqdn === undefined
      ? null
      : resolvePoolIdentity(state, query.poolFqdn, 'PersistentChatPoolFqdn');
  if (query.ou !== undefined && !isDn(query.ou)) {
    throw new CmdletError(
      'InvalidValue',
      `"${query.ou}" is not the distinguished name of an OU or container.`,
      {target: query.ou, parameter: 'OU'},
    );
  }
  const selected = query.identity === undefined ? state.endpoints : findEndpoints(state, query.identity);
  return selected.filter(
    (e) =>
      (!pool || e.poolFqdn.toLowerCase() === pool.fqdn.toLowerCase()) &&
      (query.ou === undefined || isDnUnder(e.dn, query.ou)) &&
      (!ldap || matchLdapFilter(ldap, endpointAttributes(e))),
  );
}

export function removeEndpoint(state: ChatState, endpoint: Endpoint): ChatState {
  const endpoints = state.endpoints.filter((e) => dnKey(e.dn) !== dnKey(endpoint.dn));
  return endpoints.length === state.endpoints.length ? state : {...state, endpoints};
}
