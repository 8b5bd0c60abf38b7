// The syntax tree of a LINE: statements of pipelines of commands, and the value expressions
// and filter expressions they carry. Offsets point back into the source for messages.

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | {readonly kind: 'string'; readonly value: string; readonly bare: boolean; readonly span: Span}
  /** `(Get-X -Y)`: a pipeline used as a value; its output, one item as itself. */
  | {readonly kind: 'subpipeline'; readonly pipeline: Pipeline; readonly span: Span}
  /** `@(Get-X; 1 + 2)`: the output of the statements, always an array, even of one item or none. */
  | {readonly kind: 'subexpression'; readonly statements: readonly Statement[]; readonly span: Span}
  /** `(value).Name.Count`: members read from a parenthesised value. */
  | {readonly kind: 'member'; readonly target: Expr; readonly path: readonly string[]; readonly span: Span}
  /** An expandable string: its text pieces and the values they interpolate, in order. */
  | {readonly kind: 'template'; readonly parts: readonly (string | Expr)[]; readonly span: Span}
  | {readonly kind: 'number'; readonly value: number; readonly text: string; readonly span: Span}
  | {readonly kind: 'constant'; readonly value: null | boolean; readonly span: Span}
  | {readonly kind: 'variable'; readonly name: string; readonly path: readonly string[]; readonly span: Span}
  | {readonly kind: 'array'; readonly items: readonly Expr[]; readonly span: Span}
  | {readonly kind: 'hashtable'; readonly entries: readonly HashtableEntry[]; readonly span: Span}
  /** `a + b`, `"{0}" -f 1`, `1..5`, `$a -eq 1`, `$x -and $y`: PowerShell's binary operators. */
  | {
      readonly kind: 'binary';
      readonly op: BinaryOperator;
      readonly left: Expr;
      readonly right: Expr;
      readonly span: Span;
    }
  /** `-not $x`, `!$x`, `-$x`, `-join $list`, `-split $text`. */
  | {readonly kind: 'unary'; readonly op: UnaryOperator; readonly operand: Expr; readonly span: Span}
  /** `$x[0]`, `$x[-1]`, `$x[1..3]`, then members: `$x[0].Name`. */
  | {
      readonly kind: 'index';
      readonly target: Expr;
      readonly index: Expr;
      readonly path: readonly string[];
      readonly span: Span;
    }
  /** `$d.AddDays(-7)`, `(Get-Date).ToString("yyyy")`: a .NET method of the value (methods.ts). */
  | {
      readonly kind: 'method';
      readonly target: Expr;
      readonly name: string;
      readonly args: readonly Expr[];
      readonly span: Span;
    }
  /** `[int]$x`: the type as written, lower case, without the brackets. */
  | {readonly kind: 'cast'; readonly type: string; readonly operand: Expr; readonly span: Span}
  | {
      readonly kind: 'scriptblock';
      readonly text: string;
      /** The body read as a filter (parse-filter.ts); null when it is empty or reads only as statements. */
      readonly filter: Expr | null;
      readonly span: Span;
    };

export interface HashtableEntry {
  readonly key: string;
  readonly value: Expr;
}

export type CompareOperator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'ge'
  | 'lt'
  | 'le'
  | 'like'
  | 'notlike'
  | 'match'
  | 'notmatch'
  | 'contains'
  | 'notcontains'
  | 'in'
  | 'notin';

export type BinaryOperator =
  | CompareOperator
  | 'add'
  | 'subtract'
  | 'multiply'
  | 'divide'
  | 'remainder'
  | 'range'
  | 'format'
  | 'join'
  | 'split'
  | 'replace'
  | 'and'
  | 'or'
  | 'xor';

export type UnaryOperator = 'not' | 'negate' | 'plus' | 'join' | 'split';

export type CommandElement =
  | {
      readonly kind: 'parameter';
      /** As typed, without the dash. */
      readonly name: string;
      /** `-Name:value`; null when the value (if any) is the next element. */
      readonly value: Expr | null;
      readonly span: Span;
    }
  | {readonly kind: 'argument'; readonly value: Expr; readonly span: Span};

export interface Command {
  readonly kind: 'command';
  readonly name: string;
  readonly nameSpan: Span;
  readonly elements: readonly CommandElement[];
  readonly span: Span;
}

/** Only the first element of a pipeline may be an expression: `"a","b" | Get-CsAdPrincipal`. */
export interface ExpressionStage {
  readonly kind: 'expression';
  readonly expr: Expr;
  readonly span: Span;
}

export type Stage = Command | ExpressionStage;

export interface Pipeline {
  readonly stages: readonly Stage[];
  readonly span: Span;
}

/** `foreach ($item in <pipeline>) { statements }` */
export interface ForeachStatement {
  readonly kind: 'foreach';
  readonly variable: string;
  readonly source: Pipeline;
  readonly body: readonly Statement[];
  readonly span: Span;
}

/** `if (c) { } elseif (c) { } else { }`: the branches in order; `else` has no condition. */
export interface IfStatement {
  readonly kind: 'if';
  readonly branches: readonly {
    readonly condition: Pipeline | null;
    readonly body: readonly Statement[];
  }[];
  readonly span: Span;
}

/** What a value may run: a pipeline, `(Get-X)`, or the statements of an `@( )`. */
export type NestedBody = Pipeline | readonly Statement[];

export type Statement =
  | {readonly kind: 'pipeline'; readonly pipeline: Pipeline}
  | {
      readonly kind: 'assignment';
      readonly variable: string;
      readonly pipeline: Pipeline;
      readonly span: Span;
    }
  /** `$x = foreach (...) {...}`, `$x = if (...) {...}`: the statement's output is the value. */
  | {
      readonly kind: 'statement-assignment';
      readonly variable: string;
      readonly statement: ForeachStatement | IfStatement;
      readonly span: Span;
    }
  | ForeachStatement
  | IfStatement;
