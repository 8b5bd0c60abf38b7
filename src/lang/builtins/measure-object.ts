// Measure-Object [-Property] A [-Sum] [-Average] [-Minimum] [-Maximum]: counts, and sums numbers.

import type {PsObject, Value} from '../../cmdlets/types.js';
import {CmdletError} from '../../domain/errors.js';
import {toNumber} from '../compare.js';
import {getMember, toText} from '../values.js';
import {inputItems} from './input-items.js';
import {builtin} from './types.js';

export const measureObject = builtin({
  name: 'Measure-Object',
  summary: 'Counts the objects in the pipeline, and sums, averages or finds the extremes of a property.',
  description:
    'Outputs an object with Count, Average, Sum, Maximum, Minimum and Property, as PowerShell prints it; the statistics not asked for stay empty. With -Property, only the objects that have a value for the property are counted, and that value must be a number for -Sum, -Average, -Minimum and -Maximum.',
  params: {
    Property: {type: 'string[]', position: 0, help: 'The property to measure; one result per property.'},
    Sum: {type: 'switch', help: 'Adds the values up.'},
    Average: {type: 'switch', help: 'Averages the values.'},
    Minimum: {type: 'switch', help: 'Finds the smallest value.'},
    Maximum: {type: 'switch', help: 'Finds the largest value.'},
    InputObject: {
      type: 'object',
      pipeline: 'value',
      nullable: true,
      help: 'The objects to measure; usually piped in.',
    },
  },
  examples: [
    {code: 'Get-CsPersistentChatRoom | Measure-Object', remarks: 'Counts the rooms.'},
    {
      code: 'Get-CsPersistentChatRoom | ForEach-Object {$_.Members.Count} | Measure-Object -Sum -Average -Maximum',
      remarks: 'Counts the members of every room, and shows the total, the average and the largest room.',
    },
  ],
  process(ctx, args, input) {
    const items = inputItems(args, input);
    const properties = args['Property'] as readonly string[] | undefined;
    if (properties === undefined) return ctx.write(measure(items, null, args));
    for (const property of properties) {
      const values = items.map((item) => getMember(item, property)).filter((v) => v !== null);
      if (values.length === 0 && items.length > 0)
        ctx.error(
          new CmdletError(
            'InvalidValue',
            `The property "${property}" cannot be found in the input for any objects.`,
            {parameter: 'Property', target: property},
          ),
        );
      else ctx.write(measure(values, property, args));
    }
  },
});

function measure(
  values: readonly Value[],
  property: string | null,
  args: Readonly<Record<string, unknown>>,
): PsObject {
  const wanted = (name: string): boolean => args[name] === true;
  const numbers = ['Sum', 'Average', 'Minimum', 'Maximum'].some(wanted) ? values.map(numeric) : [];
  const sum = numbers.reduce((a, b) => a + b, 0);
  const extreme = (pick: (a: number, b: number) => number): Value =>
    numbers.length === 0 ? null : numbers.reduce(pick);
  return {
    Count: values.length,
    Average: wanted('Average') && numbers.length > 0 ? sum / numbers.length : null,
    Sum: wanted('Sum') ? sum : null,
    Maximum: wanted('Maximum') ? extreme((a, b) => Math.max(a, b)) : null,
    Minimum: wanted('Minimum') ? extreme((a, b) => Math.min(a, b)) : null,
    Property: property,
  };
}

function numeric(value: Value): number {
  const number = toNumber(value);
  if (Number.isNaN(number))
    throw new CmdletError('InvalidValue', `Input object "${toText(value)}" is not numeric.`, {
      target: toText(value),
    });
  return number;
}
