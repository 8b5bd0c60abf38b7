// Persistent Chat configuration collections, and the setting each pool effectively uses.

import type {ChatState, PersistentChatConfiguration} from '../../domain/types.js';
import {displaySafe as safe} from '../../lang/display-safe.js';
import {effectiveConfiguration, poolsUnderConfiguration} from '../../domain/configuration.js';
import type {PaneSpec, Row} from './pane.js';

export const findConfiguration = (
  state: ChatState,
  identity: string,
): PersistentChatConfiguration | undefined =>
  state.configurations.find((c) => c.identity.toLowerCase() === identity.toLowerCase());

const row = (state: ChatState, c: PersistentChatConfiguration): Row => ({
  id: c.identity,
  cells: {
    identity: safe(c.identity),
    history: String(c.defaultChatHistory),
    file: String(c.maxFileSizeKB),
    participants: String(c.participantUpdateLimit),
    url: safe(c.roomManagementUrl ?? ''),
    pools: poolsUnderConfiguration(state, c.identity)
      .map((p) => safe(p.fqdn))
      .join(', '),
  },
});

export const configurationPane: PaneSpec = {
  id: 'configuration',
  title: 'Configuration',
  noun: 'configuration',
  columns: [
    {key: 'identity', title: 'Identity', min: 10, priority: 1},
    {key: 'history', title: 'History', min: 7, priority: 1, align: 'right'},
    {key: 'file', title: 'Max file KB', min: 11, priority: 2, align: 'right'},
    {key: 'participants', title: 'Roster limit', min: 12, priority: 2, align: 'right'},
    {key: 'url', title: 'Room management URL', min: 10, priority: 4, flex: true},
    {key: 'pools', title: 'Applies to', min: 10, priority: 1},
  ],
  toRows: ({chat}) => chat.configurations.map((c) => row(chat, c)),
  detail: ({chat}, id) => {
    const c = findConfiguration(chat, id);
    if (!c) return null;
    return [
      {
        title: 'Configuration',
        lines: [
          {label: 'Identity', value: safe(c.identity)},
          {label: 'DefaultChatHistory', value: String(c.defaultChatHistory)},
          {label: 'MaxFileSizeKB', value: String(c.maxFileSizeKB)},
          {label: 'ParticipantUpdateLimit', value: String(c.participantUpdateLimit)},
          {label: 'RoomManagementUrl', value: safe(c.roomManagementUrl ?? '')},
        ],
      },
      {
        title: 'Effective setting per pool',
        lines: chat.topology.persistentChatPools.map((p) => ({
          label: safe(p.fqdn),
          value: safe(effectiveConfiguration(chat, p.fqdn).identity),
        })),
      },
    ];
  },
  empty: 'No configuration collections — n creates one for a site or pool.',
};
