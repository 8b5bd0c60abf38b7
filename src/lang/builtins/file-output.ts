// What Export-Csv and Out-File share: the file goes under the store's exports/ directory, in the
// line's commit, by the one rule of store/exports.ts. That rule never writes over a file; -Force
// is its one exception, asked for by name: an existing regular file of that name is replaced whole
// (never a link or a folder). Spec note: PowerShell replaces a file by default and -NoClobber
// refuses; here refusing is the default, as for every file pchat writes, and -NoClobber is accepted.
// -Append adds to a regular file under the same rule (the file is replaced by one holding both).

import type {Args, ParamSpec} from '../../cmdlets/types.js';
import {dataFilePath} from '../../cmdlets/data-files.js';
import {CmdletError} from '../../domain/errors.js';
import {exportFileName} from '../../domain/windows-path.js';
import type {BuiltinContext} from './types.js';

export const fileParams: Readonly<Record<string, ParamSpec>> = {
  Encoding: {
    type: 'enum',
    values: ['utf8', 'utf8NoBOM'],
    help: 'The encoding of the file: UTF-8 without a byte order mark, the only one written.',
  },
  NoClobber: {type: 'switch', help: 'Never replaces an existing file: the default here.'},
  Append: {type: 'switch', help: 'Adds to the end of an existing file of that name, or creates it.'},
  Force: {
    type: 'switch',
    help: "Replaces an existing file of that name under the store's exports directory.",
  },
};

/** Whether -Append will add to a file that exists now (Export-Csv then leaves out the header). */
export function appendsToFile(ctx: BuiltinContext, args: Args, parameter: string): boolean {
  return (
    args['Append'] === true && ctx.ports.archives.source(exportFileName(args[parameter] as string).name).ok
  );
}

/** Writes the text to the file the operator named, unless -WhatIf. */
export function writeOperatorFile(ctx: BuiltinContext, args: Args, parameter: string, text: string): void {
  const force = args['Force'] === true;
  const append = args['Append'] === true;
  if (force && args['NoClobber'] === true)
    throw new CmdletError('ParameterConflict', 'Give either -Force or -NoClobber, not both.', {
      parameter: 'Force',
    });
  const requested = args[parameter] as string;
  const file = dataFilePath(ctx, requested, parameter, (name) =>
    ctx.ports.archives.target(name, force || append),
  );
  if (!ctx.shouldProcess(file, 'Output to File')) return;
  ctx.effect({kind: 'writeFile', path: file, data: text, replace: force && !append, append});
}
