// Guards on the cmdlet table entries of the policy, endpoint and directory cmdlets: help for
// every parameter, documented examples that the command language runs as written.

import {describe, expect, it} from 'vitest';
import {policyCmdlets} from '../../src/cmdlets/policy-cmdlets.js';
import {endpointCmdlets} from '../../src/cmdlets/endpoint-cmdlets.js';
import {principalCmdlets} from '../../src/cmdlets/principal-cmdlets.js';
import {findCmdlet} from '../../src/cmdlets/catalog.js';
import {runLines} from '../helpers/run-lines.js';
import {fixtureState, withPolicies} from '../domain/directory-fixture.js';

const ours = [...policyCmdlets, ...endpointCmdlets, ...principalCmdlets];
const binding = new Set([
  'ParserError',
  'CommandNotFound',
  'ParameterBindingError',
  'MissingParameter',
  'ParameterConflict',
  'InputObjectNotBound',
]);
const examples = ours.flatMap((c) => c.examples.map((e) => [c.name, e.code] as const));
const state = withPolicies(fixtureState({twoPools: true}), ['Tag:DC1UsersPersistentChatPolicy', true]);

describe('policy, endpoint and directory cmdlet table', () => {
  it('lists the ten cmdlets in the catalog', () => {
    expect(ours.map((c) => c.name)).toEqual([
      'Get-CsPersistentChatPolicy',
      'New-CsPersistentChatPolicy',
      'Set-CsPersistentChatPolicy',
      'Remove-CsPersistentChatPolicy',
      'Grant-CsPersistentChatPolicy',
      'Get-CsPersistentChatEndpoint',
      'New-CsPersistentChatEndpoint',
      'Remove-CsPersistentChatEndpoint',
      'Get-CsUser',
      'Get-CsAdPrincipal',
    ]);
    for (const cmdlet of ours) expect(findCmdlet(cmdlet.name)).toBe(cmdlet);
  });

  it.each(ours.map((c) => [c.name, c] as const))(
    '%s has a summary, examples and help for every parameter',
    (_name, cmdlet) => {
      expect(cmdlet.summary.length).toBeGreaterThan(10);
      expect(cmdlet.examples.length).toBeGreaterThan(0);
      for (const [name, param] of Object.entries(cmdlet.params))
        expect([name, param.help.length > 10]).toEqual([name, true]);
      for (const set of cmdlet.parameterSets ?? [])
        expect(Object.values(cmdlet.params).some((p) => p.sets?.includes(set))).toBe(true);
    },
  );

  it.each(examples)('%s example parses and binds: %s', async (_name, code) => {
    const {runs} = await runLines(state, [code], {yes: true});
    expect(runs[0]?.errors.filter((e) => binding.has(e.errorId))).toEqual([]);
  });
});
