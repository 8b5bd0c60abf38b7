import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {
  canonicalXdsIdentity,
  hasWildcard,
  parsePoolIdentity,
  parseXdsIdentity,
  poolStateIdentity,
  resolvePoolIdentity,
  sameXdsIdentity,
  wildcardMatch,
  type XdsScope,
} from '../../src/domain/identity.js';
import {CmdletError} from '../../src/domain/errors.js';
import type {ChatState, PersistentChatPool} from '../../src/domain/types.js';

const errorOf = (fn: () => unknown): CmdletError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CmdletError) return error;
    throw error;
  }
  throw new Error('expected a CmdletError');
};

describe('parseXdsIdentity', () => {
  it.each([
    ['global', 'Global'],
    ['GLOBAL', 'Global'],
    [' Global ', 'Global'],
    ['site:DC1', 'Site:DC1'],
    ['Site:DC1', 'Site:DC1'],
    ['SITE: DC1', 'Site:DC1'],
    ['service:PersistentChatServer:pc1.dc1.example.org', 'Service:PersistentChatServer:pc1.dc1.example.org'],
    ['Service:persistentchatserver:PC1.DC1.example.org', 'Service:PersistentChatServer:pc1.dc1.example.org'],
    [
      'service: PersistentChatServer: pc1.dc1.example.org',
      'Service:PersistentChatServer:pc1.dc1.example.org',
    ],
    ['service:pc1.dc1.example.org', 'Service:PersistentChatServer:pc1.dc1.example.org'],
    ['PersistentChatServer:pc1.dc1.example.org', 'Service:PersistentChatServer:pc1.dc1.example.org'],
    ['tag:DC1Users', 'Tag:DC1Users'],
    ['DC1Users', 'Tag:DC1Users'],
  ])('reads %j as %s', (input, canonical) => {
    expect(canonicalXdsIdentity(parseXdsIdentity(input))).toBe(canonical);
    expect(canonicalXdsIdentity(input)).toBe(canonical);
  });

  it.each([
    ['', 'InvalidValue'],
    ['   ', 'InvalidValue'],
    ['site:', 'InvalidValue'],
    ['tag:  ', 'InvalidValue'],
    ['site:a:b', 'InvalidValue'],
    ['service:PersistentChatServer:', 'InvalidValue'],
    ['service:PersistentChatServer:not a host', 'InvalidValue'],
    ['service:PersistentChatServer:1.2.3.4', 'InvalidValue'],
    ['site:DC\u001b[2J', 'InvalidValue'],
    ['site:DC\u202e1', 'InvalidValue'],
    ['service:Registrar:fe1.dc1.example.org', 'InvalidScope'],
    ['user:ana', 'InvalidScope'],
  ])('rejects %j with %s', (input, errorId) => {
    const error = errorOf(() => parseXdsIdentity(input));
    expect(error.errorId).toBe(errorId);
    expect(error.parameter).toBe('Identity');
  });

  it.each<[string, readonly XdsScope[]]>([
    ['tag:X', ['global', 'site', 'service']],
    ['X', ['global', 'site', 'service']],
    ['service:pc1.dc1.example.org', ['global', 'site', 'tag']],
    ['global', ['site', 'service']],
  ])('refuses %j outside the scopes %j with InvalidScope', (input, scopes) => {
    const error = errorOf(() => parseXdsIdentity(input, {scopes, parameter: 'Instance'}));
    expect(error.errorId).toBe('InvalidScope');
    expect(error.parameter).toBe('Instance');
  });

  it('keeps the site and tag names as written and lower-cases pool FQDNs', () => {
    expect(parseXdsIdentity('site:Dc1')).toEqual({scope: 'site', name: 'Dc1'});
    expect(parseXdsIdentity('service:PC1.dc1.example.org.')).toEqual({
      scope: 'service',
      name: 'pc1.dc1.example.org',
    });
  });

  it('compares identities case-insensitively across spellings', () => {
    expect(sameXdsIdentity('site:dc1', 'Site:DC1')).toBe(true);
    expect(
      sameXdsIdentity('service:pc1.dc1.example.org', 'Service:PersistentChatServer:PC1.dc1.example.org'),
    ).toBe(true);
    expect(sameXdsIdentity('site:DC1', 'site:DC2')).toBe(false);
    expect(sameXdsIdentity('site:', 'site:')).toBe(false);
  });
});

describe('pool identities', () => {
  it.each([
    'PersistentChatServer:pc1.dc1.example.org',
    'service:pc1.dc1.example.org',
    'service:PersistentChatServer:pc1.dc1.example.org',
    'service: pc1.dc1.example.org',
    'SERVICE:persistentchatserver:PC1.DC1.EXAMPLE.ORG',
    'pc1.dc1.example.org',
  ])('reads %j as pool pc1', (input) => {
    expect(parsePoolIdentity(input)).toBe('pc1.dc1.example.org');
  });

  it.each(['global', 'site:DC1', 'service:Registrar:fe1.dc1.example.org', 'PChatServerCollection', ''])(
    'reads %j as no pool',
    (input) => {
      expect(parsePoolIdentity(input)).toBeNull();
    },
  );

  const state = {
    topology: {
      sites: [],
      frontEndPools: [],
      persistentChatPools: [{fqdn: 'pc1.dc1.example.org'} as PersistentChatPool],
    },
  } as Pick<ChatState, 'topology'>;

  it('resolves a known pool and fails with PoolNotFound otherwise', () => {
    expect(resolvePoolIdentity(state, 'service:pc1.dc1.example.org').fqdn).toBe('pc1.dc1.example.org');
    expect(errorOf(() => resolvePoolIdentity(state, 'service:pc9.dc1.example.org')).errorId).toBe(
      'PoolNotFound',
    );
    expect(errorOf(() => resolvePoolIdentity(state, 'global')).errorId).toBe('PoolNotFound');
  });

  it('prints the state identity in the service:PersistentChatServer form', () => {
    expect(poolStateIdentity('pc1.dc1.example.org')).toBe('service:PersistentChatServer:pc1.dc1.example.org');
  });
});

describe('wildcardMatch', () => {
  it.each([
    ['site:*', 'Site:DC1', true],
    ['service:*', 'Service:PersistentChatServer:pc1.dc1.example.org', true],
    ['*.example.org', 'service:PersistentChatServer:pc1.dc1.example.org', true],
    ['*.example.com', 'service:PersistentChatServer:pc1.dc1.example.org', false],
    ['Site:DC?', 'site:dc1', true],
    ['Site:DC?', 'site:dc10', false],
    ['*', '', true],
    ['', '', true],
    ['', 'x', false],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbYcZ', false],
    ['tag:*', 'Tag:x', true],
    ['site:*', 'Tag:site:x', false],
    ['[a]', '[a]', true],
    ['.+', 'aa', false],
  ])('%j against %j is %s', (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });

  it('stays fast on a pattern that would backtrack badly as a regular expression', () => {
    const pattern = `${'*a'.repeat(30)}b`;
    expect(wildcardMatch(pattern, 'a'.repeat(5000))).toBe(false);
  });

  it('agrees with a regular-expression reference on random patterns', () => {
    const reference = (pattern: string, text: string): boolean => {
      const source = [...pattern]
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return new RegExp(`^${source}$`, 'is').test(text);
    };
    const pattern = fc.string({unit: fc.constantFrom('a', 'B', '*', '?', '.', ':'), maxLength: 8});
    const text = fc.string({unit: fc.constantFrom('a', 'b', 'A', '.', ':'), maxLength: 10});
    fc.assert(
      fc.property(pattern, text, (p, t) => wildcardMatch(p, t) === reference(p, t)),
      {numRuns: 2000},
    );
  });

  it('tells a wildcard pattern from a plain name', () => {
    expect(hasWildcard('site:*')).toBe(true);
    expect(hasWildcard('site:DC1')).toBe(false);
  });
});
