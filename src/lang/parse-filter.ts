// The filter language inside `{ }`: `$_.Prop -op value`, `Prop -op value` (the -Filter form,
// where a bare word on the left names a property), -and, -or, -not, `!` and parentheses.

import type {CompareOperator, Expr, FilterExpr} from './ast.js';
import {parsePrimary, variableExpr} from './parse-expression.js';
import {SyntaxProblem} from './token.js';
import {TokenStream} from './token-stream.js';
import {tokenize} from './tokenize.js';

const OPERATORS: readonly CompareOperator[] = [
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'like',
  'notlike',
  'match',
  'notmatch',
  'contains',
  'notcontains',
  'in',
  'notin',
];

export const OPERATOR_LIST = OPERATORS.map((op) => `-${op}`).join(', ');

/** `-eq`, and its explicitly case-insensitive spelling `-ieq`. */
export const compareOperator = (name: string): CompareOperator | null => {
  const lower = name.toLowerCase();
  const bare =
    lower.startsWith('i') && OPERATORS.includes(lower.slice(1) as CompareOperator) ? lower.slice(1) : lower;
  return OPERATORS.includes(bare as CompareOperator) ? (bare as CompareOperator) : null;
};

/** The body of a script block; null when it is empty. */
export function parseFilterBody(stream: TokenStream): FilterExpr | null {
  if (stream.peek().type === 'eof') return null;
  const expr = parseLogical(stream);
  if (stream.peek().type !== 'eof') stream.fail('expected -and, -or or the end of the block');
  return expr;
}

/** A filter given as text (`-Filter "Department -eq 'IT'"`, or a block's text); throws SyntaxProblem. */
export function parseFilterText(text: string): FilterExpr | null {
  const tokens = tokenize(`{${text}}`).tokens;
  const stream = new TokenStream(tokens, `{${text}}`);
  const open = stream.next();
  return parseFilterBody(stream.enclosed(open).inner);
}

/** More conditions than this in one block are refused: the chain is evaluated recursively. */
const MAX_CONDITIONS = 500;

// PowerShell gives -and and -or the same precedence, left to right; so do we.
function parseLogical(stream: TokenStream): FilterExpr {
  let left = parseUnary(stream);
  let count = 1;
  for (
    let token = stream.peek();
    token.type === 'parameter' && /^(and|or)$/i.test(token.name);
    token = stream.peek()
  ) {
    if (++count > MAX_CONDITIONS)
      throw new SyntaxProblem(token.start, `a filter may join at most ${MAX_CONDITIONS} conditions`);
    stream.next();
    const right = parseUnary(stream);
    left = {kind: 'logical', op: token.name.toLowerCase() as 'and' | 'or', left, right};
  }
  return left;
}

function parseUnary(stream: TokenStream): FilterExpr {
  const token = stream.peek();
  if (stream.is('!') || (token.type === 'parameter' && token.name.toLowerCase() === 'not')) {
    stream.next();
    return {kind: 'not', operand: stream.nested(token.start, () => parseUnary(stream))};
  }
  if (stream.is('(')) {
    stream.next();
    const inner = stream.nested(token.start, () => parseLogical(stream));
    stream.expect(')', "')' to close the parenthesis");
    // `($_.Size) -gt 5`: a parenthesised operand compared after all.
    if (inner.kind === 'test' && isOperatorNext(stream))
      return parseComparison(stream, inner.operand, token.start);
    return inner;
  }
  return parseComparison(stream, parseOperand(stream, 'left'), token.start);
}

const isOperatorNext = (stream: TokenStream): boolean => {
  const token = stream.peek();
  return token.type === 'parameter' && !/^(and|or)$/i.test(token.name);
};

function parseComparison(stream: TokenStream, left: Expr, start: number): FilterExpr {
  const token = stream.peek();
  if (token.type !== 'parameter' || /^(and|or)$/i.test(token.name)) return {kind: 'test', operand: left};
  const op = compareOperator(token.name);
  if (!op)
    throw new SyntaxProblem(
      token.start,
      `unknown operator '-${token.name}'; expected one of ${OPERATOR_LIST}, -and, -or, -not`,
    );
  stream.next();
  const first = parseOperand(stream, 'right');
  if (!stream.is(',')) return {kind: 'compare', op, left, right: first, span: stream.spanFrom(start)};
  const items = [first];
  while (stream.accept(',')) items.push(parseOperand(stream, 'right'));
  return {
    kind: 'compare',
    op,
    left,
    right: {kind: 'array', items, span: stream.spanFrom(first.span.start)},
    span: stream.spanFrom(start),
  };
}

/** On the left a bare word is a property of the object; on the right it is text. */
function parseOperand(stream: TokenStream, side: 'left' | 'right'): Expr {
  const token = stream.peek();
  const span = {start: token.start, end: token.end};
  if (token.type === 'word') {
    stream.next();
    return side === 'left'
      ? variableExpr('_', token.text.split('.'), span)
      : {kind: 'string', value: token.text, bare: true, span};
  }
  if (token.type === 'parameter' || token.type === 'eof' || stream.is('!') || stream.is(')'))
    return stream.fail('expected a value');
  return parsePrimary(stream, 'argument');
}
