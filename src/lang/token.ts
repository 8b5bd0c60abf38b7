import type {TemplatePart} from './scan-quoted.js';

// The tokens of the command language. Offsets are UTF-16 indexes into the source line;
// `end` is exclusive. Every token keeps its place so errors can name the column.

export type PunctValue =
  '|' | ';' | ',' | '=' | '(' | ')' | '@(' | '@{' | '{' | '}' | '!' | '\n' | '..' | '[' | ']';

interface TokenBase {
  readonly start: number;
  readonly end: number;
  /** True when whitespace (or a comment) separates this token from the one before. */
  readonly spaced: boolean;
}

export interface WordToken extends TokenBase {
  readonly type: 'word';
  /** The word with backtick escapes and embedded quotes resolved. */
  readonly text: string;
}

export interface NumberToken extends TokenBase {
  readonly type: 'number';
  readonly value: number;
  /** The literal as written, so `-Name 007` can still bind the string "007". */
  readonly text: string;
}

export interface StringToken extends TokenBase {
  readonly type: 'string';
  readonly value: string;
  readonly quote: "'" | '"';
  /** An expandable string's text and references, in order (absent when nothing expands). */
  readonly parts?: readonly TemplatePart[];
  /** Only in partial mode: the closing quote is missing. */
  readonly unterminated?: boolean;
}

export interface VariableToken extends TokenBase {
  readonly type: 'variable';
  /** Without the `$`; `_` for the pipeline item. */
  readonly name: string;
  /** Member names after the variable: `$_.Owner.Name` → ['Owner', 'Name']. */
  readonly path: readonly string[];
}

export interface ParameterToken extends TokenBase {
  readonly type: 'parameter';
  /** Without the dash (and without the colon). */
  readonly name: string;
  /** `-Confirm:$false`: the value follows the colon. */
  readonly colon: boolean;
}

export interface PunctToken extends TokenBase {
  readonly type: 'punct';
  readonly value: PunctValue;
}

export interface EofToken extends TokenBase {
  readonly type: 'eof';
}

export type Token =
  WordToken | NumberToken | StringToken | VariableToken | ParameterToken | PunctToken | EofToken;

/** A problem found while reading the line; `offset` is where it is. */
export class SyntaxProblem extends Error {
  readonly offset: number;

  constructor(offset: number, message: string) {
    super(message);
    this.name = 'SyntaxProblem';
    this.offset = offset;
  }
}

export const isPunct = (token: Token, value: PunctValue): token is PunctToken =>
  token.type === 'punct' && token.value === value;

/** What a token looks like in an error message. */
export const describeToken = (token: Token, source: string): string => {
  // The end of an enclosed stream sits on its closing bracket.
  if (token.type === 'eof') return token.start < source.length ? `'${source[token.start]}'` : 'end of line';
  if (isPunct(token, '\n')) return 'end of line';
  const text = source.slice(token.start, token.end);
  return `'${text.length > 30 ? `${text.slice(0, 30)}...` : text}'`;
};

/** "column 12", or "line 2, column 3" when the source has several lines. */
export const describePosition = (source: string, offset: number): string => {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return line > 1 ? `line ${line}, column ${column}` : `column ${column}`;
};
