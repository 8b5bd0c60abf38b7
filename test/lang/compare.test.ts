import {describe, expect, it} from 'vitest';
import type {Value} from '../../src/cmdlets/types.js';
import type {CompareOperator} from '../../src/lang/ast.js';
import {compareValues, safeRegex} from '../../src/lang/compare.js';
import {matchWildcard} from '../../src/lang/wildcard.js';
import {CmdletError} from '../../src/domain/errors.js';

describe('comparison operators', () => {
  it.each<[Value, CompareOperator, Value, boolean]>([
    ['Closed', 'eq', 'closed', true],
    ['Closed', 'ne', 'CLOSED', false],
    ['Closed', 'eq', 'Open', false],
    [100, 'eq', '100', true],
    [100, 'eq', 100.0, true],
    [100, 'gt', '20', true],
    ['100', 'gt', '20', false],
    [5, 'ge', 5, true],
    [5, 'lt', 6, true],
    [5, 'le', 4, false],
    ['apple', 'lt', 'Banana', true],
    [true, 'eq', '$true', true],
    [false, 'eq', 'False', true],
    [false, 'eq', 0, true],
    [true, 'eq', 'yes', true],
    [null, 'eq', null, true],
    [null, 'eq', '', false],
    ['', 'eq', null, false],
    ['x', 'ne', null, true],
    [null, 'lt', 1, true],
    [3, 'gt', null, true],
    [3, 'eq', 'three', false],
    [3, 'gt', 'three', false],
    ['2012-03-20T10:00:00Z', 'gt', '2012-03-01', true],
    ['ItRoom', 'like', 'it*', true],
    ['ItRoom', 'like', '?tRoom', true],
    ['ItRoom', 'like', '[a-j]t*', true],
    ['ItRoom', 'like', 'Room', false],
    ['ItRoom', 'notlike', '*x*', true],
    ['a*b', 'like', 'a`*b', true],
    ['axb', 'like', 'a`*b', false],
    ['sip:ana@example.org', 'match', '^sip:.+@example\\.org$', true],
    ['SIP:ANA@EXAMPLE.ORG', 'match', 'ana@', true],
    ['ana', 'notmatch', 'ben', true],
    [['user', 'contact'], 'contains', 'CONTACT', true],
    [['user', 'contact'], 'notcontains', 'group', true],
    [['user'], 'contains', 'use', false],
    ['solo', 'contains', 'solo', true],
    ['b', 'in', ['a', 'B'], true],
    ['c', 'notin', ['a', 'b'], true],
    [['a', 'b'], 'eq', 'B', true],
    [['a', 'b'], 'like', 'c*', false],
    [[1, 5], 'gt', 4, true],
    [[], 'eq', 'a', false],
  ])('%j -%s %j is %s', (left, op, right, expected) => {
    expect(compareValues(op, left, right)).toBe(expected);
  });
});

describe('wildcards', () => {
  it.each([
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a*', 'A', true],
    ['*PersistentChat*', 'Get-CsPersistentChatRoom', true],
    ['Get-?s*', 'Get-CsPool', true],
    ['[abc]x', 'bx', true],
    ['[abc]x', 'dx', false],
    ['*a*a*a*a*a*a*b', 'a'.repeat(5000), false],
  ])('%s against %j is %s', (pattern, text, expected) => {
    expect(matchWildcard(pattern, text)).toBe(expected);
  });

  it('refuses an unclosed character set', () => {
    expect(() => matchWildcard('[abc', 'a')).toThrow(CmdletError);
  });
});

describe('regular expressions from the operator', () => {
  it.each([
    ['a nested quantifier', '(a+)+$'],
    ['an alternation that repeats', '(a|aa)*$'],
    ['a backreference', '(a)\\1'],
    ['too many open repetitions', 'a*b*c*d*e*'],
    ['an overlong pattern', 'a'.repeat(300)],
    ['an invalid pattern', '(unclosed'],
  ])('refuses %s with InvalidValue', (_name, pattern) => {
    let error: unknown;
    try {
      safeRegex(pattern);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CmdletError);
    expect((error as CmdletError).errorId).toBe('InvalidValue');
  });

  it('accepts the usual patterns', () => {
    expect(safeRegex('^pc[0-9]+\\.dc1\\.').test('PC1.DC1.example.org')).toBe(true);
    expect(safeRegex('(foo|bar)baz').test('barbaz')).toBe(true);
  });
});
