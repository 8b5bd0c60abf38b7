// The items a builtin works on: the pipeline's, or the one -InputObject names (not enumerated, as in PowerShell).

import type {Args, Value} from '../../cmdlets/types.js';

export const inputItems = (args: Args, input: readonly Value[] | null): readonly Value[] =>
  input ?? ('InputObject' in args ? [args['InputObject'] as Value] : []);
