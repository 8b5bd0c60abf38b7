import {describe, expect, it} from 'vitest';
import {
  effectiveConfiguration,
  getConfigurations,
  newConfiguration,
  removeConfiguration,
  setConfiguration,
  type ConfigurationValues,
} from '../../src/domain/configuration.js';
import {CmdletError} from '../../src/domain/errors.js';
import type {ChatState} from '../../src/domain/types.js';
import {demoDeployment, stateFrom} from '../helpers/demo.js';

const errorOf = (fn: () => unknown): CmdletError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CmdletError) return error;
    throw error;
  }
  throw new Error('expected a CmdletError');
};

const demo = stateFrom(demoDeployment());
const DEFAULTS = {
  defaultChatHistory: 30,
  maxFileSizeKB: 20000,
  participantUpdateLimit: 75,
  roomManagementUrl: null,
};
const withSite = (): ChatState =>
  newConfiguration(demo, {identity: 'site:DC1', values: {participantUpdateLimit: 100}, rev: 1}).state;

describe('newConfiguration', () => {
  it('creates Site:DC1 with the given value and the documented defaults for the rest', () => {
    const {state, output} = newConfiguration(demo, {
      identity: 'site:dc1',
      values: {participantUpdateLimit: 100},
      rev: 7,
    });
    expect(output).toEqual({...DEFAULTS, identity: 'Site:DC1', participantUpdateLimit: 100, rev: 7});
    expect(state.configurations.map((c) => c.identity)).toEqual(['Global', 'Site:DC1']);
  });

  it('creates a pool collection in canonical form', () => {
    const {output} = newConfiguration(demo, {
      identity: 'service:PersistentChatServer:PC2.dc2.example.org',
      values: {},
      rev: 1,
    });
    expect(output.identity).toBe('Service:PersistentChatServer:pc2.dc2.example.org');
  });

  it('returns an -InMemory object without storing it', () => {
    const {state, output} = newConfiguration(demo, {
      identity: 'site:DC2',
      values: {defaultChatHistory: 50},
      rev: 1,
      inMemory: true,
    });
    expect(state).toBe(demo);
    expect(output.defaultChatHistory).toBe(50);
  });

  it.each<[string, string, ConfigurationValues, string, string]>([
    ['the global scope', 'global', {}, 'GlobalNotCreatable', 'Identity'],
    ['an existing collection', 'Site:DC1', {}, 'AlreadyExists', 'Identity'],
    ['a tag scope', 'tag:Sales', {}, 'InvalidScope', 'Identity'],
    ['a bare name', 'DC1', {}, 'InvalidScope', 'Identity'],
    ['an unknown site', 'site:DC9', {}, 'SiteNotFound', 'Identity'],
    ['an unknown pool', 'service:PersistentChatServer:pc9.dc1.example.org', {}, 'PoolNotFound', 'Identity'],
    ['another service role', 'service:Registrar:fe1.dc1.example.org', {}, 'InvalidScope', 'Identity'],
    ['a chat history of 0', 'site:DC2', {defaultChatHistory: 0}, 'OutOfRange', 'DefaultChatHistory'],
    ['a chat history of 501', 'site:DC2', {defaultChatHistory: 501}, 'OutOfRange', 'DefaultChatHistory'],
    ['a negative file size', 'site:DC2', {maxFileSizeKB: -1}, 'InvalidValue', 'MaxFileSizeKB'],
    ['a file size beyond UInt32', 'site:DC2', {maxFileSizeKB: 4294967296}, 'InvalidValue', 'MaxFileSizeKB'],
    [
      'a fractional update limit',
      'site:DC2',
      {participantUpdateLimit: 1.5},
      'InvalidValue',
      'ParticipantUpdateLimit',
    ],
    [
      'an ftp URL',
      'site:DC2',
      {roomManagementUrl: 'ftp://rooms.example.org'},
      'InvalidValue',
      'RoomManagementUrl',
    ],
    ['a relative URL', 'site:DC2', {roomManagementUrl: '/rooms'}, 'InvalidValue', 'RoomManagementUrl'],
    [
      'a URL with a line break',
      'site:DC2',
      {roomManagementUrl: 'https://rooms.example.org/\nx'},
      'InvalidValue',
      'RoomManagementUrl',
    ],
  ])('refuses %s', (_what, identity, values, errorId, parameter) => {
    const error = errorOf(() => newConfiguration(withSite(), {identity, values, rev: 2}));
    expect([error.errorId, error.parameter]).toEqual([errorId, parameter]);
  });

  it.each([
    [{defaultChatHistory: 1}],
    [{defaultChatHistory: 500}],
    [{maxFileSizeKB: 0, participantUpdateLimit: 4294967295}],
    [{roomManagementUrl: 'https://rooms.example.org/manage'}],
  ])('accepts the boundary values %j', (values) => {
    expect(newConfiguration(demo, {identity: 'site:DC2', values, rev: 1}).output).toMatchObject(values);
  });

  it('stores an empty room-management URL as null', () => {
    expect(
      newConfiguration(demo, {identity: 'site:DC2', values: {roomManagementUrl: ''}, rev: 1}).output
        .roomManagementUrl,
    ).toBeNull();
  });
});

describe('getConfigurations', () => {
  const state = newConfiguration(withSite(), {
    identity: 'service:pc1.dc1.example.org',
    values: {},
    rev: 2,
  }).state;

  it.each<[{identity?: string; filter?: string}, string[]]>([
    [{}, ['Global', 'Site:DC1', 'Service:PersistentChatServer:pc1.dc1.example.org']],
    [{identity: 'site:dc1'}, ['Site:DC1']],
    [{identity: 'GLOBAL'}, ['Global']],
    [{filter: 'site:*'}, ['Site:DC1']],
    [{filter: 'service:*'}, ['Service:PersistentChatServer:pc1.dc1.example.org']],
    [{filter: '*'}, ['Global', 'Site:DC1', 'Service:PersistentChatServer:pc1.dc1.example.org']],
    [{filter: 'tag:*'}, []],
  ])('selects %j', (query, identities) => {
    expect(getConfigurations(state, query).map((c) => c.identity)).toEqual(identities);
  });

  it.each<[{identity?: string; filter?: string}, string]>([
    [{identity: 'site:DC2'}, 'ConfigurationNotFound'],
    [{identity: 'site:*'}, 'ConfigurationNotFound'],
    [{identity: 'site:DC1', filter: 'site:*'}, 'ParameterConflict'],
  ])('refuses %j', (query, errorId) => {
    expect(errorOf(() => getConfigurations(state, query)).errorId).toBe(errorId);
  });
});

describe('setConfiguration', () => {
  it('changes Global when no identity is given, and sets the revision', () => {
    const {state, output} = setConfiguration(demo, {values: {defaultChatHistory: 100}, rev: 5});
    expect(output).toMatchObject({identity: 'Global', defaultChatHistory: 100, maxFileSizeKB: 20000, rev: 5});
    expect(state.configurations[0]).toBe(output);
  });

  it('returns the same state when nothing changes', () => {
    expect(setConfiguration(demo, {identity: 'global', values: {defaultChatHistory: 30}, rev: 5}).state).toBe(
      demo,
    );
  });

  it('clears the room-management URL with null', () => {
    const set = setConfiguration(demo, {
      values: {roomManagementUrl: 'https://rooms.example.org'},
      rev: 1,
    }).state;
    expect(
      setConfiguration(set, {values: {roomManagementUrl: null}, rev: 2}).output.roomManagementUrl,
    ).toBeNull();
  });

  it('fails for an identity that does not exist', () => {
    const error = errorOf(() =>
      setConfiguration(demo, {identity: 'site:DC1', values: {defaultChatHistory: 10}, rev: 1}),
    );
    expect(error.errorId).toBe('ConfigurationNotFound');
  });

  it('creates a collection from an -InMemory instance that was never stored', () => {
    const {state} = setConfiguration(demo, {
      identity: 'site:DC2',
      values: {defaultChatHistory: 50},
      rev: 3,
      fromInstance: true,
    });
    expect(getConfigurations(state, {identity: 'site:DC2'})[0]).toMatchObject({
      defaultChatHistory: 50,
      rev: 3,
    });
  });

  it('validates the values it changes', () => {
    expect(errorOf(() => setConfiguration(demo, {values: {defaultChatHistory: 1000}, rev: 1})).errorId).toBe(
      'OutOfRange',
    );
  });
});

describe('removeConfiguration', () => {
  it('deletes a site collection', () => {
    const {state, output} = removeConfiguration(withSite(), {identity: 'Site:DC1', rev: 3});
    expect(state.configurations.map((c) => c.identity)).toEqual(['Global']);
    expect(output).toEqual({removed: true, reset: false, identity: 'Site:DC1'});
  });

  it('resets Global to the defaults instead of deleting it', () => {
    const changed = setConfiguration(demo, {
      values: {defaultChatHistory: 100, roomManagementUrl: 'https://x.example.org'},
      rev: 1,
    }).state;
    const {state, output} = removeConfiguration(changed, {identity: 'global', rev: 2});
    expect(state.configurations).toEqual([{identity: 'Global', ...DEFAULTS, rev: 2}]);
    expect(output.reset).toBe(true);
  });

  it('fails for a collection that does not exist', () => {
    expect(errorOf(() => removeConfiguration(demo, {identity: 'site:DC1', rev: 1})).errorId).toBe(
      'ConfigurationNotFound',
    );
  });
});

describe('effectiveConfiguration', () => {
  it('prefers the pool collection, then the site one, then Global', () => {
    const site = withSite();
    const pool = newConfiguration(site, {
      identity: 'service:pc1.dc1.example.org',
      values: {participantUpdateLimit: 200},
      rev: 2,
    }).state;
    expect(effectiveConfiguration(demo, 'pc1.dc1.example.org').identity).toBe('Global');
    expect(effectiveConfiguration(site, 'pc1.dc1.example.org').identity).toBe('Site:DC1');
    expect(effectiveConfiguration(site, 'pc2.dc2.example.org').identity).toBe('Global');
    expect(effectiveConfiguration(pool, 'PC1.dc1.example.org').participantUpdateLimit).toBe(200);
  });
});
