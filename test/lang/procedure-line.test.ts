import {describe, expect, it} from 'vitest';
import {catalog} from '../../src/cmdlets/catalog.js';
import {checkStep, procedureSteps, type ProcedureKind} from '../../src/domain/procedures.js';
import type {ChatState, PersistentChatPool} from '../../src/domain/types.js';
import {procedureLine} from '../../src/lang/procedure-line.js';
import {DEMO_POOL, demoDeployment, stateFrom} from '../helpers/demo.js';
import {runLines} from '../helpers/run-lines.js';

const demo = stateFrom(demoDeployment());
const ID = `service:PersistentChatServer:${DEMO_POOL}`;
const pc1 = (state: ChatState): PersistentChatPool =>
  state.topology.persistentChatPools.find((p) => p.fqdn === DEMO_POOL)!;
const chats = (ns: number[]): string[] => ns.map((n) => `chat${n}.${n <= 4 ? 'dc1' : 'dc2'}.example.org`);
const linesOf = (state: ChatState, kind: ProcedureKind): string[] =>
  procedureSteps(pc1(state), kind).map((step) => procedureLine(step, catalog));

describe('the lines of the failover and failback procedures', () => {
  it('writes the failover of pc1 as the documented lines, with dc2 chat5 to chat8 proposed', () => {
    expect(linesOf(demo, 'failover')).toEqual([
      `Set-PcDatabaseStep -Identity "${ID}" -Step "LogShippingRemoved"`,
      '',
      '',
      `Set-PcDatabaseStep -Identity "${ID}" -Step "BackupOnline"`,
      `Set-CsPersistentChatState -Identity "${ID}" -PoolState "FailedOver"`,
      `Set-PcDatabaseStep -Identity "${ID}" -Step "BackupMirrorInstalled"`,
      `Set-CsPersistentChatActiveServer -Identity "${ID}" -ActiveServers @{Replace="chat5.dc2.example.org","chat6.dc2.example.org","chat7.dc2.example.org","chat8.dc2.example.org"}`,
    ]);
  });

  it('writes the failback with $Null, the dc1 servers and the switch back to Normal', () => {
    const lines = linesOf(demo, 'failback');
    expect(lines[0]).toBe(`Set-CsPersistentChatActiveServer -Identity "${ID}" -ActiveServers $Null`);
    expect(lines.at(-1)).toBe(`Set-CsPersistentChatState -Identity "${ID}" -PoolState "Normal"`);
  });

  it('writes the swap as the -Swap switch', () => {
    expect(linesOf(demo, 'swap')).toEqual([`Set-CsPersistentChatActiveServer -Identity "${ID}" -Swap`]);
  });
});

describe('running a procedure line by line through the session', () => {
  // The acknowledgement steps run no line: the operator did their SQL work.
  const run = async (state: ChatState, kind: ProcedureKind) => {
    const steps = procedureSteps(pc1(state), kind).filter((s) => s.kind !== 'acknowledge');
    const predicted = [];
    let current = state;
    for (const step of steps) {
      const check = checkStep(current, step);
      predicted.push(check.warnings.map((w) => w.warningId));
      current = check.state;
    }
    const result = await runLines(
      state,
      steps.map((step) => procedureLine(step, catalog)),
    );
    return {steps, predicted, checked: current, ...result};
  };

  it('fails pc1 over to dc2 with no warnings, and the checks predict the end state', async () => {
    const {runs, state, predicted, checked, steps} = await run(demo, 'failover');
    expect(runs.flatMap((r) => [...r.errors, ...r.warnings])).toEqual([]);
    expect(predicted.flat()).toEqual([]);
    expect(runs.every((r) => r.committed)).toBe(true);
    const pool = pc1(state);
    expect(pool.poolState).toBe('FailedOver');
    expect(pool.activeServers).toEqual(chats([5, 6, 7, 8]));
    expect(pool.stores).toMatchObject({
      logShipping: false,
      backup: {online: true},
      backupMirror: {active: true},
    });
    expect(pc1(checked)).toEqual(pool);
    expect(steps.at(-1)?.action).toEqual({kind: 'activeServers', servers: chats([5, 6, 7, 8])});
  });

  it('fails pc1 back to dc1, warning only where the spec does, and returns to the starting pool', async () => {
    const {state: failedOver} = await run(demo, 'failover');
    const {runs, state, predicted, steps} = await run(failedOver, 'failback');
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
    // Spec 2.1 example 3: clearing the list is the first failback step and warns that no server is active.
    const warned = runs.map((r) => r.warnings.map((w) => w.warningId));
    expect(warned).toEqual([['NoActiveServers'], [], [], [], [], []]);
    expect(predicted).toEqual(warned);
    expect(steps.find((s) => s.number === 6)?.action).toEqual({
      kind: 'activeServers',
      servers: chats([1, 2, 3, 4]),
    });
    expect(pc1(state)).toEqual(pc1(demo));
  });
});
