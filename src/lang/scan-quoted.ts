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

/** A piece of an expandable string: literal text, or the source of `$name`, `${name}` or `$( )`. */
export type TemplatePart =
  | {readonly kind: 'text'; readonly text: string}
  | {readonly kind: 'variable'; readonly name: string; readonly start: number; readonly end: number}
  | {readonly kind: 'subexpression'; readonly source: string; readonly start: number; readonly end: number};

export interface Scanned {
  /** The text with escapes resolved and `$` references left as written. */
  readonly value: string;
  /** Only for double-quoted text that refers to a variable or a subexpression. */
  readonly parts?: readonly TemplatePart[];
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

/** Text a double-quoted string keeps as it is: no backtick, `$` or double quote. */
const PLAIN_DOUBLE_QUOTED = new RegExp(`[^\`$${[...DOUBLE_QUOTES].join('')}]+`, 'y');

/**
 * A "double-quoted" string: backtick escapes, `""` for a quote, and PowerShell's expansion of
 * `$name`, `${name}` and `$( )` (kept as parts; `$` followed by anything else is literal).
 */
export function scanDoubleQuoted(source: string, start: number): Scanned {
  const parts = new TemplateBuilder();
  let i = start + 1;
  while (i < source.length) {
    // A run of plain text is taken whole (a character at a time, a cold line paid for each).
    PLAIN_DOUBLE_QUOTED.lastIndex = i;
    const plain = PLAIN_DOUBLE_QUOTED.exec(source)?.[0];
    if (plain) {
      parts.text(plain);
      i += plain.length;
      continue;
    }
    const ch = source[i]!;
    if (ch === '`') {
      const escaped = scanEscape(source, i);
      parts.text(escaped.value);
      i = escaped.end;
      continue;
    }
    if (DOUBLE_QUOTES.has(ch)) {
      if (DOUBLE_QUOTES.has(source[i + 1] ?? '')) {
        parts.text(ch);
        i += 2;
        continue;
      }
      return {...parts.done(source.slice(start + 1, i)), end: i + 1, terminated: true};
    }
    if (ch === '$') {
      const reference = scanReference(source, i);
      if (reference) {
        parts.reference(reference);
        i = reference.end;
        continue;
      }
    }
    parts.text(ch);
    i += 1;
  }
  return {...parts.done(source.slice(start + 1, i)), end: i, terminated: false};
}

/**
 * The body of an expandable here-string (`@"` … `"@`): references expand and backticks escape,
 * but quotes are plain text.
 */
export function expandHereString(
  source: string,
  from: number,
  to: number,
): Omit<Scanned, 'end' | 'terminated'> {
  const parts = new TemplateBuilder();
  let i = from;
  while (i < to) {
    const ch = source[i]!;
    if (ch === '`') {
      const escaped = scanEscape(source.slice(0, to), i);
      parts.text(escaped.value);
      i = escaped.end;
      continue;
    }
    const reference = ch === '$' ? scanReference(source.slice(0, to), i) : null;
    if (reference) {
      parts.reference(reference);
      i = reference.end;
      continue;
    }
    parts.text(ch);
    i += 1;
  }
  return parts.done(source.slice(from, to));
}

type Reference = Exclude<TemplatePart, {kind: 'text'}>;

const NAME = /[A-Za-z0-9_]+/y;

/** `$name`, `${name}` or `$( … )` at `at`, or null when the `$` is literal. */
function scanReference(source: string, at: number): Reference | null {
  const next = source[at + 1];
  if (next === '(') {
    const close = matchingParen(source, at + 1);
    if (close < 0) throw new SyntaxProblem(at, "missing the closing ')' of this $( ) in the string");
    return {kind: 'subexpression', source: source.slice(at + 2, close), start: at + 2, end: close + 1};
  }
  if (next === '{') {
    const close = source.indexOf('}', at + 2);
    if (close < 0) throw new SyntaxProblem(at, "missing the closing '}' of this ${ } in the string");
    return {kind: 'variable', name: source.slice(at + 2, close), start: at, end: close + 1};
  }
  NAME.lastIndex = at + 1;
  const name = NAME.exec(source)?.[0];
  return name ? {kind: 'variable', name, start: at, end: at + 1 + name.length} : null;
}

/** The `)` closing the `(` at `open`, skipping nested brackets and quoted text; -1 if none. */
function matchingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i += 1) {
    const ch = source[i]!;
    if (ch === '`') i += 1;
    else if (SINGLE_QUOTES.has(ch)) i = scanSingleQuoted(source, i).end - 1;
    else if (DOUBLE_QUOTES.has(ch)) i = scanDoubleQuoted(source, i).end - 1;
    else if (ch === '(') depth += 1;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

class TemplateBuilder {
  private readonly parts: TemplatePart[] = [];
  private pending = '';
  private expands = false;

  text(text: string): void {
    this.pending += text;
  }

  reference(reference: Reference): void {
    if (this.pending !== '') this.parts.push({kind: 'text', text: this.pending});
    this.pending = '';
    this.parts.push(reference);
    this.expands = true;
  }

  /** `raw` is the source between the quotes, the value of a string that expands nothing. */
  done(raw: string): Omit<Scanned, 'end' | 'terminated'> {
    if (this.pending !== '') this.parts.push({kind: 'text', text: this.pending});
    const literal = this.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
    return this.expands ? {value: raw, parts: this.parts} : {value: literal};
  }
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
