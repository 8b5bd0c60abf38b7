// Principals: the directory as the membership lists see it (users, groups, contacts, OUs, containers).

import type {ChatState} from '../../domain/types.js';
import {displaySafe as safe} from '../../lang/display-safe.js';
import {effectivePolicy} from './model.js';
import type {DetailSection, PaneSpec, Row} from './pane.js';

function rows(state: ChatState): Row[] {
  const d = state.directory;
  return [
    ...d.users.map((u): Row => ({
      id: u.dn,
      cells: {
        kind: 'user',
        name: safe(u.displayName),
        sip: safe(u.sipAddress ?? ''),
        policy: safe(u.sipAddress ? effectivePolicy(state, u).identity : ''),
        dn: safe(u.dn),
      },
      dim: !u.enabled,
    })),
    ...d.groups.map((g): Row => ({
      id: g.dn,
      cells: {kind: 'group', name: safe(g.displayName), sip: '', policy: '', dn: safe(g.dn)},
    })),
    ...d.contacts.map((c): Row => ({
      id: c.dn,
      cells: {
        kind: 'contact',
        name: safe(c.displayName),
        sip: safe(c.sipAddress ?? ''),
        policy: '',
        dn: safe(c.dn),
      },
    })),
    ...d.organizationalUnits.map((ou): Row => ({
      id: ou,
      cells: {kind: 'OU', name: safe(ou.split(',')[0] ?? ou), sip: '', policy: '', dn: safe(ou)},
    })),
    ...d.containers.map((cn): Row => ({
      id: cn,
      cells: {kind: 'container', name: safe(cn.split(',')[0] ?? cn), sip: '', policy: '', dn: safe(cn)},
    })),
  ];
}

function detail(state: ChatState, dn: string): DetailSection[] | null {
  const user = state.directory.users.find((u) => u.dn === dn);
  if (user) {
    return [
      {
        title: 'User',
        lines: [
          {label: 'DisplayName', value: safe(user.displayName)},
          {label: 'SipAddress', value: safe(user.sipAddress ?? '')},
          {label: 'DistinguishedName', value: safe(user.dn)},
          {label: 'Site', value: safe(user.site ?? '')},
          {label: 'Enabled', value: user.enabled ? 'True' : 'False'},
          {label: 'PersistentChatPolicy', value: safe(user.persistentChatPolicy ?? '(none)')},
          {label: 'Effective policy', value: safe(effectivePolicy(state, user).identity)},
        ],
      },
    ];
  }
  const group = state.directory.groups.find((g) => g.dn === dn);
  if (group)
    return [
      {
        title: `Group ${safe(group.displayName)}`,
        lines: group.members.map((m) => ({label: 'member', value: safe(m)})),
      },
    ];
  const contact = state.directory.contacts.find((c) => c.dn === dn);
  if (contact)
    return [
      {
        title: 'Contact',
        lines: [
          {label: 'DisplayName', value: safe(contact.displayName)},
          {label: 'SipAddress', value: safe(contact.sipAddress ?? '')},
        ],
      },
    ];
  const inside = state.directory.users.filter((u) => u.dn.toLowerCase().endsWith(`,${dn.toLowerCase()}`));
  if (state.directory.organizationalUnits.includes(dn) || state.directory.containers.includes(dn)) {
    return [
      {
        title: `${safe(dn)} (${inside.length} users)`,
        lines: inside.map((u) => ({label: safe(u.displayName), value: safe(u.sipAddress ?? '')})),
      },
    ];
  }
  return null;
}

export const principalsPane: PaneSpec = {
  id: 'principals',
  title: 'Principals',
  noun: 'principal',
  columns: [
    {key: 'kind', title: 'Kind', min: 9, priority: 1},
    {key: 'name', title: 'Name', min: 10, priority: 1},
    {key: 'sip', title: 'SIP address', min: 11, priority: 2},
    {key: 'policy', title: 'Effective policy', min: 10, priority: 3},
    {key: 'dn', title: 'Distinguished name', min: 10, priority: 4, flex: true},
  ],
  toRows: ({chat}) => rows(chat),
  detail: ({chat}, id) => detail(chat, id),
  empty: 'The directory is empty — it comes from the deployment file.',
};
