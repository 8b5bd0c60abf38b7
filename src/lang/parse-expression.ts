// Values: bare words, strings, numbers, variables, `a,b` arrays, `@( )`, `@{ }` hashtables,
// `( )` groups and `{ }` script blocks (whose body is parsed as a filter right away, so a
// broken block is a ParserError before anything runs).

import type {Expr, HashtableEntry} from './ast.js';
import {parseFilterBody} from './parse-filter.js';
import {SyntaxProblem, type Token} from './token.js';
import {TokenStream} from './token-stream.js';
import {tokenize} from './tokenize.js';
import {parseBlockBody, parsePipeline, parseSubexpressionBody} from './parse.js';
import type {TemplatePart} from './scan-quoted.js';
import {parseArgumentExpression, parseExpression} from './parse-operators.js';

/**
 * Where a value appears: bare words are text in arguments, properties of `$_` in filters (see
 * parse-filter.ts), and would be commands elsewhere.
 */
export type ValueContext = 'argument' | 'expression' | 'filter';

const CONSTANTS: Readonly<Record<string, null | boolean>> = {null: null, true: true, false: false};

/** True when the token can begin a value. */
export const startsValue = (token: Token): boolean =>
  token.type === 'word' ||
  token.type === 'number' ||
  token.type === 'string' ||
  token.type === 'variable' ||
  (token.type === 'punct' &&
    (token.value === '(' || token.value === '@(' || token.value === '@{' || token.value === '{'));

/** A value, or several joined by commas into an array. */
export function parseValue(stream: TokenStream, context: ValueContext): Expr {
  if (context !== 'argument') return parseExpression(stream, context);
  const start = stream.peek().start;
  const first = parseArgumentItem(stream, context);
  if (!stream.is(',')) return first;
  const items = [first];
  while (stream.accept(',')) {
    stream.skipNewlines();
    items.push(parseArgumentItem(stream, context));
  }
  return {kind: 'array', items, span: stream.spanFrom(start)};
}

/** An argument is a primary, or a range of two: `Write-Output 1..3`, as in PowerShell. */
function parseArgumentItem(stream: TokenStream, context: ValueContext): Expr {
  const from = parsePrimary(stream, context);
  if (!stream.accept('..')) return from;
  const to = parsePrimary(stream, context);
  return {kind: 'binary', op: 'range', left: from, right: to, span: stream.spanFrom(from.span.start)};
}

export function parsePrimary(stream: TokenStream, context: ValueContext): Expr {
  let value = parseAtom(stream, context);
  for (;;) {
    const method = isCallNext(stream) ? lastMember(value) : null;
    if (method) {
      value = parseCall(stream, method.target, method.name);
      continue;
    }
    if (!stream.is('[')) return value;
    const open = stream.next();
    const index = stream.nested(open.start, () => parseExpression(stream));
    stream.expect(']', "']' to close the index");
    value = {
      kind: 'index',
      target: value,
      index,
      path: membersAfter(stream),
      span: stream.spanFrom(value.span.start),
    };
  }
}

/** `(` glued to a member name: `$d.AddDays(1)`; `$d.AddDays (1)` is two values, as in PowerShell. */
const isCallNext = (stream: TokenStream): boolean => stream.is('(') && !stream.peek().spaced;

/** The value's last member, split off as a method name; null when the value ends in no member. */
function lastMember(value: Expr): {target: Expr; name: string} | null {
  if (value.kind !== 'variable' && value.kind !== 'member' && value.kind !== 'index') return null;
  const name = value.path.at(-1);
  if (name === undefined) return null;
  const path = value.path.slice(0, -1);
  if (value.kind === 'member' && path.length === 0) return {target: value.target, name};
  return {target: {...value, path}, name};
}

/** `name(arg, arg)` and the members after its `)`: `.AddDays(-7).Date`. */
function parseCall(stream: TokenStream, target: Expr, name: string): Expr {
  const open = stream.next();
  stream.skipNewlines();
  let args: readonly Expr[] = [];
  if (!stream.is(')')) {
    const value = stream.nested(open.start, () => parseExpression(stream));
    args = value.kind === 'array' ? value.items : [value];
  }
  stream.skipNewlines();
  stream.expect(')', `')' to close the arguments of ${name}( )`);
  const call: Expr = {kind: 'method', target, name, args, span: stream.spanFrom(target.span.start)};
  const path = membersAfter(stream);
  return path.length === 0
    ? call
    : {kind: 'member', target: call, path, span: stream.spanFrom(target.span.start)};
}

/** `.Name.Count` glued to the `]` or `)` before it. */
function membersAfter(stream: TokenStream): string[] {
  const after = stream.peek();
  if (after.type !== 'word' || after.spaced || !MEMBERS.test(after.text)) return [];
  stream.next();
  return after.text.slice(1).split('.');
}

function parseAtom(stream: TokenStream, context: ValueContext): Expr {
  const token = stream.peek();
  const span = {start: token.start, end: token.end};
  switch (token.type) {
    case 'string': {
      stream.next();
      const text: Expr = token.parts
        ? {kind: 'template', parts: token.parts.map(templatePart), span}
        : {kind: 'string', value: token.value, bare: false, span};
      const path = membersAfter(stream);
      return path.length === 0
        ? text
        : {kind: 'member', target: text, path, span: stream.spanFrom(token.start)};
    }
    case 'number':
      stream.next();
      return {kind: 'number', value: token.value, text: token.text, span};
    case 'variable':
      stream.next();
      return variableExpr(token.name, token.path, span);
    case 'word':
      if (context === 'filter') {
        stream.next();
        return variableExpr('_', token.text.split('.'), span);
      }
      if (context !== 'argument')
        throw new SyntaxProblem(
          token.start,
          `commands inside an expression are not supported ('${token.text}'); quote the value if it is text`,
        );
      stream.next();
      return {kind: 'string', value: token.text, bare: true, span};
    case 'punct':
      if (token.value === '@{') return stream.nested(token.start, () => parseHashtable(stream));
      if (token.value === '@(') return stream.nested(token.start, () => parseArrayExpression(stream));
      if (token.value === '{') return stream.nested(token.start, () => parseScriptBlock(stream));
      if (token.value === '(') return stream.nested(token.start, () => parseGroup(stream, context));
      return stream.fail('expected a value');
    case 'parameter':
    case 'eof':
      return stream.fail('expected a value');
  }
}

/**
 * One piece of an expandable string. `$( )` holds a pipeline, as in PowerShell:
 * `"$($_.Name)"` is a value, `"$(Get-X | Measure-Object)"` runs the commands, within the line's
 * value and time budgets as any nested pipeline.
 */
function templatePart(part: TemplatePart): string | Expr {
  if (part.kind === 'text') return part.text;
  if (part.kind === 'variable') return variableExpr(part.name, [], {start: part.start, end: part.end});
  try {
    const stream = new TokenStream(tokenize(part.source).tokens, part.source);
    const statements = parseBlockBody(stream);
    const only = statements[0];
    if (statements.length !== 1 || only?.kind !== 'pipeline')
      throw new SyntaxProblem(0, 'a $( ) in a string holds one value or one pipeline');
    const [first] = only.pipeline.stages;
    if (only.pipeline.stages.length === 1 && first?.kind === 'expression') return first.expr;
    return {kind: 'subpipeline', pipeline: only.pipeline, span: only.pipeline.span};
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    throw new SyntaxProblem(part.start + error.offset, `in the string's $( ): ${error.message}`);
  }
}

export const variableExpr = (
  name: string,
  path: readonly string[],
  span: {start: number; end: number},
): Expr => {
  const constant = CONSTANTS[name.toLowerCase()];
  if (constant !== undefined && path.length === 0) return {kind: 'constant', value: constant, span};
  return {kind: 'variable', name, path, span};
};

function parseHashtable(stream: TokenStream): Expr {
  const open = stream.next();
  const entries: HashtableEntry[] = [];
  const seen = new Set<string>();
  for (;;) {
    while (stream.accept(';') || stream.accept('\n'));
    if (stream.accept('}')) break;
    const keyToken = stream.peek();
    const key = keyText(keyToken);
    if (key === null) stream.fail("expected a key (Key = value) or '}' in the hashtable");
    stream.next();
    if (seen.has(key.toLowerCase()))
      throw new SyntaxProblem(keyToken.start, `the key '${key}' appears twice in this hashtable`);
    seen.add(key.toLowerCase());
    stream.skipNewlines();
    stream.expect('=', `'=' after the key '${key}'`);
    stream.skipNewlines();
    entries.push({key, value: parseArgumentExpression(stream)});
    if (!stream.is(';') && !stream.is('\n') && !stream.is('}'))
      stream.fail("expected ';', a new line or '}' after the hashtable entry");
  }
  return {kind: 'hashtable', entries, span: {start: open.start, end: stream.previous().end}};
}

const keyText = (token: Token): string | null => {
  if (token.type === 'word') return token.text;
  if (token.type === 'string' || token.type === 'number')
    return token.type === 'string' ? token.value : token.text;
  return null;
};

/** `@( )` holds statements, as in PowerShell: `@(Get-X -Y).Count`, `@(1 + 2)`, `@()`. */
function parseArrayExpression(stream: TokenStream): Expr {
  const open = stream.next();
  const statements = parseSubexpressionBody(stream);
  stream.expect(')', "')' to close the @( )");
  const value: Expr = {kind: 'subexpression', statements, span: stream.spanFrom(open.start)};
  const path = membersAfter(stream);
  if (path.length === 0) return value;
  return {kind: 'member', target: value, path, span: stream.spanFrom(open.start)};
}

/**
 * `( )` holds a value or a whole pipeline, which may start with a value: `(Get-X).Count`,
 * `('{"a":1}' | ConvertFrom-Json).a`; members may follow the `)` directly.
 * In a filter, a bare word in a group is a property: `(Name -eq "a") -or (Size -gt 2)`.
 */
function parseGroup(stream: TokenStream, context: ValueContext): Expr {
  const open = stream.next();
  stream.skipNewlines();
  const inner = context === 'filter' ? parseValue(stream, 'filter') : groupPipeline(stream);
  stream.skipNewlines();
  stream.expect(')', "')' to close the parenthesis");
  const path = membersAfter(stream);
  if (path.length === 0) return inner;
  return {kind: 'member', target: inner, path, span: stream.spanFrom(open.start)};
}

/** A pipeline of one value is that value: `(1 + 2)` stays an expression. */
function groupPipeline(stream: TokenStream): Expr {
  const pipeline = parsePipeline(stream);
  const [first] = pipeline.stages;
  if (pipeline.stages.length === 1 && first?.kind === 'expression') return first.expr;
  return {kind: 'subpipeline', pipeline, span: pipeline.span};
}

const MEMBERS = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

function parseScriptBlock(stream: TokenStream): Expr {
  const open = stream.next();
  const {inner, close} = stream.enclosed(open);
  let filter = parsedBlocks.get(open);
  if (filter === undefined) {
    try {
      filter = filterOrStatements(stream, inner, open.end, close.start);
    } catch (error) {
      if (error instanceof SyntaxProblem) parsedBlocks.set(open, error);
      throw error;
    }
    parsedBlocks.set(open, filter);
  }
  if (filter instanceof SyntaxProblem) throw filter;
  return {
    kind: 'scriptblock',
    text: stream.source.slice(open.end, close.start).trim(),
    filter,
    span: {start: open.start, end: close.end},
  };
}

/** A block inside a block is met again when the outer one is read as statements: parse it once. */
const parsedBlocks = new WeakMap<Token, Expr | null | SyntaxProblem>();

/**
 * A block that reads as a filter keeps its filter (Where-Object, -Filter); any other block must
 * parse as statements (ForEach-Object { $_.Size * 2 }), and its filter is null.
 */
function filterOrStatements(
  stream: TokenStream,
  inner: TokenStream,
  start: number,
  end: number,
): Expr | null {
  try {
    return parseFilterBody(inner);
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    const tokens = stream.tokens.filter((t) => t.start >= start && t.end <= end && t.type !== 'eof');
    const eof: Token = {type: 'eof', start: end, end, spaced: false};
    const body = new TokenStream([...tokens, eof], stream.source, stream.level);
    try {
      parseBlockBody(body);
    } catch {
      throw error;
    }
    return null;
  }
}
