// The demo's first section (data/demo/setup.ps1): policies, settings, compliance and endpoints
// run as documented cmdlet lines on the demo deployment, and the objects the specs' examples name
// exist afterwards.

import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {effectivePolicy, listPolicies} from '../../src/domain/policies.js';
import {demoDeployment, loadedFrom} from '../helpers/demo.js';
import {openSession} from '../helpers/run-lines.js';

const SETUP = fs.readFileSync(new URL('../../data/demo/setup.ps1', import.meta.url), 'utf8');
const START = '# --- Policies, settings and endpoints ---';
const END = '# --- Categories, rooms and add-ins ---';
const SECTION = SETUP.slice(SETUP.indexOf(START), SETUP.indexOf(END));

describe('the demo setup script: policies, settings and endpoints', () => {
  it('has both sections, in order', () => {
    expect(SETUP.indexOf(START)).toBeGreaterThanOrEqual(0);
    expect(SETUP.indexOf(END)).toBeGreaterThan(SETUP.indexOf(START));
  });

  it('runs every line of its section without an error or a warning', async () => {
    const {state} = loadedFrom(demoDeployment());
    const {session} = await openSession(state, {user: 'admin'});
    const runs = await session.runScript(SECTION);
    expect(runs.length).toBeGreaterThanOrEqual(10);
    expect(runs.filter((r) => !r.ok).map((r) => [r.line, r.errors])).toEqual([]);
    expect(runs.flatMap((r) => r.warnings)).toEqual([]);

    const after = session.state;
    expect(listPolicies(after).map((p) => [p.identity, p.enablePersistentChat])).toEqual([
      ['Global', false],
      ['Site:DC1', true],
      ['Tag:DC1PersistentChatPolicy', true],
      ['Tag:DC1UsersPersistentChatPolicy', true],
    ]);
    const holders = after.directory.users
      .filter((u) => u.persistentChatPolicy !== null)
      .map((u) => u.displayName);
    expect(holders).toEqual(['Jordan Lee', 'Casey Smith']);
    expect(after.endpoints.map((e) => [e.sipAddress, e.poolFqdn, e.isDefault])).toEqual([
      ['sip:pc1chat@example.org', 'pc1.dc1.example.org', true],
      ['sip:pc2chat@example.org', 'pc2.dc2.example.org', true],
    ]);
    expect(after.configurations.map((c) => c.identity)).toContain('Site:DC1');
    expect(after.compliance.map((c) => c.identity)).toEqual(
      expect.arrayContaining(['Site:DC1', 'Service:PersistentChatServer:pc1.dc1.example.org']),
    );

    // Site DC1 users chat through the site policy; DC2 users only with a per-user policy.
    const byName = (name: string) => after.directory.users.find((u) => u.displayName === name);
    const policyOf = (name: string) => {
      const user = byName(name);
      return user ? effectivePolicy(after, user).identity : null;
    };
    expect([policyOf('Ana Silva'), policyOf('Casey Smith'), policyOf('Eve Tan')]).toEqual([
      'Site:DC1',
      'Tag:DC1UsersPersistentChatPolicy',
      'Global',
    ]);
  });
});
