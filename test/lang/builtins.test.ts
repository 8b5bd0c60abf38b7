import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import {builtinCommands} from '../../src/lang/builtins/index.js';
import {evaluateLine} from '../../src/lang/evaluate.js';
import {evalOptions, expectNoErrors, run} from './fake-catalog.js';

const ids = (line: string, variables?: Map<string, Value>): unknown[] => {
  const result = run(line, variables ? {variables} : {});
  expectNoErrors(result);
  return result.output.map((o) => (o as {Identity: string}).Identity);
};

describe('Where-Object', () => {
  it.each([
    ['-eq on text without case', '{$_.Identity -eq "global"}', ['Global']],
    ['-ne', '{$_.Identity -ne "Global"}', ['Tag:Sales', 'Tag:Ops']],
    ['-eq $False', '{$_.EnablePersistentChat -eq $False}', ['Tag:Ops']],
    ['-eq $Null', '{$_.Description -eq $Null}', ['Global']],
    ['-ne $Null', '{$_.Description -ne $null}', ['Tag:Sales', 'Tag:Ops']],
    ['numbers', '{$_.Rev -ge 1}', ['Global', 'Tag:Sales', 'Tag:Ops']],
    ['-like', '{$_.Identity -like "tag:*"}', ['Tag:Sales', 'Tag:Ops']],
    ['-notlike', '{$_.Identity -notlike "tag:*"}', ['Global']],
    ['-match', '{$_.Identity -match "^tag:s"}', ['Tag:Sales']],
    ['-notmatch', '{$_.Identity -notmatch "s$"}', ['Global']],
    ['-contains on a list property', '{$_.Tags -contains "OPS"}', ['Tag:Ops']],
    ['-notcontains', '{$_.Tags -notcontains "tag"}', ['Global']],
    ['-in', '{$_.Identity -in "Global","Tag:Ops"}', ['Global', 'Tag:Ops']],
    ['-and', '{$_.Identity -like "Tag:*" -and $_.EnablePersistentChat}', ['Tag:Sales']],
    ['-or', '{$_.Identity -eq "Global" -or $_.Identity -eq "Tag:Ops"}', ['Global', 'Tag:Ops']],
    ['-not', '{-not $_.EnablePersistentChat}', ['Tag:Ops']],
    ['!', '{!($_.Identity -eq "Global")}', ['Tag:Sales', 'Tag:Ops']],
    ['a property of a property', '{$_.Identity.Length -eq 6}', ['Global']],
    ['.Count of a list', '{$_.Tags.Count -eq 2}', ['Tag:Sales', 'Tag:Ops']],
    ['a missing property as $null', '{$_.Nothing -eq $null}', ['Global', 'Tag:Sales', 'Tag:Ops']],
    ['property names without case', '{$_.identity -eq "Global"}', ['Global']],
    ['an empty block', '{}', []],
  ])('filters with %s', (_name, block, expected) => {
    expect(ids(`Get-FakePolicy | Where-Object ${block}`)).toEqual(expected);
  });

  it('supports the comparison form and the where alias', () => {
    expect(ids('Get-FakePolicy | Where-Object Identity -eq Global')).toEqual(['Global']);
    expect(ids('Get-FakePolicy | where Identity -like *Sales')).toEqual(['Tag:Sales']);
    expect(ids('Get-FakePolicy | Where-Object Description')).toEqual(['Tag:Sales', 'Tag:Ops']);
    expect(ids('Get-FakePolicy | ? -Not Description')).toEqual(['Global']);
  });

  it('filters strings with $_ itself', () => {
    expect(run('"alpha","beta","gamma" | Where-Object {$_ -like "*a"}').output).toEqual([
      'alpha',
      'beta',
      'gamma',
    ]);
    expect(run('"alpha","beta" | Where-Object {$_.Length -gt 4}').output).toEqual(['alpha']);
  });

  it('reads variables inside the block', () => {
    const variables = new Map<string, Value>([['wanted', 'Tag:Ops']]);
    expect(ids('Get-FakePolicy | Where-Object {$_.Identity -eq $wanted}', variables)).toEqual(['Tag:Ops']);
  });

  it('refuses two comparison operators', () => {
    expect(run('Get-FakePolicy | Where-Object Identity -eq -like x').errors[0]).toMatchObject({
      cmdlet: 'Where-Object',
      errorId: 'ParameterConflict',
    });
  });

  it('runs a nested repetition, and reports an unsupported pattern once and outputs nothing', () => {
    expect(ids('Get-FakePolicy | Where-Object {$_.Identity -match "(o+)+ps$"}')).toEqual(['Tag:Ops']);
    const result = run('Get-FakePolicy | Where-Object {$_.Identity -match "(a)\\1"}');
    expect(result.errors.map((e) => e.errorId)).toEqual(['InvalidValue']);
    expect(result.output).toEqual([]);
  });

  it('feeds the filtered objects to the next cmdlet', () => {
    const result = run(
      'Get-FakePolicy | Where-Object {$_.Identity -like "Tag:*"} | Remove-FakePolicy -Force',
    );
    expect(result.state.policies.map((p) => p.identity)).toEqual(['Global']);
  });
});

describe('-Filter blocks given to cmdlets', () => {
  it('evaluates a block with bare property names', () => {
    expect(ids('Get-FakePolicy -Filter {Description -eq "sales team"}')).toEqual(['Tag:Sales']);
  });

  it('evaluates a filter string', () => {
    expect(ids('Get-FakePolicy -Filter "Identity -like \'*ops\'"')).toEqual(['Tag:Ops']);
  });

  it('reports a filter string that does not parse as InvalidValue on -Filter', () => {
    expect(run('Get-FakePolicy -Filter "Identity -bogus 1"').errors[0]).toMatchObject({
      errorId: 'InvalidValue',
      parameter: 'Filter',
    });
  });
});

describe('Select-Object', () => {
  it('keeps the named properties in the given order and spelling', () => {
    expect(run('Get-FakePolicy Global | Select-Object rev,Identity,Missing').output).toEqual([
      {rev: 1, Identity: 'Global', Missing: null},
    ]);
  });

  it('expands wildcards in property names', () => {
    expect(run('Get-FakePolicy Global | Select-Object -Property Ident*,*Chat').output).toEqual([
      {Identity: 'Global', EnablePersistentChat: true},
    ]);
  });

  it.each([
    ['-First 2', ['Global', 'Tag:Sales']],
    ['-First 0', []],
    ['-Last 1', ['Tag:Ops']],
    ['-Skip 1', ['Tag:Sales', 'Tag:Ops']],
    ['-Skip 1 -First 1', ['Tag:Sales']],
    ['-First 1 -Last 1', ['Global', 'Tag:Ops']],
    ['-First 5', ['Global', 'Tag:Sales', 'Tag:Ops']],
  ])('picks objects with %s', (args, expected) => {
    expect(ids(`Get-FakePolicy | Select-Object ${args}`)).toEqual(expected);
  });

  it('expands a property into its values', () => {
    expect(run('Get-FakePolicy | Select-Object -ExpandProperty Identity').output).toEqual([
      'Global',
      'Tag:Sales',
      'Tag:Ops',
    ]);
    expect(run('Get-FakePolicy Tag:Ops | Select-Object -ExpandProperty Tags').output).toEqual(['tag', 'ops']);
  });

  it('reports a property that cannot be expanded', () => {
    expect(run('Get-FakePolicy Global | Select-Object -ExpandProperty Nope').errors[0]).toMatchObject({
      cmdlet: 'Select-Object',
      errorId: 'ExpandPropertyNotFound',
    });
  });

  it('refuses a negative count', () => {
    expect(run('Get-FakePolicy | Select-Object -First -1').errors[0]).toMatchObject({
      errorId: 'OutOfRange',
      parameter: 'First',
    });
  });
});

describe('Get-Help', () => {
  const help = (line: string): string => {
    const result = run(line);
    expectNoErrors(result);
    return result.output[0] as string;
  };

  it('shows name, synopsis, syntax per set and remarks by default', () => {
    const text = help('Get-Help Set-FakePolicy');
    expect(text).toContain('NAME\n    Set-FakePolicy');
    expect(text).toContain('SYNOPSIS\n    Changes a fake policy.');
    expect(text).toContain(
      'Set-FakePolicy [[-Identity] <String>] [-Description <String>] [-EnablePersistentChat <Boolean>] [-WhatIf] [-Confirm] [<CommonParameters>]',
    );
    expect(text).toContain('Set-FakePolicy -Instance <PSObject> [-Description <String>]');
    expect(text).toContain('Get-Help Set-FakePolicy -Examples');
    expect(text).not.toContain('PARAMETERS');
  });

  it('shows the examples with -Examples, also for builtins', () => {
    const text = help('get-help where-object -ex');
    expect(text).toContain('EXAMPLES');
    expect(text).toContain('PS C:\\> Get-CsPersistentChatCategory | Where-Object {$_.Invites -eq $False}');
    expect(text).not.toContain('SYNTAX');
  });

  it('describes every parameter with -Detailed, and their details with -Full', () => {
    expect(help('Get-Help Test-Bind -Detailed')).toContain('-Count <Int32>\n        A bounded number.');
    const full = help('Get-Help Test-Bind -Full');
    expect(full).toMatch(/Range\s+0 - 100/);
    expect(full).toMatch(/Accepted values\s+Normal, Auditorium/);
    expect(full).toMatch(/Accept pipeline input\?\s+true \(ByValue, ByPropertyName\)/);
  });

  it('lists the commands matching a wildcard', () => {
    expect(help('Get-Help *Fake*').split('\n')).toEqual([
      'Name               Synopsis',
      '----               --------',
      'Clear-FakePolicy   Clears a fake policy (high impact).',
      'Get-FakePolicy     Returns fake policies.',
      'Remove-FakePolicy  Removes a fake policy.',
      'Set-FakePolicy     Changes a fake policy.',
    ]);
  });

  it('gives an overview without a name', () => {
    expect(help('Get-Help')).toContain('Get-Command *PersistentChat*');
  });

  it('refuses two views at once', () => {
    expect(run('Get-Help Get-FakePolicy -Examples -Full').errors[0]!.errorId).toBe('ParameterConflict');
  });

  it('suggests a close name when there is no help', () => {
    const result = run('Get-Help Get-FakePolcy');
    expect(result.errors[0]).toMatchObject({errorId: 'HelpNotFound'});
    expect(result.errors[0]!.message).toContain("Did you mean 'Get-FakePolicy'?");
  });
});

describe('Get-Command', () => {
  it('lists matching commands as objects', () => {
    expect(run('Get-Command *Fake*').output).toEqual(
      ['Clear-FakePolicy', 'Get-FakePolicy', 'Remove-FakePolicy', 'Set-FakePolicy'].map((Name) => ({
        CommandType: 'Cmdlet',
        Name,
        Source: 'pchat',
      })),
    );
  });

  it('lists every command, builtins included, without a pattern', () => {
    const names = run('Get-Command').output.map((o) => (o as {Name: string}).Name);
    expect(names).toEqual(expect.arrayContaining([...builtinCommands.map((b) => b.name), 'Test-Bind']));
  });

  it('filters by verb and noun', () => {
    expect(run('Get-Command -Verb Remove').output).toEqual([
      {CommandType: 'Cmdlet', Name: 'Remove-FakePolicy', Source: 'pchat'},
    ]);
    expect(run('Get-Command -Noun *Object').output.map((o) => (o as {Name: string}).Name)).toEqual([
      'ForEach-Object',
      'Group-Object',
      'Measure-Object',
      'Select-Object',
      'Sort-Object',
      'Where-Object',
    ]);
  });

  it('reports a name that is not a command', () => {
    expect(run('Get-Command Get-FakePolicys').errors[0]).toMatchObject({errorId: 'CommandNotFound'});
  });

  it.each([
    ['%', 'ForEach-Object'],
    ['?', 'Where-Object'],
    ['ft', 'Format-Table'],
    ['fl', 'Format-List'],
    ['select', 'Select-Object'],
    ['sort', 'Sort-Object'],
    ['where', 'Where-Object'],
    ['foreach', 'ForEach-Object'],
    ['measure', 'Measure-Object'],
    ['group', 'Group-Object'],
  ])('lists the alias %s with the command it stands for', (alias, command) => {
    const result = run(`Get-Command '${alias}'`);
    expect(result.errors).toEqual([]);
    expect(result.output).toContainEqual({CommandType: 'Alias', Name: `${alias} -> ${command}`, Source: ''});
  });

  it('lists an alias among the commands a pattern matches, by name', () => {
    expect(run('Get-Command f*').output.map((o) => (o as {Name: string}).Name)).toEqual([
      'fl -> Format-List',
      'foreach -> ForEach-Object',
      'ForEach-Object',
      'Format-List',
      'Format-Table',
      'ft -> Format-Table',
    ]);
  });

  it('lists no alias without a name', () => {
    expect(run('Get-Command').output).not.toContainEqual(expect.objectContaining({CommandType: 'Alias'}));
  });

  it('finds names as typed in any case beside patterns, and matches an escaped name as a pattern', () => {
    const result = run("Get-Command get-fakepolicy, 'Remove-Fake`Policy', Set-Fake*");
    expect(result.output.map((o) => (o as {Name: string}).Name)).toEqual([
      'Get-FakePolicy',
      'Remove-FakePolicy',
      'Set-FakePolicy',
    ]);
    expect(result.errors.map((e) => [e.errorId, e.target])).toEqual([
      ['CommandNotFound', 'Remove-Fake`Policy'],
    ]);
  });

  it('stops at the line time budget on a million names that are not commands', () => {
    // Each name not found was matched against every command, and every command against every name:
    // minutes past any budget, since a builtin's loop never looked at the clock.
    const result = evaluateLine('Get-Command 1..1000000', {...evalOptions(), timeBudgetMs: 100});
    expect(result.errors.map((e) => e.errorId)).toEqual(['LimitExceeded']);
    expect(result.output).toEqual([]);
  }, 60_000);
});

describe('Get-Credential', () => {
  it('returns a credential naming the user, without a prompt', () => {
    const variables = new Map<string, Value>();
    const result = run('$cred = Get-Credential "EXAMPLE\\ana"; Test-Bind -Cred $cred', {variables});
    expect(variables.get('cred')).toEqual({kind: 'credential', userName: 'EXAMPLE\\ana'});
    expect(result.output).toEqual([
      {Set: 'Identity', Args: {Cred: {kind: 'credential', userName: 'EXAMPLE\\ana'}}},
    ]);
  });

  it('needs a user name', () => {
    expect(run('Get-Credential').errors[0]).toMatchObject({
      errorId: 'MissingParameter',
      parameter: 'UserName',
    });
  });
});

describe('the builtin table', () => {
  it('has help for every builtin and every parameter', () => {
    for (const command of builtinCommands) {
      expect(command.summary, command.name).not.toBe('');
      expect(command.examples.length, command.name).toBeGreaterThan(0);
      for (const [name, spec] of Object.entries(command.params))
        expect(spec.help, `${command.name} -${name}`).not.toBe('');
    }
  });
});
