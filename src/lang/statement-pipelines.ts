// Every pipeline a statement holds, those inside foreach and if blocks too, in source order:
// what reads a line's commands (the read-only gate, the high-impact preview) must see them all.

import type {Pipeline, Statement} from './ast.js';

export function statementPipelines(statement: Statement): Pipeline[] {
  switch (statement.kind) {
    case 'pipeline':
    case 'assignment':
      return [statement.pipeline];
    case 'statement-assignment':
      return statementPipelines(statement.statement);
    case 'foreach':
      return [statement.source, ...statement.body.flatMap(statementPipelines)];
    case 'if':
      return statement.branches.flatMap((branch) => [
        ...(branch.condition ? [branch.condition] : []),
        ...branch.body.flatMap(statementPipelines),
      ]);
  }
}
