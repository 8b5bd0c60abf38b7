import {describe, expect, it} from 'vitest';
import type {CmdletContext, CmdletSpec} from '../../src/cmdlets/types.js';
import {evaluateLine} from '../../src/lang/evaluate.js';
import {evalOptions, expectNoErrors, testBind} from './fake-catalog.js';

/** Test-Bind that keeps every context it runs with. */
function capturing(): {catalog: CmdletSpec[]; contexts: CmdletContext[]} {
  const contexts: CmdletContext[] = [];
  const cmdlet: CmdletSpec = {
    ...testBind,
    run(ctx, args, set) {
      contexts.push(ctx);
      testBind.run(ctx, args, set);
    },
  };
  return {catalog: [cmdlet], contexts};
}

describe("an invocation's context", () => {
  // Every invocation of every line gets a context: in a fresh process, making its twenty-odd
  // functions for each one cost a cold line more than most cmdlets' own work.
  it("shares its functions with every other invocation's", () => {
    const {catalog, contexts} = capturing();
    for (const line of ['Test-Bind a', "'b', 'c' | Test-Bind"])
      expectNoErrors(evaluateLine(line, {...evalOptions(), catalog}));
    expect(contexts).toHaveLength(3);
    const [first, ...others] = contexts;
    for (const other of others)
      for (const name of ['write', 'warn', 'shouldProcess', 'shouldContinue', 'setState', 'effect'] as const)
        expect(other[name]).toBe(first![name]);
  });

  it('gives the line state, revision, clock and operator it runs with', () => {
    const {catalog, contexts} = capturing();
    const options = {...evalOptions(), catalog};
    const result = evaluateLine('Test-Bind a', options);
    expect(result.output).toEqual([{Set: 'Identity', Args: {Identity: 'a'}}]);
    const [ctx] = contexts;
    expect(ctx!.state).toBe(options.state);
    expect(ctx!.nextRevision).toBe(options.state.revision + 1);
    expect(ctx!.now).toBe(options.now);
    expect(ctx!.operator).toBe(options.operator);
    expect(ctx!.roles).toBe(options.roles);
    expect(ctx!.ports).toBe(options.ports);
    expect(ctx!.catalog).toBe(catalog);
    expect(ctx!.newId()).toBe('id-1');
  });
});
