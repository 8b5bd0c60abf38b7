// The rules a deployment must keep beyond its shape: topology limits (topology spec 1.3),
// references between its parts, and uniqueness. Every problem is collected, none thrown.

import type {ErrorId, Issue} from './errors.js';
import {parseFqdn} from './fqdn.js';
import {sipAddressKey, sipAddressProblem} from './sip.js';
import {splitDn} from './distinguished-name.js';
import type {Deployment, DeploymentPool} from './deployment-schema.js';

export const MAX_SERVERS = 8;
export const MAX_ACTIVE_SERVERS = 4;

export const deploymentIssue = (errorId: ErrorId, path: string, message: string): Issue => ({
  errorId,
  parameter: path,
  message: `${path}: ${message}`,
});

/** Case-insensitive key with the spaces around `,` and `=` of a DN removed. */
export const dnKey = (dn: string): string =>
  splitDn(dn)
    .map((rdn) => rdn.replace(/\s*=\s*/, '=').trim())
    .join(',')
    .toLowerCase();

interface Uniques {
  add(key: string, shown: string, path: string): void;
}

/** Reports the second and later occurrences of a key, naming where the first one was. */
const uniques = (issues: Issue[], errorId: ErrorId, what: string): Uniques => {
  const seen = new Map<string, string>();
  return {
    add(key, shown, path) {
      const first = seen.get(key);
      if (first === undefined) seen.set(key, path);
      else issues.push(deploymentIssue(errorId, path, `${what} "${shown}" is already used at ${first}.`));
    },
  };
};

interface Context {
  readonly d: Deployment;
  readonly issues: Issue[];
  /** Lower-case site name → its data centres (lower-case). */
  readonly sites: ReadonlyMap<string, ReadonlySet<string>>;
  readonly dataCenters: ReadonlySet<string>;
  readonly hosts: Uniques;
  /** SIP addresses of users, contacts and endpoints together. */
  readonly sips: Uniques;
  /** `sqlFqdn\\instance` of every pool's primary and backup: a DBInstance names one pool. */
  readonly dbInstances: Uniques;
}

export const checkDeployment = (d: Deployment): Issue[] => {
  const issues: Issue[] = [];
  const sites = checkSites(d, issues);
  const dataCenters = new Set([...sites.values()].flatMap((dcs) => [...dcs]));
  const ctx: Context = {
    d,
    issues,
    sites,
    dataCenters,
    hosts: uniques(issues, 'DuplicateFqdn', 'The FQDN'),
    sips: uniques(issues, 'DuplicateSipAddress', 'The SIP address'),
    dbInstances: uniques(issues, 'DuplicateStore', 'The database instance'),
  };
  (d.frontEndPools ?? []).forEach((fe, i) => {
    const path = `frontEndPools[${i}]`;
    ctx.hosts.add(fe.fqdn.toLowerCase(), fe.fqdn, `${path}.fqdn`);
    checkSiteRef(ctx, fe.site, fe.dataCenter ?? null, path);
  });
  d.persistentChatPools.forEach((pool, i) => checkPool(ctx, pool, `persistentChatPools[${i}]`));
  checkDirectory(ctx);
  checkEndpoints(ctx);
  checkOperatorsAndMessages(ctx);
  return issues;
};

const checkSites = (d: Deployment, issues: Issue[]): Map<string, ReadonlySet<string>> => {
  const sites = new Map<string, ReadonlySet<string>>();
  const names = uniques(issues, 'DuplicateName', 'The site name');
  d.sites.forEach((site, i) => {
    names.add(site.name.toLowerCase(), site.name, `sites[${i}].name`);
    sites.set(site.name.toLowerCase(), new Set((site.dataCenters ?? []).map((dc) => dc.toLowerCase())));
  });
  return sites;
};

/** The site must exist; a data centre given beside it must be one of the site's. */
const checkSiteRef = (ctx: Context, site: string, dataCenter: string | null, path: string): void => {
  const dcs = ctx.sites.get(site.toLowerCase());
  if (!dcs) {
    ctx.issues.push(
      deploymentIssue('SiteNotFound', `${path}.site`, `site "${site}" is not listed under sites.`),
    );
    return;
  }
  if (dataCenter !== null && !dcs.has(dataCenter.toLowerCase())) {
    ctx.issues.push(
      deploymentIssue(
        'DataCenterNotFound',
        `${path}.dataCenter`,
        `data centre "${dataCenter}" is not a data centre of site "${site}".`,
      ),
    );
  }
};

const checkPool = (ctx: Context, pool: DeploymentPool, path: string): void => {
  ctx.hosts.add(pool.fqdn.toLowerCase(), pool.fqdn, `${path}.fqdn`);
  checkSiteRef(ctx, pool.site, null, path);
  checkServers(ctx, pool, path);
  checkActiveServers(ctx, pool, path);
  checkStores(ctx, pool, path);
  const feFqdns = new Set((ctx.d.frontEndPools ?? []).map((fe) => fe.fqdn.toLowerCase()));
  if (pool.nextHopPool && !feFqdns.has(pool.nextHopPool.toLowerCase())) {
    ctx.issues.push(
      deploymentIssue(
        'PoolNotFound',
        `${path}.nextHopPool`,
        `"${pool.nextHopPool}" is not a Front End pool of the deployment.`,
      ),
    );
  }
};

const checkServers = (ctx: Context, pool: DeploymentPool, path: string): void => {
  const single = pool.kind === 'singleComputer' || pool.collocatedWithStandardEdition === true;
  if (single && pool.servers.length > 1) {
    const why =
      pool.kind === 'singleComputer'
        ? 'a single-computer pool'
        : 'a pool collocated with a Standard Edition server';
    ctx.issues.push(
      deploymentIssue(
        'SingleComputerPool',
        `${path}.servers`,
        `${why} has exactly one server (found ${pool.servers.length}).`,
      ),
    );
  } else if (pool.servers.length > MAX_SERVERS) {
    ctx.issues.push(
      deploymentIssue(
        'ServerLimit',
        `${path}.servers`,
        `a pool has at most ${MAX_SERVERS} servers, 4 active and 4 standby (found ${pool.servers.length}).`,
      ),
    );
  }
  pool.servers.forEach((server, j) => {
    const at = `${path}.servers[${j}]`;
    // A single-computer pool is named after its one computer.
    if (!(single && server.fqdn.toLowerCase() === pool.fqdn.toLowerCase()))
      ctx.hosts.add(server.fqdn.toLowerCase(), server.fqdn, `${at}.fqdn`);
    if (server.dataCenter != null) checkSiteRef(ctx, pool.site, server.dataCenter, at);
  });
};

const checkActiveServers = (ctx: Context, pool: DeploymentPool, path: string): void => {
  const members = new Set(pool.servers.map((s) => s.fqdn.toLowerCase()));
  const seen = new Set<string>();
  (pool.activeServers ?? []).forEach((fqdn, j) => {
    const at = `${path}.activeServers[${j}]`;
    const key = parseFqdn(fqdn);
    if (key === null)
      ctx.issues.push(deploymentIssue('InvalidValue', at, `"${fqdn}" is not a fully qualified domain name.`));
    else if (!members.has(key))
      ctx.issues.push(
        deploymentIssue('NotPoolMember', at, `"${fqdn}" is not a server of pool ${pool.fqdn}.`),
      );
    else if (seen.has(key))
      ctx.issues.push(deploymentIssue('DuplicateFqdn', at, `"${fqdn}" is listed twice.`));
    if (key !== null) seen.add(key);
  });
  if (seen.size > MAX_ACTIVE_SERVERS) {
    ctx.issues.push(
      deploymentIssue(
        'ActiveServerLimit',
        `${path}.activeServers`,
        `a pool has at most ${MAX_ACTIVE_SERVERS} active servers (found ${seen.size}).`,
      ),
    );
  }
};

const checkStores = (ctx: Context, pool: DeploymentPool, path: string): void => {
  const {primary, primaryMirror, backup, backupMirror, logShipping} = pool.stores;
  const named = {primary, primaryMirror, backup, backupMirror, compliance: pool.compliance?.store};
  for (const [key, store] of Object.entries(named)) {
    const dc = store?.dataCenter;
    if (dc != null && !ctx.dataCenters.has(dc.toLowerCase())) {
      const at =
        key === 'compliance' ? `${path}.compliance.store.dataCenter` : `${path}.stores.${key}.dataCenter`;
      ctx.issues.push(
        deploymentIssue('DataCenterNotFound', at, `data centre "${dc}" is not listed under any site.`),
      );
    }
  }
  for (const [key, store] of Object.entries({primary, backup})) {
    if (store) {
      const name = `${store.sqlFqdn}\\${store.instance}`;
      ctx.dbInstances.add(name.toLowerCase(), name, `${path}.stores.${key}`);
    }
  }
  const apart = (a?: string | null, b?: string | null): boolean =>
    a != null && b != null && a.toLowerCase() !== b.toLowerCase();
  if (apart(primary.dataCenter, primaryMirror?.dataCenter)) {
    ctx.issues.push(
      deploymentIssue(
        'InvalidValue',
        `${path}.stores.primaryMirror.dataCenter`,
        'the primary mirror must be in the data centre of the primary store.',
      ),
    );
  }
  if (apart(backup?.dataCenter, backupMirror?.dataCenter)) {
    ctx.issues.push(
      deploymentIssue(
        'InvalidValue',
        `${path}.stores.backupMirror.dataCenter`,
        'the backup mirror must be in the data centre of the backup store.',
      ),
    );
  }
  if (!backup && (pool.poolState === 'FailedOver' || logShipping === true || backupMirror)) {
    const what =
      pool.poolState === 'FailedOver'
        ? 'a failed-over pool'
        : logShipping === true
          ? 'log shipping'
          : 'a backup mirror';
    ctx.issues.push(
      deploymentIssue('BackupStoreRequired', `${path}.stores.backup`, `${what} needs a backup store.`),
    );
  }
  if (pool.compliance?.enabled === true && !pool.compliance.store) {
    ctx.issues.push(
      deploymentIssue(
        'InvalidValue',
        `${path}.compliance.store`,
        'compliance is enabled but no compliance store is given.',
      ),
    );
  }
};

const checkDirectory = (ctx: Context): void => {
  const dir = ctx.d.directory ?? {};
  const dns = uniques(ctx.issues, 'DuplicateName', 'The distinguished name');
  const lists = {users: dir.users, groups: dir.groups, contacts: dir.contacts} as const;
  for (const [key, list] of Object.entries(lists)) {
    (list ?? []).forEach((entry, i) => {
      dns.add(dnKey(entry.dn), entry.dn, `directory.${key}[${i}].dn`);
      if ('sipAddress' in entry && entry.sipAddress)
        checkSip(ctx, entry.sipAddress, `directory.${key}[${i}].sipAddress`);
    });
  }
  (dir.organizationalUnits ?? []).forEach((ou, i) =>
    dns.add(dnKey(ou), ou, `directory.organizationalUnits[${i}]`),
  );
  (dir.containers ?? []).forEach((c, i) => dns.add(dnKey(c), c, `directory.containers[${i}]`));
  (dir.users ?? []).forEach((u, i) => {
    if (u.site != null && !ctx.sites.has(u.site.toLowerCase())) {
      ctx.issues.push(
        deploymentIssue(
          'SiteNotFound',
          `directory.users[${i}].site`,
          `site "${u.site}" is not listed under sites.`,
        ),
      );
    }
  });
  const known = new Set(
    [...(dir.users ?? []), ...(dir.groups ?? []), ...(dir.contacts ?? [])].map((p) => dnKey(p.dn)),
  );
  (dir.groups ?? []).forEach((g, i) =>
    (g.members ?? []).forEach((m, j) => {
      if (!known.has(dnKey(m))) {
        ctx.issues.push(
          deploymentIssue(
            'PrincipalNotFound',
            `directory.groups[${i}].members[${j}]`,
            `"${m}" is not a user, group or contact of the directory.`,
          ),
        );
      }
    }),
  );
};

const checkSip = (ctx: Context, sip: string, path: string): void => {
  if (sipAddressProblem(sip) !== null) return; // the shape check has reported it
  ctx.sips.add(sipAddressKey(sip), sip, path);
  const problem = sipAddressProblem(sip, ctx.d.sipDomains);
  if (problem !== null) ctx.issues.push(deploymentIssue('InvalidValue', path, `${problem}.`));
};

const checkEndpoints = (ctx: Context): void => {
  const pools = new Set(ctx.d.persistentChatPools.map((p) => p.fqdn.toLowerCase()));
  (ctx.d.endpoints ?? []).forEach((e, i) => {
    checkSip(ctx, e.sipAddress, `endpoints[${i}].sipAddress`);
    if (!pools.has(e.pool.toLowerCase())) {
      ctx.issues.push(
        deploymentIssue(
          'PoolNotFound',
          `endpoints[${i}].pool`,
          `"${e.pool}" is not a Persistent Chat pool of the deployment.`,
        ),
      );
    }
  });
};

const checkOperatorsAndMessages = (ctx: Context): void => {
  const names = uniques(ctx.issues, 'DuplicateName', 'The operator');
  (ctx.d.operators ?? []).forEach((o, i) => names.add(o.name, o.name, `operators[${i}].name`));
  const pools = deploymentPools(ctx.d);
  (ctx.d.messages ?? []).forEach((m, i) => {
    const issue = messagePoolIssue(m.room, i, pools);
    if (issue !== null) ctx.issues.push(issue);
  });
};

/** Lower-case FQDNs of the deployment's Persistent Chat pools. */
export const deploymentPools = (d: Deployment): ReadonlySet<string> =>
  new Set(d.persistentChatPools.map((p) => p.fqdn.toLowerCase()));

/** A message's room `pool\Name` must be in one of the deployment's pools (a short name is looked up later). */
export const messagePoolIssue = (room: string, index: number, pools: ReadonlySet<string>): Issue | null => {
  const pool = poolOfRoom(room);
  if (pool === null || pools.has(pool)) return null;
  return deploymentIssue(
    'PoolNotFound',
    `messages[${index}].room`,
    `the pool of room "${room}" is not a Persistent Chat pool of the deployment.`,
  );
};

/** The lower-case pool of a room identity `pool\Name`; null for a short name. */
export const poolOfRoom = (room: string): string | null => {
  const slash = room.indexOf('\\');
  return slash < 0 ? null : room.slice(0, slash).toLowerCase();
};
