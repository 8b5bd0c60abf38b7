import {describe, expect, it} from 'vitest';
import type {CmdletError} from '../../src/domain/errors.js';
import {formatTimeSpan, parseTimeSpan} from '../../src/domain/timespan.js';
import {
  activeServerWarnings,
  applicationContactsContainer,
  databaseInUse,
  defaultPool,
  domainDn,
  findServer,
  storeName,
} from '../../src/domain/topology.js';
import {demoDeployment, onePoolDeployment, stateFrom} from '../helpers/demo.js';

const demo = stateFrom(demoDeployment());
const pc1 = demo.topology.persistentChatPools[0]!;

describe('TimeSpan strings', () => {
  it.each<[string, number | null]>([
    ['00:15:00', 900],
    ['00:01:00', 60],
    ['1.00:00:00', 86400],
    ['30.00:00:00', 2592000],
    ['00:30', 1800],
    ['15', 15 * 86400],
    [' 00:10:00 ', 600],
    ['00:00:01.5', 1.5],
    ['-00:00:30', -30],
    ['24:00:00', null],
    ['00:60:00', null],
    ['ten minutes', null],
    ['', null],
    ['1:2:3:4', null],
  ])('reads %j as %s seconds', (text, seconds) => {
    expect(parseTimeSpan(text)).toBe(seconds);
  });

  it.each<[number, string]>([
    [900, '00:15:00'],
    [86400, '1.00:00:00'],
    [2592000, '30.00:00:00'],
    [90061, '1.01:01:01'],
    [0, '00:00:00'],
    [1.5, '00:00:01.5000000'],
    [-30, '-00:00:30'],
  ])('prints %s seconds as %j', (seconds, text) => {
    expect(formatTimeSpan(seconds)).toBe(text);
    expect(parseTimeSpan(text)).toBe(seconds);
  });
});

describe('topology questions', () => {
  it('names the database in use by pool state', () => {
    expect(databaseInUse(pc1)).toBe('primary');
    expect(databaseInUse({...pc1, poolState: 'FailedOver'})).toBe('backup');
    expect(storeName(pc1.stores.primary)).toBe('sql1.dc1.example.org\\rtc');
    expect(storeName(null)).toBeNull();
  });

  it('finds the pool of a server, case-insensitively', () => {
    expect(findServer(demo, 'CHAT5.dc2.example.org')?.pool.fqdn).toBe('pc1.dc1.example.org');
    expect(findServer(demo, 'pc2.dc2.example.org')?.pool.fqdn).toBe('pc2.dc2.example.org');
    expect(findServer(demo, 'fe1.dc1.example.org')).toBeUndefined();
  });

  it('defaults to the only pool, and otherwise needs one named', () => {
    expect(defaultPool(stateFrom(onePoolDeployment())).fqdn).toBe('pc1.dc1.example.org');
    expect(defaultPool(demo, 'PC2.dc2.example.org').fqdn).toBe('pc2.dc2.example.org');
    const codes = [() => defaultPool(demo), () => defaultPool(demo, 'pc9.example.org')].map((fn) => {
      try {
        fn();
        return null;
      } catch (error) {
        return (error as CmdletError).errorId;
      }
    });
    expect(codes).toEqual(['PoolRequired', 'PoolNotFound']);
  });

  it.each<[string, string[], string[]]>([
    ['no active server', [], ['NoActiveServers']],
    ['all active servers beside the primary', ['chat1.dc1.example.org'], []],
    [
      'a server in the other data centre',
      ['chat1.dc1.example.org', 'chat8.dc2.example.org'],
      ['ActiveServerFarFromDatabase'],
    ],
  ])('warns about %s', (_what, active, warnings) => {
    expect(activeServerWarnings(pc1, active).map((w) => w.warningId)).toEqual(warnings);
  });

  it('derives the directory domain and the endpoint container', () => {
    expect(domainDn(demo)).toBe('DC=example,DC=org');
    expect(
      domainDn({
        sipDomains: ['corp.example.net'],
        directory: {users: [], groups: [], contacts: [], organizationalUnits: [], containers: []},
      }),
    ).toBe('DC=corp,DC=example,DC=net');
    expect(applicationContactsContainer(demo)).toBe(
      'CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=org',
    );
  });
});
