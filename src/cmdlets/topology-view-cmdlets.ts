// Read-only views of the topology (contract section 2): Get-CsSite, Get-CsPool, Get-CsComputer and
// Get-CsService -PersistentChatServer. Topology Builder owns the topology, so nothing here changes it.

import {CmdletError} from '../domain/errors.js';
import {parseFqdn} from '../domain/fqdn.js';
import {poolServiceIdentity, resolvePoolIdentity} from '../domain/identity.js';
import {databaseInUse, findServer, storeName} from '../domain/topology.js';
import type {ChatState, PersistentChatPool, Site} from '../domain/types.js';
import type {CmdletSpec, PsObject} from './types.js';
import {defineCmdlet} from './define-cmdlet.js';

const siteIdentity = (name: string): string => `Site:${name}`;

const poolsOfSite = (state: ChatState, site: Site): string[] => [
  ...state.topology.frontEndPools.filter((p) => p.site === site.name).map((p) => p.fqdn),
  ...state.topology.persistentChatPools.filter((p) => p.site === site.name).map((p) => p.fqdn),
];

/** `Site:DC1`, `DC1` or the site's number. */
const selectSites = (state: ChatState, identity: string | undefined): Site[] => {
  const sites = state.topology.sites;
  if (identity === undefined) return [...sites];
  const key = identity
    .trim()
    .replace(/^site:\s*/i, '')
    .toLowerCase();
  const found = sites.find((s, i) => s.name.toLowerCase() === key || String(i + 1) === key);
  if (!found)
    throw new CmdletError('SiteNotFound', `There is no site "${identity}" in the topology.`, {
      target: identity,
      parameter: 'Identity',
    });
  return [found];
};

const getSiteCmdlet = defineCmdlet({
  name: 'Get-CsSite',
  summary:
    'Returns the sites of the topology, with their data centres and pools (read-only; Topology Builder owns them).',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      help: 'Site:<name>, the site name, or its SiteId number. Omitted: every site.',
      completes: 'site',
    },
  },
  examples: [
    {code: 'Get-CsSite', remarks: 'Every site of the topology.'},
    {code: 'Get-CsSite -Identity "Site:DC1"', remarks: 'Site DC1 only.'},
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    for (const site of selectSites(ctx.state, args.Identity)) {
      ctx.write({
        Identity: siteIdentity(site.name),
        SiteId: ctx.state.topology.sites.indexOf(site) + 1,
        DisplayName: site.name,
        DataCenters: [...site.dataCenters],
        Pools: poolsOfSite(ctx.state, site),
      });
    }
  },
});

const poolObjects = (state: ChatState): PsObject[] => [
  ...state.topology.frontEndPools.map((p) => ({
    Identity: p.fqdn,
    Fqdn: p.fqdn,
    Site: siteIdentity(p.site),
    Services: [`Registrar:${p.fqdn}`, `UserServer:${p.fqdn}`, `WebServer:${p.fqdn}`],
    Computers: [],
  })),
  ...state.topology.persistentChatPools.map((p) => ({
    Identity: p.fqdn,
    Fqdn: p.fqdn,
    Site: siteIdentity(p.site),
    Services: [poolServiceIdentity(p.fqdn)],
    Computers: p.servers.map((s) => s.fqdn),
  })),
];

const getPoolCmdlet = defineCmdlet({
  name: 'Get-CsPool',
  summary:
    'Returns the pools of the topology (Front End and Persistent Chat) with their site, services and computers.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      help: 'FQDN of the pool. Omitted: every pool.',
      completes: 'pool',
    },
  },
  examples: [
    {code: 'Get-CsPool', remarks: 'Every pool of the topology.'},
    {
      code: 'Get-CsPool -Identity "pc1.dc1.example.org"',
      remarks: 'The Persistent Chat pool pc1.dc1.example.org and its eight computers.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const identity = args.Identity;
    const all = poolObjects(ctx.state);
    const key = identity === undefined ? null : (parseFqdn(identity) ?? identity.toLowerCase());
    const chosen = key === null ? all : all.filter((p) => p['Identity'] === key);
    if (identity !== undefined && chosen.length === 0) {
      throw new CmdletError('PoolNotFound', `There is no pool "${identity}" in the topology.`, {
        target: identity,
        parameter: 'Identity',
      });
    }
    for (const pool of chosen) ctx.write(pool);
  },
});

const getComputerCmdlet = defineCmdlet({
  name: 'Get-CsComputer',
  summary:
    'Returns the Persistent Chat servers of the topology: pool, data centre and whether each is active.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      help: 'FQDN of the computer. Omitted: every computer.',
      completes: 'server',
    },
    Pool: {type: 'string', help: 'Only the computers of this pool.', completes: 'pool'},
  },
  examples: [
    {code: 'Get-CsComputer', remarks: 'Every Persistent Chat server.'},
    {
      code: 'Get-CsComputer -Pool "pc1.dc1.example.org"',
      remarks: 'The eight servers of pc1.dc1.example.org.',
    },
    {
      code: 'Get-CsComputer | Where-Object {$_.IsActive -eq $True}',
      remarks: 'The servers that accept new connections.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const identity = args.Identity;
    const poolName = args.Pool;
    const pools =
      poolName === undefined
        ? ctx.state.topology.persistentChatPools
        : [resolvePoolIdentity(ctx.state, poolName, 'Pool')];
    if (identity !== undefined && !findServer(ctx.state, identity)) {
      throw new CmdletError(
        'ServerNotFound',
        `There is no Persistent Chat server "${identity}" in the topology.`,
        {target: identity, parameter: 'Identity'},
      );
    }
    const key = identity === undefined ? null : (parseFqdn(identity) ?? identity.toLowerCase());
    for (const pool of pools) {
      for (const server of pool.servers.filter((s) => key === null || s.fqdn === key)) {
        ctx.write({
          Identity: server.fqdn,
          Pool: pool.fqdn,
          DataCenter: server.dataCenter,
          IsActive: pool.activeServers.includes(server.fqdn),
        });
      }
    }
  },
});

const serviceObject = (p: PersistentChatPool): PsObject => ({
  Identity: poolServiceIdentity(p.fqdn),
  PoolFqdn: p.fqdn,
  SiteId: siteIdentity(p.site),
  DisplayName: p.displayName,
  Servers: p.servers.map((s) => s.fqdn),
  ActiveServers: [...p.activeServers],
  PoolState: p.poolState,
  DatabaseInUse: databaseInUse(p),
  PrimaryStore: storeName(p.stores.primary),
  BackupStore: storeName(p.stores.backup),
  BackupStoreOnline: p.stores.backup ? p.stores.backup.online === true : null,
  LogShipping: p.stores.logShipping,
  ComplianceEnabled: p.compliance.enabled,
  ComplianceStore: storeName(p.compliance.store),
  Port: p.port,
  FileStore: p.fileStore,
});

const getServiceCmdlet = defineCmdlet({
  name: 'Get-CsService',
  summary:
    'Returns the Persistent Chat services of the topology: active servers, pool state and the databases in use.',
  description: 'There is no Get cmdlet for the active-server list; this view shows it for every pool.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      help: 'PersistentChatServer:<pool fqdn> (or the pool FQDN). Omitted: every pool.',
      completes: 'pool',
    },
    PersistentChatServer: {
      type: 'switch',
      help: 'Only Persistent Chat services (the only role modelled here).',
    },
  },
  examples: [
    {
      code: 'Get-CsService -PersistentChatServer',
      remarks: 'Every Persistent Chat service with its active servers and pool state.',
    },
    {
      code: 'Get-CsService -Identity "PersistentChatServer:pc1.dc1.example.org"',
      remarks: 'The service of pc1.dc1.example.org.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    // Spec note: only the Persistent Chat role is modelled, so -PersistentChatServer changes nothing.
    void args.PersistentChatServer;
    const identity = args.Identity;
    const pools =
      identity === undefined
        ? ctx.state.topology.persistentChatPools
        : [resolvePoolIdentity(ctx.state, identity)];
    for (const pool of pools) ctx.write(serviceObject(pool));
  },
});

export const topologyViewCmdlets: readonly CmdletSpec[] = [
  getSiteCmdlet,
  getPoolCmdlet,
  getComputerCmdlet,
  getServiceCmdlet,
];
