// Object identities by kind, for `:` completion and form pickers (ParamSpec.completes).

import type {ParamSpec} from '../cmdlets/types.js';
import {canonicalXdsIdentity, sameXdsIdentity} from '../domain/identity.js';
import type {ChatState} from '../domain/types.js';
import {objectIdentity} from './panes/model.js';

export type CompletionKind = NonNullable<ParamSpec['completes']>;

export function identitiesOf(kind: CompletionKind, state: ChatState): string[] {
  const t = state.topology;
  const d = state.directory;
  switch (kind) {
    case 'pool':
      return t.persistentChatPools.map((p) => p.fqdn);
    case 'site':
      return t.sites.map((s) => s.name);
    case 'server':
      return t.persistentChatPools.flatMap((p) => p.servers.map((s) => s.fqdn));
    case 'category':
      return state.categories.map(objectIdentity);
    case 'room':
      return state.rooms.map(objectIdentity);
    case 'addin':
      return state.addins.map((a) => a.name);
    case 'policy':
      return state.policies.map((p) => p.identity);
    case 'configuration':
      return state.configurations.map((c) => c.identity);
    case 'compliance':
      return state.compliance.map((c) => c.identity);
    case 'endpoint':
      return state.endpoints.map((e) => e.sipAddress);
    case 'user':
      return d.users.flatMap((u) => (u.sipAddress ? [u.sipAddress] : []));
    case 'principal':
      return [
        ...d.users.flatMap((u) => (u.sipAddress ? [u.sipAddress] : [])),
        ...d.groups.map((g) => g.dn),
        ...d.organizationalUnits,
        ...d.containers,
      ];
  }
}

/** Identities a New-* cmdlet can still create at site or pool scope. */
export function newScopeIdentities(cmdlet: string, state: ChatState): string[] {
  const lower = cmdlet.toLowerCase();
  const existing = lower.includes('compliance')
    ? state.compliance.map((c) => c.identity)
    : lower.includes('policy')
      ? state.policies.map((p) => p.identity)
      : state.configurations.map((c) => c.identity);
  const sites = state.topology.sites.map((s) => canonicalXdsIdentity({scope: 'site', name: s.name}));
  const pools = lower.includes('policy')
    ? []
    : state.topology.persistentChatPools.map((p) => canonicalXdsIdentity({scope: 'service', name: p.fqdn}));
  return [...sites, ...pools].filter((id) => !existing.some((e) => sameXdsIdentity(e, id)));
}
