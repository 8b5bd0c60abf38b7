// The parser: a LINE is statements separated by `;` (or new lines); a statement is
// `$name = <pipeline>` or a pipeline; a pipeline is commands joined by `|`, and only its
// first element may be a value. Errors name the column and what was expected.

import type {
  BinaryOperator,
  Command,
  Expr,
  CommandElement,
  ForeachStatement,
  IfStatement,
  Pipeline,
  Stage,
  Statement,
} from './ast.js';
import {parseValue, startsValue} from './parse-expression.js';
import {isCastWord} from './parse-operators.js';
import {SyntaxProblem, describePosition, isPunct, type Token, type VariableToken} from './token.js';
import {TokenStream} from './token-stream.js';
import {tokenize} from './tokenize.js';

export interface ParseFailure {
  /** 0-based offset into the source. */
  readonly offset: number;
  /** "At column 12: expected a value after '-Identity:', found end of line." */
  readonly message: string;
}

export type ParseResult =
  | {readonly ok: true; readonly statements: readonly Statement[]}
  | {readonly ok: false; readonly error: ParseFailure};

export function parse(source: string): ParseResult {
  try {
    const stream = new TokenStream(tokenize(source).tokens, source);
    return {ok: true, statements: parseStatements(stream)};
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    return {ok: false, error: {offset: error.offset, message: problemMessage(source, error)}};
  }
}

export const problemMessage = (source: string, problem: SyntaxProblem): string =>
  `At ${describePosition(source, problem.offset)}: ${problem.message}.`;

const NOT_ASSIGNABLE = new Set(['null', 'true', 'false', '_']);

/** Statements up to the end of the stream, or up to the `}` of a block or the `)` of an `@( )`. */
function parseStatements(stream: TokenStream, closer: '}' | ')' | null = null): Statement[] {
  const statements: Statement[] = [];
  const atEnd = (): boolean => stream.peek().type === 'eof' || (closer !== null && stream.is(closer));
  const end = closer === null ? 'the end of the line' : closer === '}' ? 'the end of the block' : "')'";
  for (;;) {
    while (stream.accept(';') || stream.accept('\n'));
    if (atEnd()) return statements;
    statements.push(parseStatement(stream));
    if (!stream.is(';') && !stream.is('\n') && !atEnd()) stream.fail(`expected '|', ';' or ${end}`);
  }
}

/** The statements of an `@( )`, up to its `)`. */
export const parseSubexpressionBody = (stream: TokenStream): Statement[] => parseStatements(stream, ')');

/** The statements of a `{ }` block given as its own stream (its closing brace is the stream's end). */
export function parseBlockBody(stream: TokenStream): Statement[] {
  return parseStatements(stream);
}

/** `{ statements }` after foreach ( ) or if ( ). */
function parseBlock(stream: TokenStream, after: string): Statement[] {
  stream.skipNewlines();
  const open = stream.expect('{', `'{' after ${after}`);
  const body = stream.nested(open.start, () => parseStatements(stream, '}'));
  stream.expect('}', "'}' to close the block");
  return body;
}

/** `( pipeline )` after if / elseif. */
function parseCondition(stream: TokenStream, keyword: string): Pipeline {
  stream.expect('(', `'(' after '${keyword}'`);
  stream.skipNewlines();
  if (stream.is(')')) stream.fail(`expected a condition in the parentheses of '${keyword}'`);
  const condition = parsePipeline(stream);
  stream.skipNewlines();
  stream.expect(')', `')' to close the condition of '${keyword}'`);
  return condition;
}

const keywordAt = (stream: TokenStream, ahead = 0): string | null => {
  const token = stream.peek(ahead);
  return token.type === 'word' ? token.text.toLowerCase() : null;
};

function parseForeach(stream: TokenStream): ForeachStatement {
  const start = stream.next().start;
  stream.expect('(', "'(' after 'foreach'");
  const variable = stream.next();
  if (variable.type !== 'variable' || variable.path.length > 0)
    stream.fail("expected a variable ($name) after 'foreach ('", variable);
  if (NOT_ASSIGNABLE.has(variable.name.toLowerCase()))
    throw new SyntaxProblem(variable.start, `$${variable.name} cannot be assigned`);
  if (keywordAt(stream) !== 'in') stream.fail(`expected 'in' after $${variable.name}`);
  stream.next();
  if (stream.is(')')) stream.fail("expected a value or a command after 'in'");
  const source = parsePipeline(stream);
  stream.expect(')', "')' to close the foreach ( )");
  const body = parseBlock(stream, 'foreach ( )');
  return {kind: 'foreach', variable: variable.name, source, body, span: stream.spanFrom(start)};
}

function parseIf(stream: TokenStream): IfStatement {
  const start = stream.next().start;
  const branches = [
    {condition: parseCondition(stream, 'if') as Pipeline | null, body: parseBlock(stream, 'if ( )')},
  ];
  for (;;) {
    let ahead = 0;
    while (stream.is('\n', ahead)) ahead += 1;
    const keyword = keywordAt(stream, ahead);
    if (keyword !== 'elseif' && keyword !== 'else') break;
    stream.skipNewlines();
    stream.next();
    if (keyword === 'else') {
      branches.push({condition: null, body: parseBlock(stream, 'else')});
      break;
    }
    branches.push({condition: parseCondition(stream, 'elseif'), body: parseBlock(stream, 'elseif ( )')});
  }
  return {kind: 'if', branches, span: stream.spanFrom(start)};
}

/** `foreach (` or `if (` next: the statement; null for anything else. */
function keywordStatement(stream: TokenStream): ForeachStatement | IfStatement | null {
  const keyword = keywordAt(stream);
  if (keyword === 'foreach' && stream.is('(', 1)) return parseForeach(stream);
  if (keyword === 'if' && stream.is('(', 1)) return parseIf(stream);
  return null;
}

/** `$t += 1` is `$t = $t + (1)`: the operators of compound assignment. */
const COMPOUND: Readonly<Record<string, BinaryOperator>> = {
  '+=': 'add',
  '-=': 'subtract',
  '*=': 'multiply',
  '/=': 'divide',
  '%=': 'remainder',
};

/** `$i++` and `$i--` as statements: `$i = $i + 1`, `$i = $i - 1`. */
const STEP: Readonly<Record<string, BinaryOperator>> = {'++': 'add', '--': 'subtract'};

const stepAt = (stream: TokenStream): BinaryOperator | null => {
  const token = stream.peek(1);
  const after = stream.peek(2);
  if (token.type !== 'word' || !(isEnd(after) || isPunct(after, '}'))) return null;
  return STEP[token.text] ?? null;
};

const compoundAt = (stream: TokenStream): BinaryOperator | null => {
  const token = stream.peek(1);
  return token.type === 'word' ? (COMPOUND[token.text] ?? null) : null;
};

function parseStatement(stream: TokenStream): Statement {
  const first = stream.peek();
  const statement = keywordStatement(stream);
  if (statement) return statement;
  const step = first.type === 'variable' && first.path.length === 0 ? stepAt(stream) : null;
  if (step !== null) return stepStatement(stream, first as VariableToken, step);
  const compound = first.type === 'variable' ? compoundAt(stream) : null;
  if (first.type !== 'variable' || (!stream.is('=', 1) && compound === null))
    return {kind: 'pipeline', pipeline: parsePipeline(stream)};
  if (first.path.length > 0)
    throw new SyntaxProblem(first.start, 'only a plain variable ($name) can be assigned');
  // `$null = <value>` discards the value, as in PowerShell (run-statements.ts).
  if (NOT_ASSIGNABLE.has(first.name.toLowerCase()) && first.name.toLowerCase() !== 'null')
    throw new SyntaxProblem(first.start, `$${first.name} cannot be assigned`);
  stream.next();
  stream.next();
  if (isEnd(stream.peek())) stream.fail("expected a command or a value after '='");
  const assigned = compound === null ? keywordStatement(stream) : null;
  if (assigned)
    return {
      kind: 'statement-assignment',
      variable: first.name,
      statement: assigned,
      span: stream.spanFrom(first.start),
    };
  const pipeline = parsePipeline(stream);
  const span = stream.spanFrom(first.start);
  if (compound === null) return {kind: 'assignment', variable: first.name, pipeline, span};
  return {
    kind: 'assignment',
    variable: first.name,
    pipeline: compoundPipeline(first, compound, pipeline),
    span,
  };
}

function stepStatement(stream: TokenStream, variable: VariableToken, op: BinaryOperator): Statement {
  if (NOT_ASSIGNABLE.has(variable.name.toLowerCase()))
    throw new SyntaxProblem(variable.start, `$${variable.name} cannot be assigned`);
  stream.next();
  const step = stream.next();
  const one: Expr = {kind: 'number', value: 1, text: '1', span: {start: step.start, end: step.end}};
  const span = stream.spanFrom(variable.start);
  const pipeline = compoundPipeline(variable, op, {
    stages: [{kind: 'expression', expr: one, span: one.span}],
    span: one.span,
  });
  return {kind: 'assignment', variable: variable.name, pipeline, span};
}

/** `$t += <pipeline>` as the one-stage pipeline `$t + <value>`. */
function compoundPipeline(variable: VariableToken, op: BinaryOperator, pipeline: Pipeline): Pipeline {
  const [only] = pipeline.stages;
  const right: Expr =
    pipeline.stages.length === 1 && only?.kind === 'expression'
      ? only.expr
      : {kind: 'subpipeline', pipeline, span: pipeline.span};
  const left: Expr = {
    kind: 'variable',
    name: variable.name,
    path: [],
    span: {start: variable.start, end: variable.end},
  };
  const expr: Expr = {kind: 'binary', op, left, right, span: {start: variable.start, end: pipeline.span.end}};
  return {stages: [{kind: 'expression', expr, span: expr.span}], span: expr.span};
}

const isEnd = (token: Token): boolean => token.type === 'eof' || isPunct(token, ';') || isPunct(token, '\n');

export function parsePipeline(stream: TokenStream): Pipeline {
  const start = stream.peek().start;
  const stages: Stage[] = [parseFirstStage(stream)];
  while (stream.accept('|')) {
    stream.skipNewlines();
    const token = stream.peek();
    if (isEnd(token) || isPunct(token, '|'))
      throw new SyntaxProblem(
        token.start,
        "an empty pipe element is not allowed; expected a command after '|'",
      );
    if (token.type !== 'word')
      stream.fail("expected a command after '|' (a value may only start a pipeline)");
    stages.push(parseCommand(stream));
  }
  return {stages, span: stream.spanFrom(start)};
}

function parseFirstStage(stream: TokenStream): Stage {
  const token = stream.peek();
  if (token.type === 'word' && !isCastWord(token.text) && token.text !== '!' && token.text !== '-')
    return parseCommand(stream);
  const unary = (token.type === 'parameter' && /^(join|split|not)$/i.test(token.name)) || isPunct(token, '!');
  if (!startsValue(token) && !unary) stream.fail('expected a command or a value');
  const expr = parseValue(stream, 'expression');
  return {kind: 'expression', expr, span: expr.span};
}

function parseCommand(stream: TokenStream): Command {
  const nameToken = stream.next();
  if (nameToken.type !== 'word') return stream.fail('expected a command name', nameToken);
  const elements: CommandElement[] = [];
  // A command inside `( )` ends at its `)`; at the top level the tokenizer has refused a stray one.
  for (
    let token = stream.peek();
    !isEnd(token) && !isPunct(token, '|') && !isPunct(token, ')') && !isPunct(token, '}');
    token = stream.peek()
  ) {
    elements.push(parseElement(stream, token));
  }
  return {
    kind: 'command',
    name: nameToken.text,
    nameSpan: {start: nameToken.start, end: nameToken.end},
    elements,
    span: stream.spanFrom(nameToken.start),
  };
}

function parseElement(stream: TokenStream, token: Token): CommandElement {
  if (token.type === 'parameter') {
    stream.next();
    if (!token.colon)
      return {kind: 'parameter', name: token.name, value: null, span: {start: token.start, end: token.end}};
    if (!startsValue(stream.peek())) stream.fail(`expected a value after '-${token.name}:'`);
    const value = parseValue(stream, 'argument');
    return {kind: 'parameter', name: token.name, value, span: stream.spanFrom(token.start)};
  }
  if (!startsValue(token)) stream.fail('expected a parameter or a value');
  const value = parseValue(stream, 'argument');
  return {kind: 'argument', value, span: value.span};
}
