import {afterAll, describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {parse} from '../../src/lang/parse.js';
import {splitScript} from '../../src/lang/script.js';
import {tokenize} from '../../src/lang/tokenize.js';
import {evalOptions} from './fake-catalog.js';
import {evaluateLine} from '../../src/lang/evaluate.js';

const PIECES = [
  'Get-FakePolicy',
  'Set-FakePolicy',
  'Remove-FakePolicy',
  'Clear-FakePolicy',
  'Test-Bind',
  'Where-Object',
  'Select-Object',
  'Get-Help',
  'Get-Command',
  'Get-Credential',
  '-Identity',
  '-Description',
  '-Count',
  '-Members',
  '-Confirm:',
  '-WhatIf',
  '-First',
  '-ExpandProperty',
  '-Filter',
  '-eq',
  '-like',
  '-match',
  '-and',
  '-not',
  '!',
  '$_',
  '$_.Identity',
  '$x',
  '$Null',
  '$True',
  '"a b"',
  "'it''s'",
  '"`n`e"',
  'Global',
  'Tag:Ops',
  '1e309',
  '-5',
  '1.5',
  '@{',
  '@(',
  '{',
  '}',
  '(',
  ')',
  '|',
  ';',
  ',',
  '=',
  'Add=',
  '#',
  '<#',
  '`',
  '\n',
  '"',
  "'",
  '$(',
  '&',
];

/** Pieces of value expressions and statements, mixed with the pieces above. */
const OPERATOR_PIECES = [
  '+',
  '-',
  '*',
  '/',
  '%',
  '..',
  '1..3',
  '1..1000000',
  '$x[0]',
  '$x[-1]',
  '[',
  ']',
  '[int]',
  '[char]',
  '[datetime]',
  '-f',
  '"{0:N2}"',
  '"{0,-5}"',
  '-join',
  '-split',
  '-replace',
  '-in',
  '-xor',
  'foreach ($i in 1..1000) {',
  'if ($x) {',
  '} else {',
  'elseif (1)',
  'in',
  '0',
  '"x" * 1000',
];

// PCHAT_STRESS=1 (npm run test:stress) fuzzes ten times as many lines.
const STRESS = process.env['PCHAT_STRESS'] === '1';
const SCALE = STRESS ? 10 : 1;
const TIMEOUT = STRESS ? 600_000 : 30_000;
let fuzzed = 0;
let failures = 0;

/** fc.assert over `runs` lines, counted for the stress summary. */
function fuzz(property: fc.IProperty<[string]>, runs: number): void {
  fuzzed += runs * SCALE;
  try {
    fc.assert(property, {numRuns: runs * SCALE});
  } catch (error) {
    failures += 1;
    throw error;
  }
}

afterAll(() => {
  if (STRESS) console.log(`stress: fuzzed lines ${fuzzed}, ${failures} failures`);
});

const soup = fc.array(fc.constantFrom(...PIECES), {maxLength: 14}).map((parts) => parts.join(' '));
const glued = fc.array(fc.constantFrom(...PIECES), {maxLength: 10}).map((parts) => parts.join(''));
const anyText = fc.string({unit: 'binary', maxLength: 60});

describe('robustness', () => {
  it(
    'parse returns a result or a ParserError for any text, and never throws',
    () => {
      fuzz(
        fc.property(fc.oneof(soup, glued, anyText), (source) => {
          const result = parse(source);
          if (!result.ok) expect(result.error.message).toMatch(/^At (line \d+, )?column \d+: /);
        }),
        1500,
      );
    },
    TIMEOUT,
  );

  it(
    'evaluateLine yields results or errors for any text, and never throws',
    () => {
      fuzz(
        fc.property(fc.oneof(soup, glued, anyText), (source) => {
          const options = evalOptions({variables: new Map([['x', 'Global']])});
          const result = evaluateLine(source, options);
          for (const error of result.errors) expect(typeof error.errorId).toBe('string');
          if (result.errors.some((e) => e.errorId === 'ParserError')) {
            expect(result.errors).toHaveLength(1);
            expect(result.state).toBe(options.state);
          }
        }),
        1500,
      );
    },
    TIMEOUT,
  );

  it(
    'operator expressions and foreach / if statements end in results or errors within the time budget',
    () => {
      const expression = fc
        .array(fc.constantFrom(...PIECES, ...OPERATOR_PIECES), {maxLength: 14})
        .map((parts) => parts.join(' '));
      fuzz(
        fc.property(fc.oneof(expression, glued), (source) => {
          const options = {...evalOptions({variables: new Map([['x', 'Global']])}), timeBudgetMs: 50};
          const started = Date.now();
          const result = evaluateLine(source, options);
          for (const error of result.errors) expect(typeof error.errorId).toBe('string');
          expect(Date.now() - started).toBeLessThan(5000);
        }),
        1500,
      );
    },
    TIMEOUT,
  );

  it(
    'the partial tokenizer and the script splitter never throw',
    () => {
      fuzz(
        fc.property(fc.oneof(soup, glued, anyText), (source) => {
          tokenize(source, {partial: true});
          splitScript(source);
        }),
        800,
      );
    },
    TIMEOUT,
  );

  it.each([
    ['deeply nested groups', `Test-Bind -Extra ${'('.repeat(5000)}1${')'.repeat(5000)}`],
    ['deeply nested arrays', `Test-Bind -Extra ${'@('.repeat(5000)}${')'.repeat(5000)}`],
    ['deeply nested blocks', `Test-Bind -Block ${'{'.repeat(5000)}${'}'.repeat(5000)}`],
    ['a long chain of -not', `Get-FakePolicy | Where-Object {${'-not '.repeat(5000)}$_.A}`],
    ['a long chain of additions', Array.from({length: 5000}, () => '1').join(' + ')],
    ['a long chain of casts', `${'[int]'.repeat(5000)}1`],
    ['deeply nested indexes', `$x${'[0'.repeat(5000)}${']'.repeat(5000)}`],
    ['deeply nested foreach', `${'foreach ($i in 1) {'.repeat(2000)}${'}'.repeat(2000)}`],
    ['deeply nested if', `${'if (1) {'.repeat(2000)}${'}'.repeat(2000)}`],
    [
      'a very long chain of conditions',
      `Get-FakePolicy | Where-Object {${Array.from({length: 5000}, () => '$_.A').join(' -and ')}}`,
    ],
  ])('answers %s with a ParserError instead of running out of stack', (_name, line) => {
    const result = evaluateLine(line, evalOptions());
    expect(result.errors.map((e) => e.errorId)).toEqual(['ParserError']);
  });

  it('handles a long line of many parameters', () => {
    const line = `Test-Bind ${Array.from({length: 20_000}, (_, i) => `-Name${i} $v${i}`).join(' ')}`;
    expect(evaluateLine(line, evalOptions()).errors.map((e) => e.errorId)).toEqual(['ParameterBindingError']);
  });

  it('keeps a property named __proto__ a plain property in Select-Object', () => {
    const result = evaluateLine('Get-FakePolicy Global | Select-Object __proto__,Identity', evalOptions());
    const object = result.output[0] as Record<string, unknown>;
    expect(Object.keys(object)).toEqual(['__proto__', 'Identity']);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });

  it('cuts a statement left open for too many lines, so the rest of the script still runs', () => {
    const script = ['Set-A @{Add="x"', ...Array.from({length: 300}, () => '"more"'), 'Get-B'].join('\n');
    const lines = splitScript(script);
    expect(lines.at(-1)).toBe('Get-B');
    expect(lines.length).toBeGreaterThan(2);
  });
});
