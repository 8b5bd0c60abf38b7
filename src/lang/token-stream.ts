// A cursor over tokens for the recursive-descent parser, with the error helpers it needs.

import type {Span} from './ast.js';
import {SyntaxProblem, describeToken, isPunct, type PunctValue, type Token} from './token.js';

/** Nesting deeper than this is refused, so no line can exhaust the stack. */
export const MAX_DEPTH = 100;

export class TokenStream {
  readonly tokens: readonly Token[];
  readonly source: string;
  private pos = 0;
  private depth: number;

  constructor(tokens: readonly Token[], source: string, depth = 0) {
    this.tokens = tokens;
    this.source = source;
    this.depth = depth;
  }

  /** How deep the parse is nested, for a stream made from part of this one. */
  get level(): number {
    return this.depth;
  }

  /** Runs a nested parse one level deeper. */
  nested<T>(at: number, parse: () => T): T {
    if (this.depth >= MAX_DEPTH)
      throw new SyntaxProblem(at, `the expression nests more than ${MAX_DEPTH} levels deep`);
    this.depth += 1;
    try {
      return parse();
    } finally {
      this.depth -= 1;
    }
  }

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.pos += 1;
    return token;
  }

  /** The last token taken, for the end of a span. */
  previous(): Token {
    return this.tokens[Math.max(0, this.pos - 1)]!;
  }

  is(value: PunctValue, ahead = 0): boolean {
    return isPunct(this.peek(ahead), value);
  }

  /** Takes the punctuation if it is next. */
  accept(value: PunctValue): boolean {
    if (!this.is(value)) return false;
    this.next();
    return true;
  }

  expect(value: PunctValue, what: string): Token {
    if (!this.is(value)) this.fail(`expected ${what}`);
    return this.next();
  }

  skipNewlines(): void {
    while (this.is('\n')) this.next();
  }

  /** Throws "expected X, found Y" at the next token. */
  fail(expected: string, token: Token = this.peek()): never {
    throw new SyntaxProblem(token.start, `${expected}, found ${describeToken(token, this.source)}`);
  }

  spanFrom(start: number): Span {
    return {start, end: this.previous().end};
  }

  /** The tokens between this `{`/`(` (already taken) and its partner, as a stream of their own. */
  enclosed(open: Token): {inner: TokenStream; close: Token} {
    let depth = 0;
    const inner: Token[] = [];
    for (;;) {
      const token = this.next();
      if (token.type === 'eof')
        throw new SyntaxProblem(
          open.start,
          `missing the closing bracket for this '${this.source.slice(open.start, open.end)}'`,
        );
      if (
        token.type === 'punct' &&
        (token.value === '(' || token.value === '@(' || token.value === '{' || token.value === '@{')
      )
        depth += 1;
      if (token.type === 'punct' && (token.value === ')' || token.value === '}')) {
        if (depth === 0) {
          const eof: Token = {type: 'eof', start: token.start, end: token.start, spaced: false};
          return {
            inner: new TokenStream([...inner.filter((t) => !isPunct(t, '\n')), eof], this.source, this.depth),
            close: token,
          };
        }
        depth -= 1;
      }
      inner.push(token);
    }
  }
}
