import {describe, expect, it} from 'vitest';
import {newComplianceConfiguration, poolsUnderCompliance} from '../../src/domain/compliance.js';
import {
  effectiveConfiguration,
  newConfiguration,
  poolsUnderConfiguration,
} from '../../src/domain/configuration.js';
import {scopeOfIdentity} from '../../src/domain/identity.js';
import {demoDeployment, stateFrom} from '../helpers/demo.js';

const demo = stateFrom(demoDeployment());
const withSite = newConfiguration(demo, {identity: 'site:DC1', values: {}, rev: 1}).state;
const withPool = newConfiguration(withSite, {
  identity: 'service:PersistentChatServer:pc1.dc1.example.org',
  values: {},
  rev: 2,
}).state;

describe('which pools a settings collection governs (topology spec 1.4)', () => {
  it('Global governs every pool while nothing narrower exists', () => {
    expect(poolsUnderConfiguration(demo, 'Global').map((p) => p.fqdn)).toEqual([
      'pc1.dc1.example.org',
      'pc2.dc2.example.org',
    ]);
  });

  it('a site collection takes the pools of its site from Global', () => {
    expect(poolsUnderConfiguration(withSite, 'site:dc1').map((p) => p.fqdn)).toEqual(['pc1.dc1.example.org']);
    expect(poolsUnderConfiguration(withSite, 'Global').map((p) => p.fqdn)).toEqual(['pc2.dc2.example.org']);
  });

  it('a pool collection takes its pool from the site collection', () => {
    expect(poolsUnderConfiguration(withPool, 'Site:DC1')).toEqual([]);
    expect(
      poolsUnderConfiguration(withPool, 'Service:PersistentChatServer:pc1.dc1.example.org').map(
        (p) => p.fqdn,
      ),
    ).toEqual(['pc1.dc1.example.org']);
    expect(effectiveConfiguration(withPool, 'pc1.dc1.example.org').identity).toBe(
      'Service:PersistentChatServer:pc1.dc1.example.org',
    );
  });

  it('compliance collections follow the same rule', () => {
    const state = newComplianceConfiguration(demo, {identity: 'site:DC2', values: {}, rev: 1}).state;
    expect(poolsUnderCompliance(state, 'Site:DC2').map((p) => p.fqdn)).toEqual(['pc2.dc2.example.org']);
    expect(poolsUnderCompliance(state, 'Global').map((p) => p.fqdn)).toEqual(['pc1.dc1.example.org']);
  });
});

describe('the scope of a stored identity', () => {
  it.each([
    ['Global', 'global'],
    ['Site:DC1', 'site'],
    ['Service:PersistentChatServer:pc1.dc1.example.org', 'service'],
    ['Tag:Sales', 'tag'],
    ['Sales', 'tag'],
    ['Site:', null],
  ])('%s is %s', (identity, scope) => {
    expect(scopeOfIdentity(identity)).toBe(scope);
  });
});
