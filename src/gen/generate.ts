// A synthetic store in memory: the demo deployment with generated users and groups, the demo's
// setup with generated categories, add-ins, rooms and grants, and the demo's messages followed by
// generated ones. Pure apart from the clock-free seeded random source: same size and seed, same store.

import {loadDeployment, type DeploymentMessage} from '../domain/deployment.js';
import type {DeploymentFile} from '../domain/deployment-schema.js';
import {deploymentMessagesToRecords} from '../domain/messages.js';
import type {ChatMessage, ChatState} from '../domain/types.js';
import {joinContent, type SetupContent} from './content.js';
import {DEMO_CONTENT, DEMO_ENDPOINTS} from './demo-content.js';
import {generateContent} from './extend-content.js';
import {generateDirectory} from './extend-directory.js';
import {generateMessages} from './messages.js';
import {seededRandom} from './random.js';
import {applySetup} from './setup-state.js';
import {DEMO_SIZE, type Size} from './sizes.js';

export const DEFAULT_SEED = 12;

export interface GenerateOptions {
  /** data/demo/deployment.json, parsed. */
  readonly demo: DeploymentFile;
  /** Made a CsAdministrator, as `pchat init` makes the user who runs it. */
  readonly initUser: string;
  readonly seed?: number;
}

export interface GeneratedStore {
  /** The deployment file the topology and directory come from (without messages). */
  readonly deployment: DeploymentFile;
  /** What the setup script would create. */
  readonly setup: SetupContent;
  readonly state: ChatState;
  /** The demo's messages, then the generated ones. */
  readonly messages: readonly ChatMessage[];
  /** The demo's messages in the deployment file's form, for a deployment file of this store. */
  readonly demoMessages: readonly DeploymentMessage[];
}

export function generateStore(size: Size, options: GenerateOptions): GeneratedStore {
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const {messages: demoMessageFiles, ...demo} = options.demo;
  const domain = demo.sipDomains[0] ?? 'example.org';
  const extra = generateDirectory(Math.max(0, size.users - DEMO_SIZE.users), domain, random);
  const directory = demo.directory ?? {};
  const deployment: DeploymentFile = {
    ...demo,
    directory: {
      ...directory,
      users: [...(directory.users ?? []), ...extra.users],
      groups: [...(directory.groups ?? []), ...extra.groups],
      organizationalUnits: [...(directory.organizationalUnits ?? []), ...extra.organizationalUnits],
    },
    endpoints: [...(demo.endpoints ?? []), ...DEMO_ENDPOINTS],
  };
  const loaded = loadDeployment(
    {...deployment, messages: demoMessageFiles ?? []},
    {initUser: options.initUser, newId: random.uuid},
  );
  const enabledUsers = extra.users.filter((u) => u.enabled !== false).flatMap((u) => u.sipAddress ?? []);
  const extension = generateContent(
    {
      rooms: Math.max(0, size.rooms - DEMO_SIZE.rooms),
      pools: loaded.state.topology.persistentChatPools.map((p) => p.fqdn),
      domainDn: domainDn(domain),
      users: enabledUsers,
    },
    random,
  );
  const setup = joinContent(DEMO_CONTENT, extension);
  const state = applySetup(loaded.state, setup, random);
  const demoRecords = deploymentMessagesToRecords(state, loaded.messages, random.uuid);
  if (demoRecords.issues.length > 0)
    throw new Error(
      `The demo's messages do not load: ${demoRecords.issues.map((i) => i.message).join('; ')}`,
    );
  const authors = enabledUsers.length > 0 ? enabledUsers : demoRecords.messages.map((m) => m.author);
  const generated = generateMessages(
    Math.max(0, size.messages - demoRecords.messages.length),
    state.rooms,
    authors,
    random,
  );
  return {
    deployment,
    setup,
    state,
    messages: [...demoRecords.messages, ...generated],
    demoMessages: loaded.messages,
  };
}

const domainDn = (domain: string): string =>
  domain
    .split('.')
    .map((part) => `DC=${part}`)
    .join(',');
