import {describe, expect, it} from 'vitest';
import {onePoolDeployment, stateFrom} from '../helpers/demo.js';
import {runLines} from '../helpers/run-lines.js';

describe('UInt32 settings of Set-CsPersistentChatConfiguration', () => {
  it.each([
    ['4294967295', null],
    ['2147483648', null],
    ['0', null],
    ['4294967296', 'InvalidValue'],
    ['-1', 'InvalidValue'],
    ['12.5', 'InvalidValue'],
  ])('MaxFileSizeKB %s gives %s', async (value, errorId) => {
    const {runs, state} = await runLines(stateFrom(onePoolDeployment()), [
      `Set-CsPersistentChatConfiguration -Identity Global -MaxFileSizeKB ${value}`,
    ]);
    expect(runs[0]!.errors.map((e) => e.errorId)).toEqual(errorId ? [errorId] : []);
    const global = state.configurations.find((c) => c.identity === 'Global')!;
    expect(global.maxFileSizeKB).toBe(errorId ? 20000 : Number(value));
  });
});
