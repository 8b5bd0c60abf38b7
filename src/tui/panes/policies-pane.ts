// Policies: scope, whether they enable Persistent Chat, and the users each one effectively governs.

import type {ChatState, Policy} from '../../domain/types.js';
import {displaySafe as safe} from '../../lang/display-safe.js';
import {scopeOf, usersGovernedBy, yesNo} from './model.js';
import type {DetailSection, PaneSpec, Row} from './pane.js';

export const findPolicy = (state: ChatState, identity: string): Policy | undefined =>
  state.policies.find((p) => p.identity.toLowerCase() === identity.toLowerCase());

const row = (state: ChatState, p: Policy): Row => ({
  id: p.identity,
  cells: {
    identity: safe(p.identity),
    scope: scopeOf(p.identity),
    enabled: yesNo(p.enablePersistentChat),
    users: String(usersGovernedBy(state, p).length),
    description: safe(p.description ?? ''),
  },
});

function detail(state: ChatState, p: Policy): DetailSection[] {
  const users = usersGovernedBy(state, p);
  return [
    {
      title: 'Policy',
      lines: [
        {label: 'Identity', value: safe(p.identity)},
        {label: 'Description', value: safe(p.description ?? '')},
        {label: 'EnablePersistentChat', value: p.enablePersistentChat ? 'True' : 'False'},
      ],
    },
    {
      title: `Applies to (${users.length} ${users.length === 1 ? 'user' : 'users'})`,
      lines: users.map((u) => ({label: safe(u.displayName), value: safe(u.sipAddress ?? '')})),
    },
  ];
}

export const policiesPane: PaneSpec = {
  id: 'policies',
  title: 'Policies',
  noun: 'policy',
  columns: [
    {key: 'identity', title: 'Identity', min: 10, priority: 1},
    {key: 'scope', title: 'Scope', min: 6, priority: 2},
    {key: 'enabled', title: 'Enabled', min: 7, priority: 1},
    {key: 'users', title: 'Users', min: 5, priority: 1, align: 'right'},
    {key: 'description', title: 'Description', min: 11, priority: 3, flex: true},
  ],
  toRows: ({chat}) => chat.policies.map((p) => row(chat, p)),
  detail: ({chat}, id) => {
    const p = findPolicy(chat, id);
    return p ? detail(chat, p) : null;
  },
  empty: 'No policies — the Global policy appears once the store is initialised.',
};
