// Arbitrary lines of the command language for the properties of language-*.test.ts: token soups
// (anything an operator might paste) and well-formed lines from a grammar-shaped arbitrary
// (expressions, statements and pipelines as the parser accepts them), all on the demo deployment.

import fc from 'fast-check';
import {catalog} from '../../src/cmdlets/catalog.js';
import {builtinCommands} from '../../src/lang/builtins/index.js';

const VARIABLES = ['$a', '$b', '$rooms', '$n', '$_', '$null', '$true', '$false'];
const PROPERTIES = ['Name', 'Identity', 'Privacy', 'Type', 'Members', 'Count', 'Length', 'Description'];
const ROOM_NAMES = ['ItRoom', 'HelpRoom', 'EmeaRoom', 'NoSuchRoom'];
const GETTERS = [
  'Get-CsPersistentChatRoom',
  'Get-CsPersistentChatCategory',
  'Get-CsPersistentChatPolicy',
  'Get-CsPersistentChatAddin',
  'Get-CsPersistentChatEndpoint',
  'Get-CsUser',
  'Get-Command',
];

const TOKENS = [
  ...catalog.map((c) => c.name),
  ...builtinCommands.map((c) => c.name),
  '%',
  '?',
  'ft',
  'fl',
  ...VARIABLES,
  '$a.Name',
  '$_.Members',
  '-Identity',
  '-Name',
  '-Property',
  '-First',
  '-Last',
  '-Skip',
  '-Unique',
  '-Descending',
  '-ExpandProperty',
  '-Sum',
  '-Format',
  '-WhatIf',
  '-Confirm:$false',
  '-Filter',
  '-Depth',
  '-eq',
  '-ne',
  '-like',
  '-match',
  '-replace',
  '-split',
  '-join',
  '-f',
  '-in',
  '-notin',
  '-contains',
  '-and',
  '-or',
  '-not',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '..',
  '=',
  '+=',
  ',',
  ';',
  '|',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '@(',
  '@{',
  '$(',
  '[int]',
  '[string]',
  '[datetime]',
  '[char]',
  '[bool]',
  '[array]',
  'foreach',
  'in',
  'if',
  'elseif',
  'else',
  '"a$b"',
  '"$($a)"',
  "'lit'",
  '"{0}"',
  '@"\nx\n"@',
  "@'\ny\n'@",
  '`',
  '"',
  "'",
  '#',
  '\n',
  '0',
  '1',
  '-1',
  '1e308',
  '99999999999',
  '0.5',
  'pc1.dc1.example.org\\ItRoom',
  'Global',
  '*Room*',
  '"(a+)+$"',
];

/** Any sequence of the language's tokens, spaced or glued together. */
export const tokenSoup: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...TOKENS), {maxLength: 16}).map((parts) => parts.join(' ')),
  fc.array(fc.constantFrom(...TOKENS), {maxLength: 12}).map((parts) => parts.join('')),
);

const quote = (text: string): string => `"${text.replace(/[`"$]/g, '`$&')}"`;

const smallInt = fc.integer({min: -3, max: 12}).map(String);
const number = fc.oneof(smallInt, fc.constantFrom('0.5', '1e3', '2147483648', '-0', '1e308'));
const word = fc.constantFrom(...ROOM_NAMES, 'It*', '^Help', 'a,b,c', '', ' ');
const stringLiteral = fc.oneof(
  word.map(quote),
  word.map((w) => `'${w}'`),
  fc.string({maxLength: 8}).map(quote),
);
const property = fc.constantFrom(...PROPERTIES);
const variable = fc.constantFrom(...VARIABLES);
const primary = fc.oneof(number, stringLiteral, variable);
const cast = fc.constantFrom('[int]', '[string]', '[datetime]', '[char]', '[bool]', '[array]');
const binary = fc.constantFrom(
  '+',
  '-',
  '*',
  '/',
  '%',
  '-eq',
  '-ne',
  '-gt',
  '-lt',
  '-like',
  '-notlike',
  '-match',
  '-contains',
  '-in',
  '-notin',
  '-and',
  '-or',
  '-join',
  '-split',
  '-replace',
  '-f',
);

/** A command line that reads the demo: a getter, optionally filtered. */
const getter = fc.oneof(
  fc.constantFrom(...GETTERS),
  fc
    .constantFrom(...ROOM_NAMES)
    .map((name) => `Get-CsPersistentChatRoom -Identity pc1.dc1.example.org\\${name}`),
);

interface Shapes {
  expr: string;
  block: string;
  pipeline: string;
  statement: string;
}

const shapes = fc.letrec<Shapes>((tie) => {
  // tie() is untyped; every shape is a string.
  const expr = tie('expr') as fc.Arbitrary<string>;
  const block = tie('block') as fc.Arbitrary<string>;
  const pipeline = tie('pipeline') as fc.Arbitrary<string>;
  return {
    expr: fc.oneof(
      {depthSize: 'small', withCrossShrink: true},
      number,
      stringLiteral,
      variable,
      fc.tuple(expr, binary, expr).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(expr, expr).map(([a, b]) => `${a},${b}`),
      // In parentheses: `,` binds tighter than `..`, so `0..1,2..3` is no pair of ranges.
      fc.tuple(smallInt, smallInt).map(([a, b]) => `(${a}..${b})`),
      fc.tuple(cast, expr).map(([c, e]) => `${c}(${e})`),
      expr.map((e) => `-not (${e})`),
      expr.map((e) => `(${e})`),
      fc.array(primary, {maxLength: 3}).map((items) => `@(${items.join(', ')})`),
      fc.tuple(variable, property).map(([v, p]) => `${v}.${p}`),
      fc.tuple(expr, property).map(([e, p]) => `(${e}).${p}`),
      fc.tuple(expr, smallInt).map(([e, i]) => `(${e})[${i}]`),
      fc.tuple(expr, smallInt, smallInt).map(([e, a, b]) => `(${e})[${a}..${b}]`),
      // A hashtable's values are read as arguments, not expressions, as are `@( )`'s items.
      fc.tuple(word, primary).map(([k, v]) => `@{${k.replace(/\W/g, '') || 'k'}=${v}}`),
      fc.tuple(word, variable).map(([w, v]) => quote(w).replace(/"$/, `$(${v})"`)),
      expr.map((e) => `"x$(${e})y"`),
      getter.map((g) => `(${g})`),
      getter.map((g) => `(${g}).Count`),
    ),
    block: fc.oneof(
      fc.tuple(property, binary, expr).map(([p, op, e]) => `{$_.${p} ${op} ${e}}`),
      expr.map((e) => `{${e}}`),
      fc.tuple(property, expr).map(([p, e]) => `{"$($_.${p})" + ${e}}`),
    ),
    pipeline: fc
      .tuple(
        fc.oneof(getter, expr),
        fc.array(
          fc.oneof(
            block.map((b) => `Where-Object ${b}`),
            block.map((b) => `? ${b}`),
            block.map((b) => `ForEach-Object ${b}`),
            property.map((p) => `% ${p}`),
            fc
              .tuple(property, fc.boolean(), fc.boolean())
              .map(([p, d, u]) => `Sort-Object ${p}${d ? ' -Descending' : ''}${u ? ' -Unique' : ''}`),
            fc
              .tuple(fc.constantFrom('-First', '-Last', '-Skip'), fc.nat(4))
              .map(([o, n]) => `Select-Object ${o} ${n}`),
            property.map((p) => `Select-Object -ExpandProperty ${p}`),
            fc.constantFrom('Select-Object -Unique', 'Measure-Object', 'Measure-Object -Sum -Maximum'),
            property.map((p) => `Group-Object ${p}`),
            fc.constantFrom('ConvertTo-Json', 'ConvertTo-Json -Compress', 'ConvertTo-Csv', 'Out-String'),
            fc.subarray(PROPERTIES, {minLength: 1, maxLength: 3}).map((ps) => `Format-Table ${ps.join(',')}`),
            property.map((p) => `Format-List ${p}`),
            fc.constantFrom('Write-Output', 'Write-Host', 'Get-Date -Format yyyy'),
          ),
          {maxLength: 4},
        ),
      )
      .map(([first, rest]) => [first, ...rest].join(' | ')),
    statement: fc.oneof(
      pipeline,
      fc.tuple(fc.constantFrom('$a', '$b', '$rooms', '$n'), pipeline).map(([v, p]) => `${v} = ${p}`),
      fc.tuple(pipeline, pipeline).map(([source, body]) => `foreach ($a in ${source}) { ${body} }`),
      fc
        .tuple(expr, pipeline, fc.option(pipeline))
        .map(
          ([c, then, otherwise]) =>
            `if (${c}) { ${then} }${otherwise === null ? '' : ` else { ${otherwise} }`}`,
        ),
    ),
  };
});

/** A well-formed script: one to three statements, separated by `;` or a line break. */
export const wellFormedLine: fc.Arbitrary<string> = fc
  .tuple(fc.array(shapes.statement, {minLength: 1, maxLength: 3}), fc.constantFrom('; ', '\n'))
  .map(([statements, separator]) => statements.join(separator));
