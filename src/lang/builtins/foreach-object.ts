// ForEach-Object {block} (alias % and foreach), with -Begin and -End blocks, and the member form
// `ForEach-Object Name`.

import type {Args, Value} from '../../cmdlets/types.js';
import {CmdletError} from '../../domain/errors.js';
import {getMember, isScriptBlock} from '../values.js';
import {inputItems} from './input-items.js';
import {builtin} from './types.js';

export const foreachObject = builtin({
  name: 'ForEach-Object',
  summary: 'Runs a script block for each object in the pipeline, or reads one property of each.',
  description:
    'With a script block, outputs what the block returns for each input object; inside the block, $_ is the current object and the variables of the script can be read. -Begin runs a block once before the first object and -End once after the last, so `% -Begin {$n = 0} -Process {$n += 1} -End {$n}` counts. Several blocks given by position are read as PowerShell reads them: `% {begin} {process}`, `% {begin} {process} {end}`. With a property name (ForEach-Object Name), outputs the value of that property of each object. A list is output item by item.',
  parameterSets: ['ScriptBlock', 'PropertyAndMethod'],
  params: {
    Process: {
      type: 'scriptblock',
      position: 0,
      required: true,
      sets: ['ScriptBlock'],
      help: 'The block to run for each object, such as {$_.Name} or {"$($_.Name): $($_.Privacy)"}.',
    },
    Begin: {
      type: 'scriptblock',
      sets: ['ScriptBlock'],
      help: 'A block to run once, before the first object.',
    },
    End: {
      type: 'scriptblock',
      sets: ['ScriptBlock'],
      help: 'A block to run once, after the last object.',
    },
    RemainingScripts: {
      type: 'object',
      position: 1,
      remaining: true,
      sets: ['ScriptBlock'],
      help: 'The blocks given by position after the first: with two blocks the first runs before the objects and the second for each; with three or more the last runs after the objects.',
    },
    MemberName: {
      type: 'string',
      position: 0,
      required: true,
      sets: ['PropertyAndMethod'],
      help: 'The property whose value is output for each object.',
    },
    InputObject: {
      type: 'object',
      pipeline: 'value',
      nullable: true,
      help: 'The objects to process; usually piped in.',
    },
  },
  examples: [
    {
      code: 'Get-CsPersistentChatRoom | ForEach-Object {$_.Name}',
      remarks: 'Returns the name of each room.',
    },
    {
      code: 'Get-CsPersistentChatRoom | % {"$($_.Name) is $($_.Privacy)"}',
      remarks: 'Returns a line of text for each room.',
    },
    {
      code: 'Get-CsPersistentChatRoom | ForEach-Object -Begin {$n = 0} -Process {$n += $_.Members.Count} -End {"$n members"}',
      remarks:
        'Runs -Begin once, -Process for each room and -End once after the last: the members of all rooms.',
    },
    {
      code: 'Get-CsPersistentChatCategory | ForEach-Object Identity',
      remarks: 'The member form: returns the identity of each category.',
    },
  ],
  process(ctx, args, input, set) {
    if (set !== 'ScriptBlock') {
      for (const item of inputItems(args, input))
        for (const value of enumerated(getMember(item, args['MemberName'] as string))) ctx.write(value);
      return;
    }
    const blocks = scriptBlocks(args);
    const run = (block: unknown, item: Value): void => {
      for (const value of ctx.runBlock(block, item)) ctx.write(value);
    };
    for (const block of blocks.begin) run(block, null);
    // Without pipeline input the process blocks run once, with $_ as $null, as in PowerShell.
    const items = input === null && !('InputObject' in args) ? [null] : inputItems(args, input);
    for (const item of items) for (const block of blocks.process) run(block, item);
    for (const block of blocks.end) run(block, null);
  },
});

interface Blocks {
  readonly begin: readonly unknown[];
  readonly process: readonly unknown[];
  readonly end: readonly unknown[];
}

/**
 * -Begin, -Process and -End, and the blocks given by position after -Process: of several blocks
 * the first is the begin block, and of three or more the last is the end block (ForEach-Object's
 * documented reading of -Process with -RemainingScripts).
 */
function scriptBlocks(args: Args): Blocks {
  const remaining = args['RemainingScripts'] as Value | undefined;
  const extra =
    remaining === undefined ? [] : Array.isArray(remaining) ? (remaining as Value[]) : [remaining];
  for (const block of extra)
    if (!isScriptBlock(block))
      throw new CmdletError(
        'InvalidValue',
        'ForEach-Object takes script blocks by position: {begin} {process} {end}.',
        {parameter: 'RemainingScripts'},
      );
  const given = [args['Process'], ...extra];
  const begin = args['Begin'] === undefined ? [] : [args['Begin']];
  const end = args['End'] === undefined ? [] : [args['End']];
  if (given.length === 1) return {begin, process: given, end};
  return {
    begin: [...begin, given[0]],
    process: given.length === 2 ? [given[1]] : given.slice(1, -1),
    end: given.length === 2 ? end : [given.at(-1), ...end],
  };
}

/** A missing property outputs nothing in the member form; a list is output item by item. */
const enumerated = (value: Value): Value[] =>
  value === null ? [] : Array.isArray(value) ? [...(value as Value[])] : [value];
