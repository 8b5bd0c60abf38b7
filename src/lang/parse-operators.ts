// Value expressions with PowerShell's operators, by precedence climbing. From the loosest:
// -and -or -xor; comparison, -replace, -split, -join, -like, -match...; + -; * / %; -f; the
// range `..`; then the comma that makes arrays; then unary operators and casts on a primary.
// Filter blocks are read by this same table, in the 'filter' context (see parse-filter.ts).

import type {BinaryOperator, Expr, UnaryOperator} from './ast.js';
import {compareOperator} from './parse-filter.js';
import {parsePrimary, type ValueContext} from './parse-expression.js';
import {SyntaxProblem, type Token} from './token.js';
import type {TokenStream} from './token-stream.js';

const LOGICAL: Readonly<Record<string, BinaryOperator>> = {and: 'and', or: 'or', xor: 'xor'};
const TEXT_OPERATORS: Readonly<Record<string, BinaryOperator>> = {
  replace: 'replace',
  split: 'split',
  join: 'join',
};
const ADDITIVE: Readonly<Record<string, BinaryOperator>> = {'+': 'add', '-': 'subtract'};
const MULTIPLICATIVE: Readonly<Record<string, BinaryOperator>> = {
  '*': 'multiply',
  '/': 'divide',
  '%': 'remainder',
};

/** More binary operators than this in one expression are refused: evaluation recurses. */
const MAX_OPERATORS = 500;

/** `-ireplace`, `-creplace`: the case prefixes; case-sensitive forms are read as the plain ones. */
const bareName = (name: string): string => {
  const lower = name.toLowerCase();
  return /^[ic](?:replace|split|eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin)$/.test(
    lower,
  )
    ? lower.slice(1)
    : lower;
};

type Level = (token: Token) => BinaryOperator | null;

const parameterIn =
  (table: Readonly<Record<string, BinaryOperator>>): Level =>
  (token) =>
    token.type === 'parameter' && !token.colon ? (table[bareName(token.name)] ?? null) : null;

const comparison: Level = (token) => {
  if (token.type !== 'parameter' || token.colon) return null;
  return TEXT_OPERATORS[bareName(token.name)] ?? compareOperator(token.name);
};

const symbolIn =
  (table: Readonly<Record<string, BinaryOperator>>): Level =>
  (token) => {
    if (token.type === 'word') return table[token.text] ?? null;
    // `5 -3` is a subtraction: the tokenizer read a negative number.
    if (table === ADDITIVE && token.type === 'number' && token.spaced && token.text.startsWith('-'))
      return 'subtract';
    return null;
  };

const LEVELS: readonly Level[] = [
  parameterIn(LOGICAL),
  comparison,
  symbolIn(ADDITIVE),
  symbolIn(MULTIPLICATIVE),
  parameterIn({f: 'format'}),
];

const COMPARISON_LEVEL = LEVELS.indexOf(comparison);

/** Where the operands of one expression are read, and how many operators it has so far. */
interface Reading {
  readonly context: 'expression' | 'filter';
  count: number;
}

/** A full value expression; in the 'filter' context bare words are properties of `$_`. */
export function parseExpression(stream: TokenStream, context: 'expression' | 'filter' = 'expression'): Expr {
  return parseLevel(stream, 0, {context, count: 0}, null);
}

/**
 * A hashtable's value: operators as in any expression (`@{Size=1+2}`), bare words as text, as in
 * an argument (`@{Add=sip:a@x.org}`).
 */
export function parseArgumentExpression(stream: TokenStream): Expr {
  return parseLevel(stream, 0, {context: 'expression', count: 0}, null, 'argument');
}

/** The context of an operand: in a filter, the right of a comparison is text (`Privacy -eq Closed`). */
const operandContext = (reading: Reading, level: number): ValueContext =>
  reading.context === 'filter' && level === COMPARISON_LEVEL ? 'argument' : reading.context;

/** `seed` is an operand already read (the 3 of `5 -3`), which the tighter levels continue from. */
function parseLevel(
  stream: TokenStream,
  level: number,
  reading: Reading,
  seed: Expr | null,
  context: ValueContext = reading.context,
): Expr {
  const operatorAt = LEVELS[level];
  if (!operatorAt) return seed ?? parseRange(stream, context);
  const start = seed?.span.start ?? stream.peek().start;
  let left = parseLevel(stream, level + 1, reading, seed, context);
  for (let op = operatorAt(stream.peek()); op !== null; op = operatorAt(stream.peek())) {
    const token = stream.next();
    if (++reading.count > MAX_OPERATORS)
      throw new SyntaxProblem(token.start, `an expression may hold at most ${MAX_OPERATORS} operators`);
    if (token.type !== 'number') stream.skipNewlines();
    const right = parseLevel(
      stream,
      level + 1,
      reading,
      token.type === 'number'
        ? {
            kind: 'number',
            value: -token.value,
            text: token.text.slice(1),
            span: {start: token.start + 1, end: token.end},
          }
        : null,
      context === 'argument' ? context : operandContext(reading, level),
    );
    left = {kind: 'binary', op, left, right, span: stream.spanFrom(start)};
  }
  return left;
}

function parseRange(stream: TokenStream, context: ValueContext): Expr {
  const start = stream.peek().start;
  const from = parseList(stream, context);
  if (!stream.accept('..')) return from;
  const to = parseList(stream, context);
  return {kind: 'binary', op: 'range', left: from, right: to, span: stream.spanFrom(start)};
}

function parseList(stream: TokenStream, context: ValueContext): Expr {
  const start = stream.peek().start;
  const first = parseUnary(stream, context);
  if (!stream.is(',')) return first;
  const items = [first];
  while (stream.accept(',')) {
    stream.skipNewlines();
    items.push(parseUnary(stream, context));
  }
  return {kind: 'array', items, span: stream.spanFrom(start)};
}

const UNARY: Readonly<Record<string, UnaryOperator>> = {not: 'not', join: 'join', split: 'split'};

function parseUnary(stream: TokenStream, context: ValueContext): Expr {
  const token = stream.peek();
  const op = unaryOperator(token);
  if (op === null && !isCast(token)) return parsePrimary(stream, context);
  stream.next();
  const operand = stream.nested(token.start, () => parseUnary(stream, context));
  const span = stream.spanFrom(token.start);
  if (op === null) {
    const type = (token as {text: string}).text.slice(1, -1).toLowerCase();
    return {kind: 'cast', type, operand, span};
  }
  return {kind: 'unary', op, operand, span};
}

function unaryOperator(token: Token): UnaryOperator | null {
  if (token.type === 'punct' && token.value === '!') return 'not';
  if (token.type === 'parameter' && !token.colon) return UNARY[token.name.toLowerCase()] ?? null;
  if (token.type === 'word' && token.text === '!') return 'not';
  if (token.type === 'word' && (token.text === '-' || token.text === '+'))
    return token.text === '-' ? 'negate' : 'plus';
  return null;
}

/** The tokenizer makes a word of a known cast only: `[int]`. */
export const isCastWord = (text: string): boolean => /^\[[A-Za-z0-9]+\]$/.test(text);

const isCast = (token: Token): boolean => token.type === 'word' && isCastWord(token.text);
