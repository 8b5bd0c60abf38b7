import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {CmdletError} from '../../src/domain/errors.js';
import type {Prompt} from '../../src/lang/api.js';
import {expandedSize, MAX_VALUE_ITEMS} from '../../src/lang/value-size.js';
import {evaluateLine} from '../../src/lang/evaluate.js';
import type {ChatState} from '../../src/domain/types.js';
import {evalOptions, expectNoErrors, run} from './fake-catalog.js';

const identities = (output: readonly Value[]): unknown[] =>
  output.map((o) => (o as {Identity: string}).Identity);
const descriptionOf = (state: ChatState, identity: string) =>
  state.policies.find((p) => p.identity === identity)?.description;

describe('evaluateLine', () => {
  it('runs a cmdlet and returns its output, leaving the state object untouched', () => {
    const options = evalOptions();
    const result = evaluateLine('Get-FakePolicy', options);
    expectNoErrors(result);
    expect(identities(result.output)).toEqual(['Global', 'Tag:Sales', 'Tag:Ops']);
    expect(result.state).toBe(options.state);
    expect(result.cmdlets).toEqual(['Get-FakePolicy']);
    expect(result.line).toBe('Get-FakePolicy');
  });

  it('finds cmdlets whatever the case of their name', () => {
    expect(identities(run('get-fakepolicy global').output)).toEqual(['Global']);
  });

  it('applies a change and reports its target', () => {
    const options = evalOptions();
    const result = evaluateLine('Set-FakePolicy Tag:Sales -Description "new"', options);
    expectNoErrors(result);
    expect(result.state).not.toBe(options.state);
    expect(descriptionOf(result.state, 'Tag:Sales')).toBe('new');
    expect(result.state.policies.find((p) => p.identity === 'Tag:Sales')?.rev).toBe(8);
    expect(result.targets).toEqual(['Tag:Sales']);
    expect(options.state.policies[1]!.description).toBe('sales team');
  });

  it('combines the output of statements separated by semicolons, in order', () => {
    const result = run('Get-FakePolicy Global; Get-FakePolicy Tag:Ops');
    expect(identities(result.output)).toEqual(['Global', 'Tag:Ops']);
  });

  it('lets a later statement see the state an earlier one left', () => {
    const result = run('Set-FakePolicy Global -Description first; Get-FakePolicy Global');
    expect((result.output[0] as {Description: string}).Description).toBe('first');
  });

  it('goes on with the next statement after one fails', () => {
    const result = run('Get-FakePolicy Nope; Get-FakePolicy Global');
    expect(result.errors.map((e) => [e.cmdlet, e.errorId, e.target])).toEqual([
      ['Get-FakePolicy', 'PolicyNotFound', 'Nope'],
    ]);
    expect(identities(result.output)).toEqual(['Global']);
  });

  it('runs nothing when the line does not parse', () => {
    const options = evalOptions();
    const result = evaluateLine('Set-FakePolicy Global -Description x; Get-FakePolicy "oops', options);
    expect(result.errors).toEqual([
      {
        cmdlet: 'ParserError',
        errorId: 'ParserError',
        message: expect.stringContaining('At column 54') as string,
        target: null,
        parameter: null,
      },
    ]);
    expect(result.state).toBe(options.state);
    expect(result.cmdlets).toEqual([]);
  });

  it('suggests the closest name for an unknown command', () => {
    const result = run('Get-FakePolicies');
    expect(result.errors[0]).toMatchObject({cmdlet: 'Get-FakePolicies', errorId: 'CommandNotFound'});
    expect(result.errors[0]!.message).toMatch(
      /^The term 'Get-FakePolicies' is not recognized as a cmdlet.*Did you mean 'Get-FakePolicy'\?$/,
    );
  });

  it('checks every stage before running any of them', () => {
    const options = evalOptions();
    const result = evaluateLine('Set-FakePolicy Global -Description x | Remove-FakePolicy -Bogus', options);
    expect(result.errors.map((e) => e.errorId)).toEqual(['ParameterBindingError']);
    expect(result.state).toBe(options.state);
    expect(result.cmdlets).toEqual([]);
  });

  it('reports a missing mandatory parameter before running', () => {
    expect(run('Remove-FakePolicy').errors[0]).toMatchObject({
      errorId: 'MissingParameter',
      parameter: 'Identity',
    });
  });

  it('never throws for arguments of the wrong kind', () => {
    expect(run('Remove-FakePolicy @{a=1}').errors[0]).toMatchObject({
      errorId: 'InvalidValue',
      parameter: 'Identity',
    });
  });
});

describe('pipelines', () => {
  it('pipes strings into the parameter that takes pipeline values', () => {
    const result = run('"Tag:Sales", "Tag:Ops" | Remove-FakePolicy -Force');
    expectNoErrors(result);
    expect(result.state.policies.map((p) => p.identity)).toEqual(['Global']);
    expect(result.targets).toEqual(['Tag:Sales', 'Tag:Ops']);
  });

  it('pipes objects into an Instance parameter', () => {
    const result = run('Get-FakePolicy | Set-FakePolicy -EnablePersistentChat $false');
    expectNoErrors(result);
    expect(result.state.policies.every((p) => !p.enablePersistentChat)).toBe(true);
  });

  it('pipes objects property by property when there is no Instance parameter', () => {
    const result = run('Get-FakePolicy Tag:Sales | Remove-FakePolicy');
    expectNoErrors(result);
    expect(result.state.policies.map((p) => p.identity)).toEqual(['Global', 'Tag:Ops']);
  });

  it('binds an object to a parameter that takes only values by its Identity, as PowerShell converts it to text', () => {
    const result = run('Get-FakePolicy Tag:Sales | Clear-FakePolicy -Confirm:$false');
    expectNoErrors(result);
    expect(result.targets).toEqual(['Tag:Sales']);
  });

  it('goes on with the next object after one fails, and keeps the failure', () => {
    const result = run('"Tag:Sales", "Nope", "Tag:Ops" | Remove-FakePolicy -Force');
    expect(result.errors.map((e) => [e.errorId, e.target])).toEqual([['PolicyNotFound', 'Nope']]);
    expect(result.state.policies.map((p) => p.identity)).toEqual(['Global']);
  });

  it('undoes the changes of an invocation that fails after changing the state', () => {
    const options = evalOptions();
    const result = evaluateLine('Set-FakePolicy Global -Description late-boom', options);
    expect(result.errors.map((e) => e.errorId)).toEqual(['InvalidValue']);
    expect(result.state).toBe(options.state);
    expect(result.targets).toEqual([]);
  });

  it('reports an object that binds to no parameter', () => {
    const result = run('Get-FakePolicy Global | Get-FakePolicy');
    expect(result.errors[0]).toMatchObject({
      cmdlet: 'Get-FakePolicy',
      errorId: 'InputObjectNotBound',
      target: 'Global',
    });
  });

  it('does not run a downstream cmdlet when nothing reaches it', () => {
    const result = run('Get-FakePolicy -Filter {$_.Identity -eq "none"} | Remove-FakePolicy');
    expect(result.errors).toEqual([]);
    expect(result.cmdlets).toEqual(['Get-FakePolicy', 'Remove-FakePolicy']);
  });
});

describe('variables', () => {
  it('stores one item, several items as a list, and nothing as $null', () => {
    const variables = new Map<string, Value>();
    expectNoErrors(
      run(
        '$one = Get-FakePolicy Global; $all = Get-FakePolicy; $none = Get-FakePolicy -Filter {$_.Rev -gt 5}',
        {variables},
      ),
    );
    expect((variables.get('one') as {Identity: string}).Identity).toBe('Global');
    expect(variables.get('all')).toHaveLength(3);
    expect(variables.get('none')).toBeNull();
  });

  it('uses a variable as an argument, a property of it, and as pipeline input', () => {
    const variables = new Map<string, Value>();
    const result = run('$p = Get-FakePolicy Tag:Sales; Get-FakePolicy $p.Identity; $P | Remove-FakePolicy', {
      variables,
    });
    expectNoErrors(result);
    expect(identities(result.output)).toEqual(['Tag:Sales']);
    expect(result.state.policies.map((p) => p.identity)).toEqual(['Global', 'Tag:Ops']);
  });

  it('binds an object variable given to a string parameter by its Identity', () => {
    const variables = new Map<string, Value>();
    expect(
      identities(run('$p = Get-FakePolicy Tag:Ops; Get-FakePolicy -Identity $p', {variables}).output),
    ).toEqual(['Tag:Ops']);
  });

  it('reads an undefined variable as $null and outputs nothing for it', () => {
    const result = run('$nothing');
    expect(result.output).toEqual([]);
    expect(run('Test-Bind -Note $undefined').output).toEqual([{Set: 'Identity', Args: {Note: null}}]);
  });

  it('outputs the value of a plain expression', () => {
    expect(run('"a", 2, $true').output).toEqual(['a', 2, true]);
  });

  it('leaves a variable as it was when its pipeline cannot start', () => {
    const variables = new Map<string, Value>([['x', 'kept']]);
    run('$x = Get-Nothing', {variables});
    expect(variables.get('x')).toBe('kept');
  });

  it('reads a variable in any case, and keeps one entry per name', () => {
    const variables = new Map<string, Value>();
    const result = run('$Room = "a"; $ROOM = "b"; $room', {variables});
    expect(result.output).toEqual(['b']);
    expect([...variables.keys()]).toEqual(['room']);
  });

  // 40,000 assignments in one script took 11 s when each one scanned every variable: reading and
  // assigning must never walk the table.
  it('reads and assigns without walking the table of variables', () => {
    class NoWalk extends Map<string, Value> {
      override keys(): MapIterator<string> {
        throw new Error('walked the variables');
      }
      override entries(): MapIterator<[string, Value]> {
        throw new Error('walked the variables');
      }
      override [Symbol.iterator](): MapIterator<[string, Value]> {
        throw new Error('walked the variables');
      }
    }
    const variables = new NoWalk();
    for (let i = 0; i < 40_000; i += 1) run(`$v${i} = ${i}`, {variables});
    const result = run('$V39999; $v0; $v0 = "again"; $V0', {variables});
    expectNoErrors(result);
    expect(result.output).toEqual([39999, 0, 'again']);
    expect(variables.size).toBe(40_000);
  });
});

describe('-WhatIf and -Confirm', () => {
  it('-WhatIf records what would happen and changes nothing', () => {
    const options = evalOptions();
    const result = evaluateLine('Get-FakePolicy | Clear-FakePolicy -WhatIf', options);
    expectNoErrors(result);
    expect(result.whatIf).toEqual([
      'What if: Performing the operation "Clear" on target "Global".',
      'What if: Performing the operation "Clear" on target "Tag:Sales".',
      'What if: Performing the operation "Clear" on target "Tag:Ops".',
    ]);
    expect(result.state).toBe(options.state);
    expect(result.effects).toEqual([]);
    expect(result.prompts).toEqual([]);
  });

  it('-WhatIf:$false acts normally', () => {
    expect(run('Set-FakePolicy Global -Description x -WhatIf:$false').targets).toEqual(['Global']);
  });

  it('a High impact cmdlet asks for each object, and No skips that object', () => {
    const asked: Prompt[] = [];
    const result = run('"Global", "Tag:Sales" | Clear-FakePolicy', {
      confirm: (prompt) => {
        asked.push(prompt);
        return prompt.target === 'Tag:Sales';
      },
    });
    expectNoErrors(result);
    expect(asked.map((p) => [p.cmdlet, p.target, p.message])).toEqual([
      ['Clear-FakePolicy', 'Global', 'Performing the operation "Clear" on target "Global".'],
      ['Clear-FakePolicy', 'Tag:Sales', 'Performing the operation "Clear" on target "Tag:Sales".'],
    ]);
    expect(result.prompts).toEqual(asked);
    expect(result.targets).toEqual(['Tag:Sales']);
    expect(result.effects).toEqual([{kind: 'backup', reason: 'clear Tag:Sales'}]);
  });

  it('-Confirm:$false suppresses the prompt of a High impact cmdlet', () => {
    const result = run('Clear-FakePolicy Global -Confirm:$false', {confirm: () => false});
    expect(result.prompts).toEqual([]);
    expect(result.targets).toEqual(['Global']);
  });

  it('-Confirm asks even for a Medium impact cmdlet', () => {
    const result = run('Set-FakePolicy Global -Description x -Confirm', {confirm: () => false});
    expect(result.prompts.map((p) => p.target)).toEqual(['Global']);
    expect(result.targets).toEqual([]);
  });

  it('a Medium impact cmdlet without -Confirm does not ask', () => {
    expect(run('Set-FakePolicy Global -Description x', {confirm: () => false}).prompts).toEqual([]);
  });

  it('gives prompts stable ids that tell repeated prompts apart', () => {
    const ids = (line: string) => run(line).prompts.map((p) => p.id);
    const first = ids('Clear-FakePolicy Global; Clear-FakePolicy Global');
    expect(first).toHaveLength(2);
    expect(new Set(first).size).toBe(2);
    expect(ids('Clear-FakePolicy Global; Clear-FakePolicy Global')).toEqual(first);
  });

  it('fails the invocation when the confirmer refuses to answer', () => {
    const options = evalOptions({
      confirm: (prompt) => {
        throw new CmdletError('ConfirmationRequired', `${prompt.message} No terminal.`, {
          target: prompt.target,
        });
      },
    });
    const result = evaluateLine('"Global", "Tag:Ops" | Clear-FakePolicy', options);
    expect(result.errors.map((e) => [e.cmdlet, e.errorId, e.target])).toEqual([
      ['Clear-FakePolicy', 'ConfirmationRequired', 'Global'],
      ['Clear-FakePolicy', 'ConfirmationRequired', 'Tag:Ops'],
    ]);
    expect(result.state).toBe(options.state);
  });

  it('shouldContinue asks unless -Confirm:$false, and the cmdlet decides about -Force', () => {
    expect(run('Remove-FakePolicy Tag:Ops', {confirm: () => false}).errors[0]).toMatchObject({
      errorId: 'PolicyInUse',
    });
    const asked = run('Remove-FakePolicy Tag:Ops', {confirm: () => true});
    expect(asked.prompts.map((p) => p.message)).toEqual(['The policy Tag:Ops is in use. Remove it anyway?']);
    expect(asked.targets).toEqual(['Tag:Ops']);
    expect(run('Remove-FakePolicy Tag:Ops -Confirm:$false', {confirm: () => false}).targets).toEqual([
      'Tag:Ops',
    ]);
    expect(run('Remove-FakePolicy Tag:Ops -Force', {confirm: () => false}).prompts).toEqual([]);
  });
});

describe('access', () => {
  it('refuses a changing cmdlet in a read-only session before it runs', () => {
    const options = evalOptions({readOnly: true});
    const result = evaluateLine('Set-FakePolicy Global -Description x', options);
    expect(result.errors[0]).toMatchObject({cmdlet: 'Set-FakePolicy', errorId: 'AccessDenied'});
    expect(result.errors[0]!.message).toContain('read-only session');
    expect(result.state).toBe(options.state);
  });

  it('lets a read-only session read', () => {
    expectNoErrors(run('Get-FakePolicy | Where-Object {$_.Rev -eq 1}', {readOnly: true}));
  });

  it.each([
    [['CsViewOnlyAdministrator'], 'Remove-FakePolicy Global', 'AccessDenied'],
    [['CsHelpDesk'], 'Set-FakePolicy Global -Description x', 'AccessDenied'],
    [['CsUserAdministrator'], 'Clear-FakePolicy Global', 'AccessDenied'],
    [[], 'Get-FakePolicy', 'AccessDenied'],
  ] as const)('refuses %j running %s', (roles, line, errorId) => {
    const options = evalOptions({roles});
    const result = evaluateLine(line, options);
    expect(result.errors.map((e) => e.errorId)).toEqual([errorId]);
    expect(result.state).toBe(options.state);
  });

  it('checks access before binding, so a denied cmdlet reveals nothing about its arguments', () => {
    expect(run('Remove-FakePolicy -Bogus', {roles: ['CsViewOnlyAdministrator']}).errors[0]!.errorId).toBe(
      'AccessDenied',
    );
  });
});

describe('the bound on the values one line builds', () => {
  // Twenty-seven doublings in a 334-byte line used to end in a fatal out-of-memory crash.
  it('refuses the doubling that would expand past a million items, naming the limit', () => {
    const variables = new Map<string, Value>();
    const doubling = Array.from({length: 27}, () => '$a = $a,$a').join('; ');
    const result = run(`$a = 1; ${doubling}; $a.Count`, {variables});
    expect(result.errors.map((e) => e.errorId)).toEqual(Array.from({length: 27 - 18}, () => 'LimitExceeded'));
    expect(result.errors[0]!.message).toContain('the limit is 1,000,000');
    expect(expandedSize(variables.get('a')!)).toBeLessThanOrEqual(MAX_VALUE_ITEMS);
    expect(result.output).toEqual([2]);
  });

  it('counts hashtables and shared parts as often as they are written out', () => {
    const variables = new Map<string, Value>();
    run('$h = @{a = 1; b = 2}; $g = @{x = $h; y = $h}', {variables});
    expect(expandedSize(variables.get('g')!)).toBe(1 + 3 + 3);
  });
});

describe('expandable strings', () => {
  const out = (line: string, variables = new Map<string, Value>()) => {
    const result = run(line, {variables});
    expectNoErrors(result);
    return result.output;
  };

  it.each([
    ['a variable', '$n = "It"; "room $n here"', ['room It here']],
    ['a braced name', '$n = "It"; "${n}Room"', ['ItRoom']],
    ['a name stops at a dot, as in PowerShell', '$n = "It"; "$n.Name"', ['It.Name']],
    ['a subexpression with a member', '$p = Get-FakePolicy Tag:Ops; "id: $($p.Identity)"', ['id: Tag:Ops']],
    ['$null as nothing', '"[$nothing]"', ['[]']],
    ['a list joined with spaces', '$l = "a","b"; "<$l>"', ['<a b>']],
    ['a number', '$x = 42; "x=$x"', ['x=42']],
    ['an escaped dollar', '$n = "It"; "cost `$n"', ['cost $n']],
    ['a lone dollar', '"$ 5 and $"', ['$ 5 and $']],
    ['single quotes, literally', "$n = 'It'; 'room $n'", ['room $n']],
    ['a quoted string inside a subexpression', '"<$("in")>"', ['<in>']],
  ])('expands %s', (_name, line, expected) => {
    expect(out(line)).toEqual(expected);
  });

  it('expands inside a filter block, so -like sees the value', () => {
    expect(identities(out('$n = "Tag"; Get-FakePolicy | Where-Object {$_.Identity -like "$n*"}'))).toEqual([
      'Tag:Sales',
      'Tag:Ops',
    ]);
  });

  it('expands in an argument', () => {
    expect(
      out('$id = "Ops"; Get-FakePolicy -Identity "Tag:$id"').map((o) => (o as {Identity: string}).Identity),
    ).toEqual(['Tag:Ops']);
  });

  it('reads here-strings: expandable with @" "@, literal with @\' \'@', () => {
    expect(out('$n = "It"\n$t = @"\nfirst "$n"\n  second `$n\n"@\n$t')).toEqual(['first "It"\n  second $n']);
    expect(out("$t = @'\nno $n here\n'@\n$t")).toEqual(['no $n here']);
  });

  it('reports an unclosed subexpression or here-string as a parser error with its column', () => {
    expect(run('"a $(b"').errors[0]).toMatchObject({errorId: 'ParserError'});
    expect(run('"a $(1 +)"').errors[0]?.message).toMatch(
      /column 9: in the string's \$\( \): expected a value/,
    );
    expect(run('@"\nnever closed').errors[0]?.message).toMatch(/here-string .* missing its closing "@/);
  });
});

describe('a pipeline in parentheses as a value', () => {
  const out = (line: string) => {
    const result = run(line, {variables: new Map<string, Value>()});
    expectNoErrors(result);
    return result.output;
  };

  it.each([
    ['counts the output', '(Get-FakePolicy).Count', [3]],
    ['counts one item as one', '(Get-FakePolicy Global).Count', [1]],
    ['reads a member of every item', '(Get-FakePolicy).Identity', ['Global', 'Tag:Sales', 'Tag:Ops']],
    ['reads a member of one item', '(Get-FakePolicy Tag:Ops).Identity', ['Tag:Ops']],
    ['gives an argument', 'Get-FakePolicy -Identity (Get-FakePolicy Tag:Ops).Identity', null],
    ['counts a value in parentheses', '("a","b").Count', [2]],
    ['counts nothing as zero', '(Get-FakePolicy -Filter {$_.Rev -gt 5}).Count', [0]],
  ])('%s', (_name, line, expected) => {
    const output = out(line);
    if (expected === null) expect(identities(output)).toEqual(['Tag:Ops']);
    else expect(output).toEqual(expected);
  });

  it('filters with the output of another pipeline', () => {
    expect(
      identities(
        out(
          'Get-FakePolicy | Where-Object {$_.Identity -in (Get-FakePolicy -Filter {$_.Identity -like "Tag:*"}).Identity}',
        ),
      ),
    ).toEqual(['Tag:Sales', 'Tag:Ops']);
  });

  it('stops the statement when the inner pipeline cannot start, with the inner error once', () => {
    const result = run('Get-FakePolicy -Identity (Get-Nothing).Identity; "after"');
    expect(result.errors.map((e) => e.errorId)).toEqual(['CommandNotFound']);
    expect(result.output).toEqual(['after']);
    const filtered = run('Get-FakePolicy | Where-Object {$_.Identity -in (Get-Nothing).Identity}');
    expect(filtered.errors.map((e) => e.errorId)).toEqual(['CommandNotFound']);
    expect(filtered.output).toEqual([]);
  });
});
