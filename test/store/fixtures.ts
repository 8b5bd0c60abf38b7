// Builders and file helpers for the store tests: every test works on a real temp directory.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {SCHEMA_VERSION, type ChatMessage, type ChatState, type Policy} from '../../src/domain/types.js';
import type {AuditDraft, CommitPlan} from '../../src/store/port.js';
import type {Effect} from '../../src/domain/ports.js';
import {makeTempDir} from '../helpers/temp-dirs.js';

export const NOW = new Date('2026-01-15T12:00:00Z');

export function sampleState(overrides: Partial<ChatState> = {}): ChatState {
  return {
    schemaVersion: SCHEMA_VERSION,
    revision: 0,
    sipDomains: ['example.org'],
    topology: {
      sites: [{name: 'DC1', dataCenters: ['dc1']}],
      frontEndPools: [{fqdn: 'fe1.dc1.example.org', site: 'DC1', dataCenter: 'dc1'}],
      persistentChatPools: [
        {
          fqdn: 'pc1.dc1.example.org',
          site: 'DC1',
          displayName: null,
          kind: 'multiComputer',
          collocatedWithStandardEdition: false,
          servers: [{fqdn: 'chat1.dc1.example.org', dataCenter: 'dc1'}],
          activeServers: ['chat1.dc1.example.org'],
          poolState: 'Normal',
          stores: {
            primary: {sqlFqdn: 'sql1.dc1.example.org', instance: 'rtc', dataCenter: 'dc1'},
            primaryMirror: null,
            backup: null,
            backupMirror: null,
            logShipping: false,
          },
          lowLatencyLink: false,
          compliance: {enabled: false, store: null},
          port: 5041,
          fileStore: null,
          nextHopPool: null,
        },
      ],
    },
    directory: {
      users: [
        {
          dn: 'CN=Ana Silva,OU=IT,DC=example,DC=org',
          sipAddress: 'sip:ana@example.org',
          displayName: 'Ana Silva',
          site: 'DC1',
          enabled: true,
          persistentChatPolicy: null,
          userPrincipalName: null,
          samAccountName: null,
          attributes: {department: 'IT'},
        },
      ],
      groups: [],
      contacts: [],
      organizationalUnits: ['OU=IT,DC=example,DC=org'],
      containers: [],
    },
    configurations: [],
    compliance: [],
    policies: [{identity: 'Global', description: null, enablePersistentChat: true, rev: 0}],
    endpoints: [],
    categories: [],
    rooms: [],
    addins: [],
    operators: [{name: 'admin', roles: ['CsAdministrator']}],
    ...overrides,
  };
}

export const policy = (name: string): Policy => ({
  identity: `Tag:${name}`,
  description: null,
  enablePersistentChat: true,
  rev: 0,
});

export const message = (n: number, roomId = 'room-1', text = `message ${n}`): ChatMessage => ({
  id: `m${n}`,
  roomId,
  author: 'sip:ana@example.org',
  postedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  text,
  replaced: false,
  replacedAt: null,
});

export const audit = (command: string, targets: readonly string[] = []): AuditDraft => ({
  operator: 'admin',
  uid: 1000,
  role: 'CsAdministrator',
  command,
  targets,
  result: 'Success',
  errors: [],
  source: null,
  warnings: [],
  via: 'exec',
});

/** A plan that adds one policy, with optional effects. */
export const addPolicy = (fresh: ChatState, name: string, effects: readonly Effect[] = []): CommitPlan => ({
  state: {...fresh, policies: [...fresh.policies, policy(name)]},
  effects,
  audit: audit(`New-CsPersistentChatPolicy -Identity Tag:${name}`, [`Tag:${name}`]),
});

export function tempDir(): string {
  return makeTempDir('pchat-store-');
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, {recursive: true, force: true});
}

/**
 * sha256 and mtime of every file under `dir`, to prove that nothing was written. Directories are
 * listed without their mtime: taking the lock creates and removes a file in the store directory.
 */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, {withFileTypes: true})) {
      const full = path.join(current, entry.name);
      const rel = path.relative(dir, full);
      if (entry.isDirectory()) {
        out[`${rel}/`] = 'directory';
        walk(full);
      } else {
        const hash = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
        out[rel] = `${hash} ${fs.lstatSync(full, {bigint: true}).mtimeNs}`;
      }
    }
  };
  walk(dir);
  return out;
}

export const readLinesOf = (file: string): unknown[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

export const modeOf = (file: string): number => fs.statSync(file).mode & 0o7777;
