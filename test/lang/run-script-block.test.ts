import {describe, expect, it} from 'vitest';
import {newLineEnv} from '../../src/lang/context.js';
import {commandsFor} from '../../src/lang/evaluate.js';
import {runNested} from '../../src/lang/run-statements.js';
import {runScriptBlock} from '../../src/lang/run-script-block.js';
import {evalOptions, fakeCatalog} from './fake-catalog.js';

const lineEnv = (variables = new Map()) => {
  const env = newLineEnv(evalOptions({variables}), commandsFor(fakeCatalog));
  env.runNested = (body) => runNested(env, body);
  return env;
};

const block = (text: string) => ({kind: 'scriptblock', text}) as const;

describe('runScriptBlock', () => {
  it('runs the statements of a block with $_ as the item', () => {
    expect(runScriptBlock(lineEnv(), block('$_ * 2; "item $_"'), 21)).toEqual([42, 'item 21']);
  });

  it("sees and assigns the script's variables", () => {
    const variables = new Map([['total', 1]]);
    const env = lineEnv(variables);
    for (const item of [2, 3]) runScriptBlock(env, block('$total = $total + $_'), item);
    expect(variables.get('total')).toBe(6);
  });

  it('runs cmdlets against the line, and restores $_ afterwards', () => {
    const env = lineEnv();
    const output = runScriptBlock(
      env,
      block('Get-FakePolicy $_ | Select-Object -ExpandProperty Identity'),
      'Global',
    );
    expect(output).toEqual(['Global']);
    expect(env.current).toBeUndefined();
  });

  it('refuses a block that does not parse with InvalidValue', () => {
    expect(() => runScriptBlock(lineEnv(), block('1 +'), null)).toThrow(/is not valid: At column 4/);
  });
});
