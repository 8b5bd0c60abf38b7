import {describe, expect, it} from 'vitest';
import type {Command, Expr, Statement} from '../../src/lang/ast.js';
import {parse} from '../../src/lang/parse.js';
import {parseFilterText} from '../../src/lang/parse-filter.js';
import {DOCUMENTED_LINES} from './documented-lines.js';

type PipelineStatement = Extract<Statement, {pipeline: unknown}>;

/** The statements of a line without foreach or if. */
function statements(source: string): readonly PipelineStatement[] {
  const result = parse(source);
  if (!result.ok) throw new Error(result.error.message);
  return result.statements.map((statement) => {
    if (statement.kind !== 'pipeline' && statement.kind !== 'assignment') throw new Error('not a pipeline');
    return statement;
  });
}

const firstCommand = (source: string): Command => {
  const stage = statements(source)[0]!.pipeline.stages[0]!;
  if (stage.kind !== 'command') throw new Error('not a command');
  return stage;
};

/** The value of an expression without positions, for comparison. */
const plain = (expr: Expr): unknown => {
  switch (expr.kind) {
    case 'string':
    case 'number':
    case 'constant':
      return expr.value;
    case 'variable':
      return `$${[expr.name, ...expr.path].join('.')}`;
    case 'array':
      return expr.items.map(plain);
    case 'hashtable':
      return Object.fromEntries(expr.entries.map((e) => [e.key, plain(e.value)]));
    case 'scriptblock':
      return {block: expr.text};
    case 'subpipeline':
      return {pipeline: expr.pipeline.stages.length};
    case 'subexpression':
      return {subexpression: expr.statements.map(statementValue)};
    case 'member':
      return {member: [plain(expr.target), ...expr.path]};
    case 'template':
      return {template: expr.parts.map((part) => (typeof part === 'string' ? part : plain(part)))};
    case 'binary':
      return [plain(expr.left), expr.op, plain(expr.right)];
    case 'unary':
      return [expr.op, plain(expr.operand)];
    case 'index':
      return {index: [plain(expr.target), plain(expr.index), ...expr.path]};
    case 'cast':
      return {cast: [expr.type, plain(expr.operand)]};
    case 'method':
      return {method: [plain(expr.target), expr.name, ...expr.args.map(plain)]};
  }
};

/** A statement of an `@( )`: its value when it is one, else its kind. */
const statementValue = (statement: Statement): unknown => {
  const stage = statement.kind === 'pipeline' ? statement.pipeline.stages[0] : undefined;
  return stage?.kind === 'expression' &&
    statement.kind === 'pipeline' &&
    statement.pipeline.stages.length === 1
    ? plain(stage.expr)
    : statement.kind;
};

/** A filter block's expression: -and, -or and -not as the tree, comparisons and lone tests as leaves. */
const filterShape = (f: Expr | null): unknown => {
  if (f === null) return null;
  if (f.kind === 'binary' && (f.op === 'and' || f.op === 'or'))
    return [f.op, filterShape(f.left), filterShape(f.right)];
  if (f.kind === 'unary' && f.op === 'not') return ['not', filterShape(f.operand)];
  if (f.kind === 'binary') return [plain(f.left), f.op, plain(f.right)];
  return ['test', plain(f)];
};

describe('parse', () => {
  it.each(DOCUMENTED_LINES.map((line) => [line]))('parses the documented line %s', (line) => {
    const result = parse(line);
    expect(result.ok ? null : result.error.message).toBeNull();
  });

  it('reads a command with named, colon and positional arguments', () => {
    const command = firstCommand('Set-X "pc1\\Room" -Disabled $True -Confirm:$false -Tags a,"b"');
    expect(command.name).toBe('Set-X');
    expect(
      command.elements.map((e) =>
        e.kind === 'parameter'
          ? `-${e.name}${e.value ? `:${JSON.stringify(plain(e.value))}` : ''}`
          : plain(e.value),
      ),
    ).toEqual(['pc1\\Room', '-Disabled', true, '-Confirm:false', '-Tags', ['a', 'b']]);
  });

  it.each([
    ['a list modifier with a list', '@{Add="a", "b"; Remove=c}', {Add: ['a', 'b'], Remove: 'c'}],
    ['a hashtable over several lines', '@{\n  Add = "a"\n  Remove = "b"\n}', {Add: 'a', Remove: 'b'}],
    ['quoted keys', '@{"Add"="a"}', {Add: 'a'}],
    ['an empty hashtable', '@{}', {}],
    ['an array subexpression', '@("a", "b")', {subexpression: [['a', 'b']]}],
    ['an array subexpression of two statements', '@("a"; $b)', {subexpression: ['a', '$b']}],
    ['an empty array', '@()', {subexpression: []}],
    ['a group', '("a","b")', ['a', 'b']],
    ['nested arrays', '"a",("b","c")', ['a', ['b', 'c']]],
    ['variables with members', '$room.Members', '$room.Members'],
    ['constants in any case', '$NULL', null],
    ['a number literal', '-1.5', -1.5],
    ['a script block', '{$_.A -eq 1}', {block: '$_.A -eq 1'}],
  ])('reads %s as a value', (_name, source, expected) => {
    const command = firstCommand(`Get-X -P ${source}`);
    const element = command.elements[1]!;
    expect(element.kind).toBe('argument');
    expect(plain(element.value!)).toEqual(expected);
  });

  it('splits statements on semicolons and new lines', () => {
    const parsed = statements('Get-A; Get-B\nGet-C;;');
    expect(parsed.map((s) => (s.pipeline.stages[0] as Command).name)).toEqual(['Get-A', 'Get-B', 'Get-C']);
  });

  it('reads assignments and value-first pipelines', () => {
    const [assignment, pipeline] = statements('$x = Get-A | Select-Object -First 1; $x | Set-B');
    expect(assignment).toMatchObject({kind: 'assignment', variable: 'x'});
    expect(assignment!.pipeline.stages.map((s) => s.kind)).toEqual(['command', 'command']);
    expect(pipeline!.pipeline.stages.map((s) => s.kind)).toEqual(['expression', 'command']);
  });

  it('continues a pipeline after a line break following the pipe', () => {
    expect(statements('Get-A |\n  Set-B')[0]!.pipeline.stages).toHaveLength(2);
  });

  it.each([
    ['Get-X -Name:', 13, "a value after '-Name:'"],
    ['Get-X |', 8, 'empty pipe element'],
    ['Get-X | | Get-Y', 9, 'empty pipe element'],
    ['Get-X | "a"', 9, 'command'],
    ['"a" "b"', 5, "';'"],
    ['$x =', 5, "after '='"],
    ['$x.Name = 1', 1, 'plain variable'],
    ['$true = 1', 1, 'cannot be assigned'],
    ['Get-X {$_.A -foo 1}', 13, 'unknown operator'],
    ['Get-X {$_.A -eq}', 16, 'expected a value'],
    ['Get-X {$_.A -eq 1 $_.B}', 19, '-and, -or'],
    ['Get-X @{a=1;a=2}', 13, 'appears twice'],
    ['Get-X @{=1}', 9, 'expected a key'],
    ['Get-X @{a 1}', 11, "'='"],
    ['"a", Get-Y', 6, 'commands inside an expression'],
    ['Get-X (Get-Y', 7, "missing the closing ')'"],
    ['Get-X "unterminated', 7, 'closing quote'],
    ['-Name x', 1, 'command or a value'],
    ['= 1', 1, 'command or a value'],
  ])('refuses %s at column %i, saying what was expected', (source, column, expected) => {
    const result = parse(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.offset + 1).toBe(column);
    expect(result.error.message).toContain(`At column ${column}:`);
    expect(result.error.message).toContain(expected);
  });

  it('names the line as well as the column in a multi-line source', () => {
    const result = parse('Get-A\nGet-B -X:');
    expect(result.ok ? '' : result.error.message).toMatch(/^At line 2, column 10:/);
  });
});

describe('filter blocks', () => {
  it.each([
    ['a property comparison', '$_.Privacy -eq "Closed"', ['$_.Privacy', 'eq', 'Closed']],
    [
      'the -Filter form with a bare property',
      'PersistentChatPolicy -eq "x"',
      ['$_.PersistentChatPolicy', 'eq', 'x'],
    ],
    ['a bare word on the right as text', '$_.Type -eq Auditorium', ['$_.Type', 'eq', 'Auditorium']],
    ['explicitly case-insensitive operators', '$_.A -ilike "x*"', ['$_.A', 'like', 'x*']],
    ['-in with a list', '$_.A -in "x","y"', ['$_.A', 'in', ['x', 'y']]],
    ['a lone test', '$_.Enabled', ['test', '$_.Enabled']],
    ['-not and !', '-not $_.A -and !$_.B', ['and', ['not', ['test', '$_.A']], ['not', ['test', '$_.B']]]],
    [
      '-and and -or from left to right',
      '$_.A -or $_.B -and $_.C',
      ['and', ['or', ['test', '$_.A'], ['test', '$_.B']], ['test', '$_.C']],
    ],
    [
      'parentheses',
      '$_.A -or ($_.B -and $_.C)',
      ['or', ['test', '$_.A'], ['and', ['test', '$_.B'], ['test', '$_.C']]],
    ],
    ['a parenthesised operand', '($_.Size) -gt 5', ['$_.Size', 'gt', 5]],
    ['variables on the right', '$_.Pool -eq $pool', ['$_.Pool', 'eq', '$pool']],
  ])('reads %s', (_name, text, expected) => {
    expect(filterShape(parseFilterText(text))).toEqual(expected);
  });

  it('reads an empty block as no filter', () => {
    expect(parseFilterText('  ')).toBeNull();
  });
});
