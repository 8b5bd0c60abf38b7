import {describe, expect, it} from 'vitest';
import {activeServerWarnings, isFarFromDatabase, serverDataCenter} from '../../src/domain/topology.js';
import type {PersistentChatPool} from '../../src/domain/types.js';
import {demoDeployment, stateFrom} from '../helpers/demo.js';

const pc1 = stateFrom(demoDeployment()).topology.persistentChatPools[0]!;
const failedOver: PersistentChatPool = {...pc1, poolState: 'FailedOver'};
const linked: PersistentChatPool = {...pc1, lowLatencyLink: true};
// Failback step 4 done: the pool still runs on the backup, and step 6 picks servers for the primary.
const primaryRestored: PersistentChatPool = {
  ...failedOver,
  stores: {...pc1.stores, primary: {...pc1.stores.primary, restored: true}},
};

describe('the proximity rule (topology spec 1.3, rule 9)', () => {
  it.each<[string, PersistentChatPool, string, boolean]>([
    ['a dc1 server while the dc1 primary is in use', pc1, 'chat1.dc1.example.org', false],
    ['a dc2 server while the dc1 primary is in use', pc1, 'chat5.dc2.example.org', true],
    ['a dc2 server after failing over to the dc2 backup', failedOver, 'chat5.dc2.example.org', false],
    ['a dc1 server after failing over to the dc2 backup', failedOver, 'CHAT1.DC1.EXAMPLE.ORG', true],
    ['a dc2 server when the pool has a low-latency link', linked, 'chat5.dc2.example.org', false],
    [
      'a dc1 server once failback has restored the dc1 primary',
      primaryRestored,
      'chat1.dc1.example.org',
      false,
    ],
    [
      'a dc2 server once failback has restored the dc1 primary',
      primaryRestored,
      'chat5.dc2.example.org',
      true,
    ],
    ['a server the pool does not have', pc1, 'elsewhere.example.org', false],
  ])('%s: far is %s', (_case, pool, fqdn, far) => {
    expect(isFarFromDatabase(pool, fqdn)).toBe(far);
  });

  it('is the rule the active-list warning applies', () => {
    for (const pool of [pc1, failedOver, linked, primaryRestored]) {
      const far = pool.servers.map((s) => s.fqdn).filter((fqdn) => isFarFromDatabase(pool, fqdn));
      const warning = activeServerWarnings(
        pool,
        pool.servers.map((s) => s.fqdn),
      ).find((w) => w.warningId === 'ActiveServerFarFromDatabase');
      expect(warning === undefined).toBe(far.length === 0);
      for (const fqdn of far) expect(warning?.message).toContain(fqdn);
    }
  });

  it('finds a server data centre whatever the case of the name', () => {
    expect(serverDataCenter(pc1, 'Chat5.DC2.example.org')).toBe('dc2');
    expect(serverDataCenter(pc1, 'nowhere.example.org')).toBeNull();
  });
});
