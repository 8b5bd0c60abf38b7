// Filter blocks (`Where-Object {...}`, `-Filter {...}`, `-Filter "..."`) are value expressions,
// read by the one operator parser (parse-operators.ts) in its 'filter' context. That context
// holds the one rule of filters: a bare word names a property of the object (`Name -like "x*"`
// reads $_.Name), except on the right of a comparison, where it is text (`Privacy -eq Closed`).
// The rule lives in parseAtom and parseGroup (parse-expression.ts) and in the comparison level
// of parse-operators.ts, which switches its right side to the 'argument' context.

import type {CompareOperator, Expr} from './ast.js';
import {parseExpression} from './parse-operators.js';
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
export function parseFilterBody(stream: TokenStream): Expr | null {
  if (stream.peek().type === 'eof') return null;
  const expr = parseExpression(stream, 'filter');
  const token = stream.peek();
  if (token.type === 'parameter' && !token.colon)
    throw new SyntaxProblem(
      token.start,
      `unknown operator '-${token.name}'; expected one of ${OPERATOR_LIST}, -and, -or, -not`,
    );
  if (token.type !== 'eof') stream.fail('expected -and, -or or the end of the block');
  return expr;
}

/** A filter given as text (`-Filter "Department -eq 'IT'"`, or a block's text); throws SyntaxProblem. */
export function parseFilterText(text: string): Expr | null {
  const tokens = tokenize(`{${text}}`).tokens;
  const stream = new TokenStream(tokens, `{${text}}`);
  const open = stream.next();
  return parseFilterBody(stream.enclosed(open).inner);
}
