import {describe, expect, it} from 'vitest';
import type {DateArg, ParamType} from '../../src/cmdlets/types.js';
import {isByteArray, isCredential, isPsObject, isScriptBlock} from '../../src/lang/values.js';
import {echoed, run, testBind} from './fake-catalog.js';

/** Runs Test-Bind with the arguments and returns its single error. */
const bindError = (args: string) => {
  const result = run(`Test-Bind ${args}`);
  expect(result.output).toEqual([]);
  expect(result.errors).toHaveLength(1);
  return result.errors[0]!;
};

describe('parameter names', () => {
  it.each([
    ['the full name', '-Name x', 'Name'],
    ['any case', '-nAmE x', 'Name'],
    ['a unique prefix', '-Cou 5', 'Count'],
    ['an alias', '-DisplayName x', 'Name'],
    ['an exact name that is also a prefix of another', '-Name x', 'Name'],
    ['a prefix of an alias', '-DisplayN x', 'Name'],
  ])('binds %s', (_name, args, parameter) => {
    expect(Object.keys(echoed(run(`Test-Bind ${args}`)).Args)).toEqual([parameter]);
  });

  it('names the candidates of an ambiguous prefix', () => {
    const error = bindError('-Nam x');
    expect(error).toMatchObject({cmdlet: 'Test-Bind', errorId: 'ParameterBindingError', parameter: 'Nam'});
    expect(error.message).toContain('-Name -NameServer');
  });

  it('counts the common parameters when looking for ambiguity', () => {
    const error = bindError('-E x');
    expect(error.errorId).toBe('ParameterBindingError');
    expect(error.message).toContain('-Enabled -EndDate -Extra -ErrorAction -ErrorVariable');
  });

  it.each([
    ['an unknown parameter', '-Bogus 1', 'ParameterBindingError', 'Bogus'],
    ['a parameter given twice', '-Name a -Name b', 'ParameterBindingError', 'Name'],
    ['a missing argument', '-Name', 'ParameterBindingError', 'Name'],
    ['a missing argument before another parameter', '-Name -Force', 'ParameterBindingError', 'Name'],
    ['too many positional arguments', 'a b c', 'ParameterBindingError', null],
  ])('refuses %s', (_name, args, errorId, parameter) => {
    expect(bindError(args)).toMatchObject({errorId, parameter});
  });

  it('accepts the common parameters and ignores them', () => {
    expect(
      echoed(
        run(
          'Test-Bind -ErrorAction Stop -Verbose -WarningAction SilentlyContinue -OutVariable o -OutBuffer 5 -db',
        ),
      ).Args,
    ).toEqual({});
  });

  it('refuses a bad value for a common parameter', () => {
    expect(bindError('-ErrorAction Sometimes')).toMatchObject({
      errorId: 'InvalidValue',
      parameter: 'ErrorAction',
    });
  });

  it('offers -WhatIf and -Confirm only on cmdlets that support them', () => {
    expect(run('Get-FakePolicy -WhatIf').errors[0]).toMatchObject({
      errorId: 'ParameterBindingError',
      parameter: 'WhatIf',
    });
    expect(run('Test-Bind -WhatIf -Confirm:$false').errors).toEqual([]);
  });
});

describe('positional arguments and parameter sets', () => {
  it('binds positional arguments in position order', () => {
    expect(echoed(run('Test-Bind pc1\\Room Hello')).Args).toEqual({Identity: 'pc1\\Room', Name: 'Hello'});
  });

  it('skips a named parameter when filling positions', () => {
    expect(echoed(run('Test-Bind -Identity a b')).Args).toEqual({Identity: 'a', Name: 'b'});
  });

  it('picks the default set when nothing decides', () => {
    expect(echoed(run('Test-Bind')).Set).toBe('Identity');
  });

  it('picks the set that contains the given parameters', () => {
    expect(echoed(run('Test-Bind -Filter {$_.A -eq 1}')).Set).toBe('Filter');
  });

  it('reports ParameterConflict when no set holds all the given parameters', () => {
    const error = bindError('-Identity a -Filter {$_.A}');
    expect(error.errorId).toBe('ParameterConflict');
    expect(error.message).toContain('-Identity, -Filter');
  });

  it('fills positions from the set the named parameters chose', () => {
    // With -Filter given, Identity (position 0, Identity set only) is out, so the word fills Name.
    expect(echoed(run('Test-Bind -Filter "x" Hello')).Args).toEqual({Filter: 'x', Name: 'Hello'});
  });
});

describe('type conversion', () => {
  it.each([
    ['int', '-Count 42', {Count: 42}],
    ['int from a quoted string', '-Count "42"', {Count: 42}],
    ['int at the bounds', '-Count 0 -Size -2147483648', {Count: 0, Size: -2147483648}],
    ['bool $True', '-Enabled $True', {Enabled: true}],
    ['bool as colon value', '-Enabled:$false', {Enabled: false}],
    ['bool from text', '-Enabled False', {Enabled: false}],
    ['bool from 1', '-Enabled 1', {Enabled: true}],
    ['bool given bare means true', '-Enabled', {Enabled: true}],
    ['switch', '-Force', {Force: true}],
    ['switch turned off', '-Force:$false', {Force: false}],
    ['enum with canonical spelling', '-Type auditorium', {Type: 'Auditorium'}],
    ['timespan', '-Interval "00:10:00"', {Interval: 600}],
    ['timespan with days', '-Interval "1.00:00:00"', {Interval: 86400}],
    ['timespan of thirty days', '-Interval 30.00:00:00', {Interval: 2592000}],
    ['US date', '-EndDate "3/1/2018"', {EndDate: {iso: '2018-03-01T00:00:00.000Z', dateOnly: true}}],
    [
      'US date and time',
      '-EndDate "3/1/2018 2:30 PM"',
      {EndDate: {iso: '2018-03-01T14:30:00.000Z', dateOnly: false}},
    ],
    ['ISO date', '-EndDate 2018-03-01', {EndDate: {iso: '2018-03-01T00:00:00.000Z', dateOnly: true}}],
    [
      'ISO date-time with offset',
      '-EndDate "2018-03-01T10:00:00+02:00"',
      {EndDate: {iso: '2018-03-01T08:00:00.000Z', dateOnly: false}},
    ],
    ['list modifier add', '-Members @{Add="a","b"}', {Members: {add: ['a', 'b']}}],
    [
      'list modifier keys in any case',
      '-Members @{REMOVE="a"; add="b"}',
      {Members: {remove: ['a'], add: ['b']}},
    ],
    ['list modifier replace', '-Members @{Replace="a"}', {Members: {replace: ['a']}}],
    ['plain list as replace', '-Members "a","b"', {Members: {replace: ['a', 'b']}}],
    ['single value as replace', '-Members a', {Members: {replace: ['a']}}],
    ['$Null as an empty replace', '-Members $Null', {Members: {replace: []}}],
    ['string[] from one value', '-Tags a', {Tags: ['a']}],
    ['string[] from a list', '-Tags a,b', {Tags: ['a', 'b']}],
    ['string keeps the text of a number', '-Name 007', {Name: '007'}],
    ['string from a Boolean', '-Name $true', {Name: 'True'}],
    [
      'credential from a user name',
      '-Cred EXAMPLE\\ana',
      {Cred: {kind: 'credential', userName: 'EXAMPLE\\ana'}},
    ],
    ['bytes from numbers', '-Data 1,2,255', {Data: {kind: 'bytes', data: Uint8Array.from([1, 2, 255])}}],
    ['script block', '-Block {$_.A}', {Block: {kind: 'scriptblock', text: '$_.A'}}],
    ['filter as a string', '-Filter "site:*"', {Filter: 'site:*'}],
    ['object as given', '-Extra 1,"x"', {Extra: [1, 'x']}],
    ['$Null on a nullable parameter', '-Note $Null', {Note: null}],
  ])('converts %s', (_name, args, expected) => {
    expect(echoed(run(`Test-Bind ${args}`)).Args).toEqual(expected);
  });

  it.each([
    ['NaN', '-Count NaN', 'InvalidValue'],
    ['Infinity', '-Count Infinity', 'InvalidValue'],
    ['1e309', '-Count 1e309', 'InvalidValue'],
    ['a fraction', '-Count 1.5', 'InvalidValue'],
    ['a fraction in quotes', '-Count "2.5"', 'InvalidValue'],
    ['text for a number', '-Count many', 'InvalidValue'],
    ['a number above the maximum', '-Count 101', 'OutOfRange'],
    ['a negative number below the minimum', '-Count -1', 'OutOfRange'],
    ['a number beyond Int32', '-Size 2147483648', 'InvalidValue'],
    ['a bad Boolean', '-Enabled yes', 'InvalidValue'],
    ['a Boolean from 2', '-Enabled 2', 'InvalidValue'],
    ['a value outside the enum', '-Type Lecture', 'InvalidValue'],
    ['a bad TimeSpan', '-Interval "10 minutes"', 'InvalidValue'],
    ['a TimeSpan with 60 minutes', '-Interval "00:60:00"', 'InvalidValue'],
    ['a number for a TimeSpan', '-Interval 600', 'InvalidValue'],
    ['a date that does not exist', '-EndDate "2/30/2018"', 'InvalidValue'],
    ['a day-first date', '-EndDate "13/1/2018"', 'InvalidValue'],
    ['a bad list modifier key', '-Members @{Append="a"}', 'InvalidValue'],
    ['$Null on a parameter that is not nullable', '-Name $Null', 'InvalidValue'],
    ['a list for a string', '-Name a,b', 'InvalidValue'],
    ['a hashtable for a string', '-Name @{a=1}', 'InvalidValue'],
    ['a string for a script block', '-Block "$_.A"', 'InvalidValue'],
    ['a number beyond a byte', '-Data 256', 'InvalidValue'],
  ])('refuses %s', (_name, args, errorId) => {
    const parameter = /^-(\w+)/.exec(args)![1]!;
    const expected = {Cou: 'Count'}[parameter] ?? parameter;
    expect(bindError(args)).toMatchObject({errorId, parameter: expected});
  });

  it('explains a range error the way PowerShell does', () => {
    expect(bindError('-Count 101').message).toBe(
      "Cannot validate argument on parameter 'Count'. The 101 argument is greater than the maximum allowed range of 100. Supply an argument that is less than or equal to 100 and then try the command again.",
    );
  });

  it('lists the allowed values of an enum', () => {
    expect(bindError('-Type Lecture').message).toContain('"Normal, Auditorium"');
  });
});

// What the binder produces must be what ArgOf (src/cmdlets/types.ts) declares, since cmdlets read
// their arguments through those types without checking. One guard per ParamType: a new type
// fails to compile here until it has one.
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');
const BOUND: Readonly<
  Record<ParamType, {readonly lines: readonly string[]; readonly is: (v: unknown) => boolean}>
> = {
  string: {lines: ['-Name x', '-Name 007', '-Name $true'], is: (v) => typeof v === 'string'},
  'string[]': {lines: ['-Tags a', '-Tags a,b'], is: isStrings},
  int: {lines: ['-Count 42', '-Count "7"'], is: (v) => Number.isInteger(v)},
  bool: {lines: ['-Enabled', '-Enabled 0', '-Enabled False'], is: (v) => typeof v === 'boolean'},
  switch: {lines: ['-Force', '-Force:$false', '-Force:$Null'], is: (v) => typeof v === 'boolean'},
  enum: {lines: ['-Type auditorium', '-Type NORMAL'], is: (v) => v === 'Normal' || v === 'Auditorium'},
  timespan: {lines: ['-Interval "00:10:00"'], is: (v) => Number.isFinite(v)},
  datetime: {
    lines: ['-EndDate "3/1/2018"', '-EndDate 2018-03-01T10:00:00Z'],
    is: (v) => {
      const date = v as Partial<DateArg> | null;
      return typeof date?.iso === 'string' && typeof date.dateOnly === 'boolean';
    },
  },
  listModifier: {
    lines: ['-Members a', '-Members "a","b"', '-Members @{Add="a"; Remove="b"}', '-Members $Null'],
    is: (v) =>
      isPsObject(v) &&
      Object.entries(v as object).every(
        ([k, list]) => ['add', 'remove', 'replace'].includes(k) && isStrings(list),
      ),
  },
  scriptblock: {lines: ['-Block {$_.A}'], is: (v) => isScriptBlock(v)},
  filter: {
    lines: ['-Filter {A -eq 1}', '-Filter "a*"'],
    is: (v) => typeof v === 'string' || isScriptBlock(v),
  },
  object: {lines: ['-Extra 1,"x"', '-Extra @{a=1}'], is: (v) => v !== undefined},
  credential: {lines: ['-Cred EXAMPLE\\ana'], is: (v) => isCredential(v)},
  bytes: {lines: ['-Data 1,2'], is: (v) => isByteArray(v)},
};

describe('bound values and their declared types', () => {
  it.each(Object.entries(BOUND))('a %s parameter binds to what ArgOf declares', (type, {lines, is}) => {
    for (const line of lines) {
      const [name, value] = Object.entries(echoed(run(`Test-Bind ${line}`)).Args)[0]!;
      expect(testBind.params[name]?.type, line).toBe(type);
      expect(is(value), `${line} bound ${JSON.stringify(value)}`).toBe(true);
    }
  });

  it('binds $Null as null only where the parameter is nullable', () => {
    expect(echoed(run('Test-Bind -Note $Null')).Args).toEqual({Note: null});
    expect(bindError('-Name $Null').errorId).toBe('InvalidValue');
  });
});
