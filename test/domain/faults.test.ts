import {describe, expect, it} from 'vitest';
import {NO_FAULTS, addFault} from '../../src/domain/faults.js';
import {checkStep, procedureSteps} from '../../src/domain/procedures.js';
import type {ChatState, PersistentChatPool} from '../../src/domain/types.js';
import {DEMO_POOL, demoDeployment, stateFrom} from '../helpers/demo.js';

const demo = stateFrom(demoDeployment());
const pc1 = (state: ChatState): PersistentChatPool =>
  state.topology.persistentChatPools.find((p) => p.fqdn === DEMO_POOL)!;
const faultsOf = (...names: string[]) => names.reduce((f, n) => addFault(demo, f, n), NO_FAULTS);

/** Checks each step on the state the previous one left; the ids of each step's error and warnings. */
const walk = (state: ChatState, kind: 'failover' | 'failback', faults = NO_FAULTS) => {
  let current = state;
  return procedureSteps(pc1(state), kind, faults).map((step) => {
    const check = checkStep(current, step, faults);
    current = check.state;
    return {number: step.number, error: check.error?.errorId ?? null, message: check.error?.message ?? ''};
  });
};

describe('faults in a rehearsal', () => {
  it('resolves a data centre or a server of the topology, in any case, and refuses anything else', () => {
    expect(faultsOf('DC2', 'Chat5.dc2.example.org', 'sql1.dc1.example.org')).toEqual({
      servers: ['chat5.dc2.example.org', 'sql1.dc1.example.org'],
      dataCenters: ['dc2'],
    });
    expect(() => faultsOf('dc9')).toThrow(/neither a data centre/);
  });

  it('leaves a down server out of the proposed active set', () => {
    const steps = procedureSteps(pc1(demo), 'failover', faultsOf('chat5.dc2.example.org'));
    expect(steps.at(-1)?.action).toEqual({
      kind: 'activeServers',
      servers: ['chat6.dc2.example.org', 'chat7.dc2.example.org', 'chat8.dc2.example.org'],
    });
  });

  it('fails the failover at its first step when the backup data centre is down, naming the backup database', () => {
    const [first] = walk(demo, 'failover', faultsOf('dc2'));
    expect(first).toMatchObject({number: 1, error: 'TargetDown'});
    expect(first?.message).toContain('backup database sql1.dc2.example.org');
  });

  it('lets the failover through when the primary data centre is down, as in a real disaster', () => {
    expect(walk(demo, 'failover', faultsOf('dc1')).map((s) => s.error)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('fails the failback at the primary restore when the primary data centre is down', () => {
    let failedOver = demo;
    for (const step of procedureSteps(pc1(demo), 'failover')) failedOver = checkStep(failedOver, step).state;
    const steps = walk(failedOver, 'failback', faultsOf('dc1'));
    expect(steps.find((s) => s.error !== null)).toMatchObject({number: 4, error: 'TargetDown'});
  });

  it('fails a swap when every standby server is down', () => {
    const [swap] = procedureSteps(pc1(demo), 'swap');
    const active = pc1(demo).activeServers;
    const standbyDown = pc1(demo)
      .servers.map((s) => s.fqdn)
      .filter((f) => !active.includes(f))
      .reduce((f, n) => addFault(demo, f, n), NO_FAULTS);
    expect(checkStep(demo, swap!, standbyDown).error?.errorId).toBe('TargetDown');
    expect(checkStep(demo, swap!).error).toBeNull();
  });
});
