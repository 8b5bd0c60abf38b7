// Quoted strings and backtick escapes. PowerShell also accepts the typographic quotes and
// dashes that word processors put into pasted documentation, so we do too.

import {SyntaxProblem} from './token.js';

export const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);
export const DOUBLE_QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);
export const DASHES = new Set(['-', '\u2013', '\u2014', '\u2015']);

export const isQuote = (ch: string | undefined): boolean =>
  ch !== undefined && (SINGLE_QUOTES.has(ch) || DOUBLE_QUOTES.has(ch));

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\u0007',
  b: '\b',
  e: '\u001b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

export interface Scanned {
  readonly value: string;
  /** Offset just past the closing quote (or the end of the source when unterminated). */
  readonly end: number;
  readonly terminated: boolean;
}

/** A 'single-quoted' string starting at `start`: everything literal, a doubled quote is one quote. */
export function scanSingleQuoted(source: string, start: number): Scanned {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (SINGLE_QUOTES.has(ch)) {
      if (SINGLE_QUOTES.has(source[i + 1] ?? '')) {
        value += ch;
        i += 2;
        continue;
      }
      return {value, end: i + 1, terminated: true};
    }
    value += ch;
    i += 1;
  }
  return {value, end: i, terminated: false};
}

/** A "double-quoted" string: backtick escapes, `""` for a quote; `$` stays literal (no expansion). */
export function scanDoubleQuoted(source: string, start: number): Scanned {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '`') {
      const escaped = scanEscape(source, i);
      value += escaped.value;
      i = escaped.end;
      continue;
    }
    if (DOUBLE_QUOTES.has(ch)) {
      if (DOUBLE_QUOTES.has(source[i + 1] ?? '')) {
        value += ch;
        i += 2;
        continue;
      }
      return {value, end: i + 1, terminated: true};
    }
    value += ch;
    i += 1;
  }
  return {value, end: i, terminated: false};
}

/** The backtick escape at `at` (which holds the backtick). */
export function scanEscape(source: string, at: number): {value: string; end: number} {
  const next = source[at + 1];
  if (next === undefined) return {value: '', end: at + 1};
  if (next === 'u' && source[at + 2] === '{') {
    const close = source.indexOf('}', at + 3);
    const hex = close < 0 ? '' : source.slice(at + 3, close);
    const code = /^[0-9a-fA-F]{1,6}$/.test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
    if (!(code <= 0x10ffff))
      throw new SyntaxProblem(
        at,
        'the Unicode escape sequence is not valid; write `u{XXXX} with 1 to 6 hexadecimal digits',
      );
    return {value: String.fromCodePoint(code), end: close + 1};
  }
  const simple = SIMPLE_ESCAPES[next];
  // Other characters stand for themselves: `" `` `$ `'
  return {value: simple ?? next, end: at + 2};
}
