// Endpoints: the contact objects that give pools a SIP address.

import type {ChatState, Endpoint} from '../../domain/types.js';
import {displaySafe as safe} from '../../lang/display-safe.js';
import {yesNo} from './model.js';
import type {PaneSpec, Row} from './pane.js';

export const findEndpoint = (state: ChatState, sip: string): Endpoint | undefined =>
  state.endpoints.find((e) => e.sipAddress.toLowerCase() === sip.toLowerCase());

const row = (e: Endpoint): Row => ({
  id: e.sipAddress,
  cells: {
    sip: safe(e.sipAddress),
    name: safe(e.displayName ?? ''),
    pool: safe(e.poolFqdn),
    isDefault: yesNo(e.isDefault),
  },
});

export const endpointsPane: PaneSpec = {
  id: 'endpoints',
  title: 'Endpoints',
  noun: 'endpoint',
  columns: [
    {key: 'sip', title: 'SIP address', min: 12, priority: 1},
    {key: 'name', title: 'Display name', min: 12, priority: 2, flex: true},
    {key: 'pool', title: 'Pool', min: 10, priority: 1},
    {key: 'isDefault', title: 'Default', min: 7, priority: 3},
  ],
  toRows: ({chat}) => chat.endpoints.map(row),
  detail: ({chat}, id) => {
    const e = findEndpoint(chat, id);
    if (!e) return null;
    return [
      {
        title: 'Endpoint',
        lines: [
          {label: 'Identity', value: safe(e.dn)},
          {label: 'SipAddress', value: safe(e.sipAddress)},
          {label: 'DisplayName', value: safe(e.displayName ?? '')},
          {label: 'PersistentChatPoolFqdn', value: safe(e.poolFqdn)},
          {label: 'Default', value: yesNo(e.isDefault)},
        ],
      },
    ];
  },
  empty: 'No endpoints — n creates one for a pool.',
};
