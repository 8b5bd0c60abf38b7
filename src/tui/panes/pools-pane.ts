// Pools: one row per Persistent Chat pool; the detail shows its servers by data centre.

import type {PersistentChatPool} from '../../domain/types.js';
import {displaySafe as safe} from '../../lang/display-safe.js';
import {databaseInUse, isActive, isFarFromDatabase, onOff, storeInUse, storeName} from './model.js';
import type {DetailSection, PaneSpec, Row} from './pane.js';

const dataCenters = (pool: PersistentChatPool): string[] => [
  ...new Set(pool.servers.map((s) => s.dataCenter ?? '(none)')),
];

const row = (pool: PersistentChatPool): Row => ({
  id: pool.fqdn,
  cells: {
    pool: safe(pool.fqdn),
    site: safe(pool.site),
    active: `${pool.activeServers.length} of ${pool.servers.length}`,
    state: pool.poolState,
    db: `${databaseInUse(pool)} (${safe(storeInUse(pool)?.dataCenter ?? '?')})`,
    dcs: dataCenters(pool).map(safe).join(', '),
    shipping: onOff(pool.stores.logShipping),
  },
  flag: pool.poolState === 'FailedOver' ? 'failed over' : undefined,
});

function serverSections(pool: PersistentChatPool): DetailSection[] {
  return dataCenters(pool).map((dc) => ({
    title: `Data centre ${safe(dc)}`,
    lines: pool.servers
      .filter((s) => (s.dataCenter ?? '(none)') === dc)
      .map((s) => ({
        label: safe(s.fqdn),
        value: isActive(pool, s.fqdn)
          ? `active${isFarFromDatabase(pool, s.fqdn) ? ' (far from the database in use)' : ''}`
          : 'standby',
      })),
  }));
}

function detail(pool: PersistentChatPool): DetailSection[] {
  const st = pool.stores;
  return [
    {
      title: 'Pool',
      lines: [
        {label: 'Identity', value: `PersistentChatServer:${safe(pool.fqdn)}`},
        {label: 'Site', value: safe(pool.site)},
        {label: 'Kind', value: pool.kind},
        {label: 'Pool state', value: pool.poolState},
        {
          label: 'Database in use',
          value: `${databaseInUse(pool)} ${safe(storeName(storeInUse(pool)))}`,
        },
        {label: 'Low-latency link', value: pool.lowLatencyLink ? 'yes' : 'no'},
        {label: 'Port', value: String(pool.port)},
        {label: 'File store', value: safe(pool.fileStore ?? '')},
      ],
    },
    ...serverSections(pool),
    {
      title: 'Databases',
      lines: [
        {label: 'Primary', value: `${safe(storeName(st.primary))} (${safe(st.primary.dataCenter ?? '')})`},
        {label: 'Primary mirror', value: safe(storeName(st.primaryMirror))},
        {
          label: 'Backup',
          value: st.backup ? `${safe(storeName(st.backup))} (${safe(st.backup.dataCenter ?? '')})` : 'none',
        },
        {label: 'Backup mirror', value: safe(storeName(st.backupMirror))},
        {label: 'Log shipping', value: onOff(st.logShipping)},
        {
          label: 'Compliance',
          value: pool.compliance.enabled ? `on ${safe(storeName(pool.compliance.store))}` : 'off',
        },
      ],
    },
  ];
}

export const poolsPane: PaneSpec = {
  id: 'pools',
  title: 'Pools',
  noun: 'pool',
  columns: [
    {key: 'pool', title: 'Pool', min: 16, priority: 1, flex: true},
    {key: 'site', title: 'Site', min: 4, priority: 3},
    {key: 'dcs', title: 'Data centres', min: 12, priority: 3},
    {key: 'active', title: 'Active', min: 7, priority: 2},
    {key: 'state', title: 'State', min: 10, priority: 1},
    {key: 'db', title: 'Database in use', min: 15, priority: 2},
    {key: 'shipping', title: 'Shipping', min: 8, priority: 2},
  ],
  toRows: ({chat}) => chat.topology.persistentChatPools.map(row),
  detail: ({chat}, id) => {
    const pool = chat.topology.persistentChatPools.find((p) => p.fqdn === id);
    return pool ? detail(pool) : null;
  },
  empty:
    'No Persistent Chat pools in this deployment — pools come from the deployment file (pchat init --from).',
};
