// The commands the language itself provides (Where-Object, Select-Object, Get-Help, ...).
// They are CmdletSpecs, so binding, Get-Help and completion treat them like cmdlets, but they
// see the whole input stream at once (Select-Object -Last needs it) and can evaluate filters.

import type {Args, CmdletContext, CmdletSpec, ScriptBlock, Value} from '../../cmdlets/types.js';
import type {CmdletError} from '../../domain/errors.js';

export interface BuiltinContext extends CmdletContext {
  /** A `{...}` block or filter string against any pipeline item (`$_` is the item). */
  evaluateFilter(filter: unknown, input: Value): boolean;
  /** A `{...}` block's statements for one item (`$_` is the item): ForEach-Object's body. */
  runScriptBlock(block: ScriptBlock, current: Value): Value[];
  /** What a `{...}` block outputs for one pipeline item (`$_` is the item). */
  runBlock(block: unknown, input: Value): Value[];
  /** The cmdlet table and the builtins, for Get-Help and Get-Command. */
  readonly commands: readonly CmdletSpec[];
  /** Records a non-terminating error and lets the command go on with the next item. */
  error(error: CmdletError): void;
  /** Stops the line once it is past its time budget: for a loop that may run long without writing. */
  checkTime(): void;
}

export interface BuiltinSpec extends CmdletSpec {
  /** Runs once with every input item (null when the command starts the pipeline). */
  process(ctx: BuiltinContext, args: Args, input: readonly Value[] | null, parameterSet: string): void;
}

export const isBuiltin = (spec: CmdletSpec): spec is BuiltinSpec =>
  typeof (spec as Partial<BuiltinSpec>).process === 'function';

const isBuiltinContext = (ctx: CmdletContext): ctx is BuiltinContext =>
  typeof (ctx as Partial<BuiltinContext>).evaluateFilter === 'function';

type BuiltinFields = Omit<
  BuiltinSpec,
  'run' | 'permission' | 'mutates' | 'supportsShouldProcess' | 'confirmImpact'
> &
  Partial<Pick<BuiltinSpec, 'permission' | 'mutates' | 'supportsShouldProcess'>>;

/**
 * A builtin reads nothing from the store and, by default, changes nothing, so every role may run it;
 * one that writes a file under exports/ says so (mutates, -WhatIf) and needs the data permission.
 */
export const builtin = (fields: BuiltinFields): BuiltinSpec => ({
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  ...fields,
  run(ctx, args, parameterSet) {
    if (!isBuiltinContext(ctx)) throw new Error(`${fields.name} runs only inside the command language.`);
    fields.process(ctx, args, null, parameterSet);
  },
});
