// Active servers: every server of every pool, active or standby, and how far it is from the
// database in use (rule 9 of the topology spec).

import type {ChatState, PersistentChatPool} from '../../domain/types.js';
import {displaySafe as safe} from '../../lang/display-safe.js';
import {MAX_ACTIVE_SERVERS} from '../../domain/deployment-rules.js';
import {databaseInUse, isActive, isFarFromDatabase, serverDataCenter, storeInUse} from './model.js';
import type {PaneSpec, Row} from './pane.js';

export const poolOfServer = (state: ChatState, fqdn: string): PersistentChatPool | undefined =>
  state.topology.persistentChatPools.find((p) => p.servers.some((s) => s.fqdn === fqdn));

function rows(state: ChatState): Row[] {
  return state.topology.persistentChatPools.flatMap((pool) =>
    pool.servers.map((server): Row => {
      const active = isActive(pool, server.fqdn);
      const far = active && isFarFromDatabase(pool, server.fqdn);
      return {
        id: server.fqdn,
        cells: {
          server: safe(server.fqdn),
          pool: safe(pool.fqdn),
          dc: safe(server.dataCenter ?? ''),
          status: active ? 'active' : 'standby',
          dbdc: safe(storeInUse(pool)?.dataCenter ?? ''),
          near: active ? (far ? 'far' : 'near') : '',
        },
        dim: !active,
        flag: far ? 'far from the database in use' : undefined,
      };
    }),
  );
}

export const serversPane: PaneSpec = {
  id: 'servers',
  title: 'Active servers',
  noun: 'server',
  columns: [
    {key: 'server', title: 'Server', min: 12, priority: 1, flex: true},
    {key: 'pool', title: 'Pool', min: 10, priority: 2},
    {key: 'dc', title: 'Data centre', min: 11, priority: 1},
    {key: 'status', title: 'Status', min: 7, priority: 1},
    {key: 'dbdc', title: 'Database DC', min: 11, priority: 3},
    {key: 'near', title: 'Proximity', min: 9, priority: 2},
  ],
  toRows: ({chat}) => rows(chat),
  detail: ({chat}, id) => {
    const pool = poolOfServer(chat, id);
    if (!pool) return null;
    const active = isActive(pool, id);
    return [
      {
        title: 'Server',
        lines: [
          {label: 'Identity', value: safe(id)},
          {label: 'Pool', value: safe(pool.fqdn)},
          {label: 'Data centre', value: safe(serverDataCenter(pool, id) ?? '')},
          {label: 'IsActive', value: active ? 'True' : 'False'},
          {
            label: 'Database in use',
            value: `${databaseInUse(pool)} in ${safe(storeInUse(pool)?.dataCenter ?? '?')}`,
          },
          {
            label: 'Proximity',
            value: active
              ? isFarFromDatabase(pool, id)
                ? 'far from the database in use'
                : 'near the database in use'
              : 'standby',
          },
          {label: 'Active in pool', value: `${pool.activeServers.length} of at most ${MAX_ACTIVE_SERVERS}`},
        ],
      },
    ];
  },
  empty: 'No servers in this deployment — servers come from the deployment file.',
};
