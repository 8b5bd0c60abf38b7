// The tokenizer of the command language: bare words, quoted strings, numbers, parameters,
// variables, and the punctuation of pipelines, hashtables and script blocks.
// The meaning of a few characters depends on where they are (`=` ends a word inside `@{ }`,
// `!` is "not" inside `{ }` and `( )`), so the tokenizer keeps a stack of open brackets.

import {
  DASHES,
  DOUBLE_QUOTES,
  expandHereString,
  SINGLE_QUOTES,
  isQuote,
  scanDoubleQuoted,
  scanEscape,
  scanSingleQuoted,
} from './scan-quoted.js';
import {SyntaxProblem, type PunctValue, type Token} from './token.js';

export interface TokenizeOptions {
  /** For completion and script splitting: never throw; unterminated strings and unclosed brackets are allowed. */
  readonly partial?: boolean;
}

export interface TokenizeResult {
  /** Always ends with an `eof` token. */
  readonly tokens: readonly Token[];
  /** Ranges of `#` and `<# #>` comments. */
  readonly comments: readonly {readonly start: number; readonly end: number}[];
  /** Partial mode: the brackets still open at the end, innermost last (`(`, `@(`, `{`, `@{`). */
  readonly unclosed: readonly string[];
  /** Partial mode: a `<#` block comment runs to the end. */
  readonly openComment: boolean;
}

type Bracket = '(' | '@(' | '{' | '@{' | '[';
type Unspaced = Token extends infer T ? (T extends Token ? Omit<T, 'spaced'> : never) : never;

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Sticky patterns, matched where the scanner stands (no copying of the rest of the line).
const PARAMETER = /[A-Za-z_?][A-Za-z0-9_?]*/y;
const IDENT = /[A-Za-z0-9_]+/y;
/** The casts the language knows; any other `[word]` stays text (a wildcard such as `[ab]*`). */
const CAST = /\[(?:int|int32|int64|long|double|string|datetime|char|bool|boolean|array)\](?![A-Za-z_*?\]])/iy;
const MEMBER = /\.([A-Za-z_][A-Za-z0-9_]*)/y;

const matchAt = (pattern: RegExp, source: string, at: number): RegExpExecArray | null => {
  pattern.lastIndex = at;
  return pattern.exec(source);
};
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const EXPRESSION_AFTER: ReadonlySet<string> = new Set(['=', '(', '@(', '[', '..', ';', '\n', '{']);
/** The operators written as `-name`; a number after one of them is an operand. */
const OPERATOR_NAMES =
  /^[ic]?(?:eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split|join)$|^(?:and|or|xor|not|f)$/i;
const isCastText = (text: string): boolean => /^\[[A-Za-z0-9]+\]$/.test(text);
/**
 * Spec note: a hashtable's value is an expression (`@{Size=1+2}` holds 3, `@{N=-not $true}` False),
 * but a bare date such as `@{From=2024-01-05}` stays one word: PowerShell would subtract
 * (2018); an operator who writes a date there means the date, and the cmdlets read it as one.
 */
const DATE_WORD = /[ \t]*\d{4}-\d{1,2}-\d{1,2}(?:T[0-9:.]*Z?)?(?=[\s;}]|$)/y;
const WORD_END = new Set([' ', '\t', '\n', '|', ';', ',', '(', ')', '{', '}']);

const isSpace = (ch: string): boolean => ch !== '\n' && /\s/.test(ch);

/** Splits a line into tokens; throws SyntaxProblem on text outside the language (unless partial). */
export function tokenize(source: string, options: TokenizeOptions = {}): TokenizeResult {
  return new Scanner(source, options.partial ?? false).run();
}

class Scanner {
  private readonly tokens: Token[] = [];
  private readonly comments: {start: number; end: number}[] = [];
  private readonly stack: {bracket: Bracket; at: number}[] = [];
  private readonly source: string;
  private readonly partial: boolean;
  private i = 0;
  private spaced = true;
  private openComment = false;

  constructor(source: string, partial: boolean) {
    this.source = source;
    this.partial = partial;
  }

  run(): TokenizeResult {
    while (this.skipBlanks()) {
      const start = this.i;
      try {
        this.next();
      } catch (error) {
        if (!(this.partial && error instanceof SyntaxProblem)) throw error;
        this.i = Math.max(start + 1, this.i);
        this.push({type: 'word', text: this.source.slice(start, this.i), start, end: this.i});
      }
    }
    const open = this.stack.at(-1);
    if (open && !this.partial)
      throw new SyntaxProblem(
        open.at,
        `missing the closing '${closer(open.bracket)}' for this '${open.bracket}'`,
      );
    this.tokens.push({type: 'eof', start: this.source.length, end: this.source.length, spaced: this.spaced});
    return {
      tokens: this.tokens,
      comments: this.comments,
      unclosed: this.stack.map((s) => s.bracket),
      openComment: this.openComment,
    };
  }

  /** Skips spaces and comments; false at the end of the source. */
  private skipBlanks(): boolean {
    const s = this.source;
    while (this.i < s.length) {
      const ch = s[this.i]!;
      if (isSpace(ch) || (ch === '`' && s[this.i + 1] === '\n')) {
        this.i += ch === '`' ? 2 : 1;
      } else if (ch === '#') {
        const end = s.indexOf('\n', this.i);
        this.comment(this.i, end < 0 ? s.length : end);
      } else if (ch === '<' && s[this.i + 1] === '#') {
        const close = s.indexOf('#>', this.i + 2);
        if (close < 0 && !this.partial)
          throw new SyntaxProblem(this.i, "missing the closing '#>' of this block comment");
        this.openComment = close < 0;
        this.comment(this.i, close < 0 ? s.length : close + 2);
      } else {
        return true;
      }
      this.spaced = true;
    }
    return false;
  }

  private comment(start: number, end: number): void {
    this.comments.push({start, end});
    this.i = end;
  }

  private push(token: Unspaced): void {
    this.tokens.push({...token, spaced: this.spaced});
    this.spaced = false;
  }

  private punct(value: PunctValue, length = 1): void {
    this.push({type: 'punct', value, start: this.i, end: this.i + length});
    this.i += length;
  }

  private next(): void {
    const s = this.source;
    const ch = s[this.i]!;
    const top = this.stack.at(-1)?.bracket;
    if (ch === '\n' || ch === '|' || ch === ';' || ch === ',') return this.punct(ch);
    if (ch === '=') return this.punct('=');
    if (ch === '(' || ch === '{') return this.open(ch, 1);
    if (
      ch === '@' &&
      (s[this.i + 1] === '"' || s[this.i + 1] === "'") &&
      /^[ \t]*\r?\n/.test(s.slice(this.i + 2, this.i + 64))
    )
      return this.hereString();
    if (ch === '@' && (s[this.i + 1] === '(' || s[this.i + 1] === '{'))
      return this.open(`@${s[this.i + 1]}` as Bracket, 2);
    if (ch === ')' || ch === '}' || (ch === ']' && top === '[')) return this.close(ch);
    if (ch === '.' && s[this.i + 1] === '.' && this.followsOperand()) return this.punct('..', 2);
    if (ch === '[' && this.followsOperand()) return this.open('[', 1);
    if (ch === '[' && matchAt(CAST, s, this.i)) return this.cast();
    if (ch === '!' && (top === '{' || top === '(')) return this.punct('!');
    if (ch === '$') return this.variable();
    if (SINGLE_QUOTES.has(ch) || DOUBLE_QUOTES.has(ch)) return this.quoted();
    if (ch === '&')
      throw new SyntaxProblem(
        this.i,
        'the \'&\' character is not supported; put it in quotes ("&") to use it as text',
      );
    if (ch === '<' || ch === '>')
      throw new SyntaxProblem(
        this.i,
        `redirection ('${ch}') is not supported; put it in quotes to use it as text`,
      );
    if (ch === '@' && /[A-Za-z_]/.test(s[this.i + 1] ?? ''))
      throw new SyntaxProblem(this.i, 'splatting (@name) is not supported');
    if (this.gluedOperator(ch)) return this.operatorSymbol();
    if (DASHES.has(ch) && this.parameter()) return;
    return this.word(top === '@{');
  }

  private open(bracket: Bracket, length: number): void {
    this.stack.push({bracket, at: this.i});
    this.punct(bracket, length);
  }

  /** `$x[0]`, `(...)[0]`, `1..5`: an index or a range glued to the value before it. */
  private followsOperand(): boolean {
    const last = this.tokens.at(-1);
    if (this.spaced || !last) return false;
    if (last.type === 'variable' || last.type === 'number' || last.type === 'string') return true;
    return last.type === 'punct' && (last.value === ')' || last.value === ']');
  }

  /**
   * `$a+1`, `$a-1`, `$i*2`, `(1)/2`, `"a"+"b"`: an arithmetic symbol glued to the value before
   * it is an operator, as in PowerShell; `-` followed by a letter stays a parameter or an
   * operator name (`$a-like "x"`).
   */
  private gluedOperator(ch: string): boolean {
    if (!ARITHMETIC.has(ch) || !this.followsOperand()) return false;
    return ch !== '-' || !/[A-Za-z_?]/.test(this.source[this.i + 1] ?? '');
  }

  /** `+`, `+=` when an assignment operator follows the value (`$t+=1`), or `++` and `--` (`$i++`). */
  private operatorSymbol(): void {
    const ch = this.source[this.i]!;
    const after = this.source[this.i + 1];
    const length = after === '=' || ((ch === '+' || ch === '-') && after === ch) ? 2 : 1;
    this.push({
      type: 'word',
      text: this.source.slice(this.i, this.i + length),
      start: this.i,
      end: this.i + length,
    });
    this.i += length;
  }

  /**
   * Where PowerShell reads an expression, not a command's argument: at the start of a statement,
   * after `=`, an opening bracket, `..`, or an operator. There `10-1` and `2*$i` are arithmetic,
   * while an argument such as `-StartDate 2024-01-05` stays one word.
   */
  private inExpression(): boolean {
    const last = this.tokens.at(-1);
    if (!last) return true;
    if (last.type === 'punct' && last.value === '=' && this.stack.at(-1)?.bracket === '@{')
      return matchAt(DATE_WORD, this.source, last.end) === null;
    if (last.type === 'punct') return EXPRESSION_AFTER.has(last.value);
    if (last.type === 'word') return ARITHMETIC.has(last.text) || last.text === '!' || isCastText(last.text);
    return last.type === 'parameter' && !last.colon && OPERATOR_NAMES.test(last.name);
  }

  private cast(): void {
    const match = matchAt(CAST, this.source, this.i)!;
    this.push({type: 'word', text: match[0], start: this.i, end: this.i + match[0].length});
    this.i += match[0].length;
  }

  private close(ch: ')' | '}' | ']'): void {
    const open = this.stack.at(-1);
    const matches = open && closer(open.bracket) === ch;
    if (!matches && !this.partial) {
      const expected = open
        ? `; expected '${closer(open.bracket)}' to close the '${open.bracket}' at ${open.at + 1}`
        : '';
      throw new SyntaxProblem(this.i, `unexpected '${ch}'${expected}`);
    }
    if (matches) this.stack.pop();
    this.punct(ch);
  }

  private quoted(): void {
    const start = this.i;
    const single = SINGLE_QUOTES.has(this.source[start]!);
    const scanned = single ? scanSingleQuoted(this.source, start) : scanDoubleQuoted(this.source, start);
    if (!scanned.terminated && !this.partial)
      throw new SyntaxProblem(start, 'the string starting here is missing its closing quote');
    this.i = scanned.end;
    // `"a"+"b"` in an expression is an addition; as an argument it is one word, `a+b`.
    const operatorNext = ARITHMETIC.has(this.source[this.i] ?? '') && this.inExpression();
    // `"abc".Length` in an expression reads a member; as an argument it is one word, `abc.Length`.
    const membersNext = matchAt(MEMBER, this.source, this.i) !== null && this.inExpression();
    if (!operatorNext && !membersNext && this.continuesWord())
      return this.word(this.stack.at(-1)?.bracket === '@{', start, scanned.value);
    this.push({
      type: 'string',
      value: scanned.value,
      quote: single ? "'" : '"',
      start,
      end: this.i,
      ...(scanned.parts ? {parts: scanned.parts} : {}),
      ...(scanned.terminated ? {} : {unterminated: true}),
    });
    if (membersNext) this.members();
  }

  /** `.Length.Foo` glued to the value before it, as one word the parser reads as members. */
  private members(): void {
    const start = this.i;
    for (
      let member = matchAt(MEMBER, this.source, this.i);
      member;
      member = matchAt(MEMBER, this.source, this.i)
    )
      this.i += member[0].length;
    this.push({type: 'word', text: this.source.slice(start, this.i), start, end: this.i});
  }

  /**
   * A here-string: `@"` or `@'` ending its line, the text, then `"@` or `'@` at the start of a
   * line. The new lines next to the markers are not part of the text.
   */
  private hereString(): void {
    const s = this.source;
    const start = this.i;
    const quote = s[start + 1]!;
    const bodyStart = s.indexOf('\n', start + 2) + 1;
    const closing = `\n${quote}@`;
    const close = s.indexOf(closing, bodyStart - 1);
    if (close < 0) {
      if (!this.partial)
        throw new SyntaxProblem(
          start,
          `the here-string starting here is missing its closing ${quote}@ at the start of a line`,
        );
      this.i = s.length;
      this.push({
        type: 'string',
        value: s.slice(bodyStart),
        quote: '"',
        start,
        end: this.i,
        unterminated: true,
      });
      return;
    }
    const bodyEnd = Math.max(bodyStart, s[close - 1] === '\r' ? close - 1 : close);
    this.i = close + closing.length;
    const single = quote === "'";
    const body = single ? {value: s.slice(bodyStart, bodyEnd)} : expandHereString(s, bodyStart, bodyEnd);
    this.push({type: 'string', quote: single ? "'" : '"', start, end: this.i, ...body});
  }

  /** A quoted part glued to word characters (`abc"def"ghi`) is one word, as in PowerShell. */
  private continuesWord(): boolean {
    const ch = this.source[this.i];
    if (ch === ']' && this.stack.at(-1)?.bracket === '[') return false;
    return (
      ch !== undefined &&
      !WORD_END.has(ch) &&
      !isSpace(ch) &&
      ch !== '=' &&
      ch !== '#' &&
      ch !== '$' &&
      ch !== '[' &&
      !isQuote(ch)
    );
  }

  private variable(): void {
    const s = this.source;
    const start = this.i;
    const after = s[start + 1];
    if (after === '(') throw new SyntaxProblem(start, 'subexpressions $( ) are not supported');
    if (after === '{') throw new SyntaxProblem(start, 'braced variable names ${ } are not supported');
    const name = matchAt(IDENT, s, start + 1)?.[0];
    if (!name) throw new SyntaxProblem(start, "a variable name was expected after '$'");
    this.i = start + 1 + name.length;
    if (s[this.i] === ':')
      throw new SyntaxProblem(start, `scoped and environment variables ($${name}:...) are not supported`);
    const path: string[] = [];
    for (let member = matchAt(MEMBER, s, this.i); member; member = matchAt(MEMBER, s, this.i)) {
      path.push(member[1]!);
      this.i += member[0].length;
    }
    this.push({type: 'variable', name, path, start, end: this.i});
  }

  /** A bare word, which may turn out to be a number or a -Parameter. */
  private word(inHashtable: boolean, start = this.i, prefix: string | null = null): void {
    const s = this.source;
    let text = prefix ?? '';
    let plain = prefix === null;
    const inIndex = this.stack.at(-1)?.bracket === '[';
    const expression = prefix === null && this.inExpression();
    while (this.i < s.length) {
      // Letters, digits and `_` never end a word nor change it: a run of them is taken whole (a
      // character at a time, the command's name cost a cold line more than the rest of its tokens).
      const run = matchAt(IDENT, s, this.i)?.[0];
      if (run) {
        text += run;
        this.i += run.length;
        continue;
      }
      const ch = s[this.i]!;
      if (WORD_END.has(ch) || isSpace(ch) || (inHashtable && ch === '=')) break;
      if (inIndex && ch === ']') break;
      // `-$x`, `!$x`: a sign or a "not" before a variable is an operator of its own.
      if (ch === '$' && plain && (text === '-' || text === '!')) break;
      // `1..5`: a whole number followed by `..` is the start of a range.
      if (ch === '.' && s[this.i + 1] === '.' && plain && /^-?\d+$/.test(text)) break;
      // `10-1`, `2*$i` in an expression: a number followed by an arithmetic symbol.
      if (ARITHMETIC.has(ch) && plain && NUMBER.test(text) && expression) break;
      if (ch === '&' || ch === '<' || ch === '>')
        throw new SyntaxProblem(
          this.i,
          `the '${ch}' character is not supported in a bare word; put the value in quotes`,
        );
      if (ch === '`') {
        if (s[this.i + 1] === '\n') break;
        const escaped = scanEscape(s, this.i);
        text += escaped.value;
        this.i = escaped.end;
        plain = false;
      } else if (isQuote(ch)) {
        const scanned = SINGLE_QUOTES.has(ch) ? scanSingleQuoted(s, this.i) : scanDoubleQuoted(s, this.i);
        if (!scanned.terminated && !this.partial)
          throw new SyntaxProblem(this.i, 'the string starting here is missing its closing quote');
        text += scanned.value;
        this.i = scanned.end;
        plain = false;
      } else {
        text += ch;
        this.i += 1;
      }
    }
    this.classifyWord(start, text, plain);
  }

  private classifyWord(start: number, text: string, plain: boolean): void {
    const end = this.i;
    const dashed = DASHES.has(text[0] ?? '') ? `-${text.slice(1)}` : text;
    if (plain && NUMBER.test(dashed))
      this.push({type: 'number', value: Number(dashed), text: dashed, start, end});
    else this.push({type: 'word', text, start, end});
  }

  /** `-Name`, or `-Name:` with its value as the next token; false when the dash starts a word (`-5`, `-x.y`). */
  private parameter(): boolean {
    const s = this.source;
    const start = this.i;
    const name = matchAt(PARAMETER, s, start + 1)?.[0];
    if (!name) return false;
    const after = s[start + 1 + name.length];
    const colon = after === ':';
    if (!colon && after !== undefined && !WORD_END.has(after) && !isSpace(after)) return false;
    this.i = start + 1 + name.length + (colon ? 1 : 0);
    this.push({type: 'parameter', name, colon, start, end: this.i});
    return true;
  }
}

const closer = (bracket: Bracket): ')' | '}' | ']' =>
  bracket === '[' ? ']' : bracket === '(' || bracket === '@(' ? ')' : '}';
