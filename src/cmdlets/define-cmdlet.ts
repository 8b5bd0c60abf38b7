// A cmdlet table entry whose `run` receives its arguments typed from its own parameter table, so
// a misspelled parameter name in `run` fails to compile.

import type {ArgsOf, CmdletContext, CmdletSpec, Params} from './types.js';

export interface CmdletDefinition<P extends Params> extends Omit<CmdletSpec, 'params' | 'run'> {
  readonly params: P;
  run(ctx: CmdletContext, args: ArgsOf<P>, parameterSet: string): void;
}

// The binder fills `args` from this same table (src/lang/bind.ts); test/lang/bind.test.ts checks
// that what it produces for each ParamType is what ArgOf declares.
export const defineCmdlet = <const P extends Params>(definition: CmdletDefinition<P>): CmdletSpec =>
  definition;
