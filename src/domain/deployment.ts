// Loads a deployment file (contract section 5) into the initial ChatState: the shape is checked
// with zod, then the topology rules; every problem is reported at once, nothing half built.

import type {z} from 'zod';
import type {Issue} from './errors.js';
import {DeploymentError} from './deployment-error.js';
import {globalCompliance} from './compliance.js';
import {globalConfiguration} from './configuration.js';
import {checkDeployment, deploymentPools} from './deployment-rules.js';
import type {DeploymentMessageCheck} from './deployment-messages.js';
import {
  deploymentSchema,
  formatPath,
  type Deployment,
  type DeploymentMessageEntry,
  type DeploymentPool,
} from './deployment-schema.js';
import {sipAddressKey} from './sip.js';
import {applicationContactsContainer} from './topology.js';
import {
  SCHEMA_VERSION,
  type ChatState,
  type Directory,
  type DirectoryUser,
  type Endpoint,
  type Operator,
  type PersistentChatPool,
  type Role,
  type SqlStore,
} from './types.js';

export {DeploymentError} from './deployment-error.js';

export interface DeploymentMessage {
  /** Room identity `pool\Name`, resolved once the setup script has created the rooms. */
  readonly room: string;
  /** Canonical SIP address of the author. */
  readonly from: string;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly text: string;
}

export interface LoadOptions {
  /** The user who runs `pchat init`: becomes a CsAdministrator. */
  readonly initUser: string;
  readonly newId: () => string;
}

/**
 * `streamed`: the messages a reader took out of the file one at a time (the file's own `messages`
 * are then empty); their problems are reported with the rest's, as if they had been read in place.
 */
export const loadDeployment = (
  input: unknown,
  options: LoadOptions,
  streamed?: DeploymentMessageCheck,
): {state: ChatState; messages: readonly DeploymentMessage[]} => {
  const parsed = deploymentSchema.safeParse(input);
  const shape = parsed.success ? [] : parsed.error.issues.flatMap(shapeIssues);
  const streamedShape = streamed?.shapeIssues() ?? NO_ISSUES;
  if (!parsed.success || streamedShape.unlisted + streamedShape.listed.length > 0)
    throw new DeploymentError([...shape, ...streamedShape.listed], streamedShape.unlisted);
  const streamedRules = streamed?.ruleIssues(deploymentPools(parsed.data)) ?? NO_ISSUES;
  const problems = [...checkDeployment(parsed.data), ...streamedRules.listed];
  if (problems.length + streamedRules.unlisted > 0)
    throw new DeploymentError(problems, streamedRules.unlisted);
  return {state: buildState(parsed.data, options), messages: buildMessages(parsed.data)};
};

const NO_ISSUES = {listed: [], unlisted: 0};

export const shapeIssues = (issue: z.core.$ZodIssue): Issue[] => {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = formatPath([...issue.path, key]);
      return {errorId: 'InvalidDeployment', parameter: path, message: `${path}: unknown key "${key}".`};
    });
  }
  const path = formatPath(issue.path);
  return [
    {
      errorId: 'InvalidDeployment',
      parameter: path,
      message: `${path}: ${issue.message}.`.replace(/\.\.$/, '.'),
    },
  ];
};

const buildState = (d: Deployment, options: LoadOptions): ChatState => {
  const siteName = (name: string): string =>
    d.sites.find((s) => s.name.toLowerCase() === name.toLowerCase())?.name ?? name;
  const base = {
    schemaVersion: SCHEMA_VERSION,
    revision: 0,
    sipDomains: d.sipDomains.map((s) => s.toLowerCase()),
    topology: {
      sites: d.sites.map((s) => ({name: s.name, dataCenters: s.dataCenters ?? []})),
      frontEndPools: (d.frontEndPools ?? []).map((fe) => ({
        fqdn: fe.fqdn.toLowerCase(),
        site: siteName(fe.site),
        dataCenter: fe.dataCenter ?? null,
      })),
      persistentChatPools: d.persistentChatPools.map((p) => buildPool(p, siteName(p.site))),
    },
    directory: buildDirectory(d, siteName),
    configurations: [globalConfiguration()],
    compliance: [globalCompliance()],
    policies: [{identity: 'Global', description: null, enablePersistentChat: false, rev: 0}],
    endpoints: [],
    categories: [],
    rooms: [],
    addins: [],
    operators: buildOperators(d, options.initUser),
  } satisfies ChatState;
  return {...base, endpoints: buildEndpoints(d, base, options.newId)};
};

const sqlStore = (s: {
  sqlFqdn: string;
  instance: string;
  dataCenter?: string | null | undefined;
}): SqlStore => ({
  sqlFqdn: s.sqlFqdn.toLowerCase(),
  instance: s.instance,
  dataCenter: s.dataCenter ?? null,
});

const buildPool = (p: DeploymentPool, site: string): PersistentChatPool => {
  const servers = p.servers.map((s) => ({fqdn: s.fqdn.toLowerCase(), dataCenter: s.dataCenter ?? null}));
  const backup = p.stores.backup;
  return {
    fqdn: p.fqdn.toLowerCase(),
    site,
    displayName: p.displayName ?? null,
    kind: p.kind,
    collocatedWithStandardEdition: p.collocatedWithStandardEdition ?? false,
    servers,
    activeServers: (p.activeServers ?? []).map((a) => a.toLowerCase().replace(/\.$/, '')),
    poolState: p.poolState ?? 'Normal',
    stores: {
      primary: {...sqlStore(p.stores.primary), ...(p.stores.primary.restored ? {restored: true} : {})},
      primaryMirror: p.stores.primaryMirror ? sqlStore(p.stores.primaryMirror) : null,
      backup: backup ? {...sqlStore(backup), online: backup.online ?? false} : null,
      backupMirror: p.stores.backupMirror
        ? {...sqlStore(p.stores.backupMirror), ...(p.stores.backupMirror.active ? {active: true} : {})}
        : null,
      logShipping: p.stores.logShipping ?? false,
    },
    lowLatencyLink: p.lowLatencyLink ?? false,
    compliance: {
      enabled: p.compliance?.enabled ?? false,
      store: p.compliance?.store ? sqlStore(p.compliance.store) : null,
    },
    port: p.port ?? 5041,
    fileStore: p.fileStore ?? null,
    nextHopPool: p.nextHopPool?.toLowerCase() ?? null,
  };
};

const sip = (address: string | null | undefined): string | null => (address ? sipAddressKey(address) : null);

type DeploymentUser = NonNullable<NonNullable<Deployment['directory']>['users']>[number];

const buildUser = (u: DeploymentUser, siteName: (name: string) => string): DirectoryUser => {
  const named = {department: u.department, l: u.l, title: u.title, manager: u.manager, company: u.company};
  const attributes: Record<string, string> = {...(u.attributes ?? {})};
  for (const [key, value] of Object.entries(named)) if (value !== undefined) attributes[key] = value;
  const sipAddress = sip(u.sipAddress);
  return {
    dn: u.dn,
    sipAddress,
    displayName: u.displayName,
    site: u.site ? siteName(u.site) : null,
    // A user with a SIP address is enabled for Lync unless the file says otherwise (contract 5).
    enabled: sipAddress !== null && u.enabled !== false,
    persistentChatPolicy: null,
    userPrincipalName: u.userPrincipalName ?? null,
    samAccountName: u.samAccountName ?? null,
    attributes,
  };
};

const buildDirectory = (d: Deployment, siteName: (name: string) => string): Directory => {
  const dir = d.directory ?? {};
  return {
    users: (dir.users ?? []).map((u) => buildUser(u, siteName)),
    groups: (dir.groups ?? []).map((g) => ({dn: g.dn, displayName: g.displayName, members: g.members ?? []})),
    contacts: (dir.contacts ?? []).map((c) => ({
      dn: c.dn,
      sipAddress: sip(c.sipAddress),
      displayName: c.displayName,
    })),
    organizationalUnits: dir.organizationalUnits ?? [],
    containers: dir.containers ?? [],
  };
};

const buildEndpoints = (d: Deployment, state: ChatState, newId: () => string): Endpoint[] =>
  (d.endpoints ?? []).map((e) => {
    const objectId = newId();
    return {
      dn: `CN={${objectId}},${applicationContactsContainer(state)}`,
      objectId,
      sipAddress: sipAddressKey(e.sipAddress),
      displayName: e.displayName ?? null,
      poolFqdn: e.pool.toLowerCase(),
      isDefault: e.isDefault ?? false,
    };
  });

/** The file's operators, with the init user made a CsAdministrator (merged when listed). */
const buildOperators = (d: Deployment, initUser: string): Operator[] => {
  const listed = (d.operators ?? []).map((o) => ({name: o.name, roles: [...new Set<Role>(o.roles)]}));
  const own = listed.find((o) => o.name === initUser);
  if (own)
    return listed.map((o) =>
      o === own ? {...o, roles: [...new Set<Role>(['CsAdministrator', ...o.roles])]} : o,
    );
  return [...listed, {name: initUser, roles: ['CsAdministrator']}];
};

const buildMessages = (d: Deployment): DeploymentMessage[] => (d.messages ?? []).map(buildMessage);

export const buildMessage = (m: DeploymentMessageEntry): DeploymentMessage => ({
  room: m.room,
  from: sipAddressKey(m.from),
  at: new Date(m.at).toISOString(),
  text: m.text,
});
