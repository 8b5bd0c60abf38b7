// The demo deployment (data/demo/deployment.json) and fixtures cut from it, as deployment files
// and as the ChatState `pchat init` builds from them.

import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import {loadDeployment, type DeploymentMessage} from '../../src/domain/deployment.js';
import type {DeploymentFile} from '../../src/domain/deployment-schema.js';
import type {ChatState} from '../../src/domain/types.js';

const DEMO_PATH = fileURLToPath(new URL('../../data/demo/deployment.json', import.meta.url));
const demoText = fs.readFileSync(DEMO_PATH, 'utf8');

/** The parsed demo deployment file: a fresh copy on every call, so a test may change it. */
export const demoDeployment = (): DeploymentFile => JSON.parse(demoText) as DeploymentFile;

/**
 * The demo with only pool pc1.dc1.example.org and its data: what the spec examples that omit the
 * pool assume. Site DC2 stays (users live there); pc2, its endpoints and its messages go.
 */
export const onePoolDeployment = (): DeploymentFile => {
  const d = demoDeployment();
  const keep = (fqdn: string): boolean => fqdn.toLowerCase() === 'pc1.dc1.example.org';
  return {
    ...d,
    persistentChatPools: d.persistentChatPools.filter((p) => keep(p.fqdn)),
    ...(d.endpoints ? {endpoints: d.endpoints.filter((e) => keep(e.pool))} : {}),
    ...(d.messages ? {messages: d.messages.filter((m) => keep(m.room.split('\\')[0] ?? ''))} : {}),
  };
};

/** Deterministic ids (the same shape run-lines.ts uses), so endpoint DNs are stable. */
const sequentialIds = (): (() => string) => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
};

/** Loads a deployment as `pchat init` does, as the user `admin`, with sequential ids. */
export const loadedFrom = (
  deployment: DeploymentFile,
): {state: ChatState; messages: readonly DeploymentMessage[]} =>
  loadDeployment(deployment, {initUser: 'admin', newId: sequentialIds()});

export const stateFrom = (deployment: DeploymentFile): ChatState => loadedFrom(deployment).state;

export const DEMO_POOL = 'pc1.dc1.example.org';
export const DEMO_POOL2 = 'pc2.dc2.example.org';
