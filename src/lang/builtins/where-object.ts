// Where-Object {$_.Prop -op value}, and the comparison form `Where-Object Prop -eq value`.

import type {ParamSpec, Value} from '../../cmdlets/types.js';
import type {CompareOperator} from '../ast.js';
import {CmdletError} from '../../domain/errors.js';
import {compareValues} from '../compare.js';
import {getMember, isTruthy} from '../values.js';
import {builtin} from './types.js';

const OPERATOR_SWITCHES: Readonly<Record<string, CompareOperator>> = {
  EQ: 'eq',
  NE: 'ne',
  GT: 'gt',
  GE: 'ge',
  LT: 'lt',
  LE: 'le',
  Like: 'like',
  NotLike: 'notlike',
  Match: 'match',
  NotMatch: 'notmatch',
  Contains: 'contains',
  NotContains: 'notcontains',
  In: 'in',
  NotIn: 'notin',
};

const comparisonSwitch = (name: string): ParamSpec => ({
  type: 'switch',
  sets: ['Comparison'],
  help: `Keeps the objects whose property compares true with -${name.toLowerCase()} against -Value.`,
});

export const whereObject = builtin({
  name: 'Where-Object',
  summary: 'Selects the objects from the pipeline that pass a filter.',
  description:
    'Passes on each input object for which the filter script block is true. Inside the block, $_ is the current object; compare its properties with -eq -ne -gt -ge -lt -le -like -notlike -match -notmatch -contains -notcontains -in -notin, and join tests with -and, -or and -not. Strings compare without regard to case.',
  parameterSets: ['ScriptBlock', 'Comparison'],
  params: {
    FilterScript: {
      type: 'scriptblock',
      position: 0,
      required: true,
      sets: ['ScriptBlock'],
      help: 'The filter: a script block such as {$_.Privacy -eq "Closed"}.',
    },
    Property: {
      type: 'string',
      position: 0,
      required: true,
      sets: ['Comparison'],
      help: 'The property to test, in the comparison form (Where-Object Privacy -eq Closed).',
    },
    Value: {
      type: 'object',
      position: 1,
      nullable: true,
      sets: ['Comparison'],
      help: 'The value the property is compared with.',
    },
    InputObject: {
      type: 'object',
      pipeline: 'value',
      nullable: true,
      help: 'The objects to filter; usually piped in.',
    },
    Not: {
      type: 'switch',
      sets: ['Comparison'],
      help: 'Keeps the objects whose property is false, empty or missing.',
    },
    ...Object.fromEntries(Object.keys(OPERATOR_SWITCHES).map((name) => [name, comparisonSwitch(name)])),
  },
  examples: [
    {
      code: 'Get-CsPersistentChatCategory | Where-Object {$_.Invites -eq $False}',
      remarks: 'Returns the categories that do not allow invitations.',
    },
    {
      code: 'Get-CsPersistentChatState | Where-Object {$_.PoolState -eq "FailedOver"}',
      remarks: 'Returns the pools that are failed over.',
    },
    {
      code: 'Get-CsAdPrincipal | Where-Object {$_.ObjectClass -contains "contact"}',
      remarks: 'Returns the directory contacts.',
    },
    {
      code: 'Get-CsPersistentChatRoom | Where-Object Privacy -eq Closed',
      remarks: 'The comparison form: returns the closed rooms.',
    },
  ],
  process(ctx, args, input, set) {
    const items = input ?? ('InputObject' in args ? [args['InputObject'] as Value] : []);
    if (set === 'ScriptBlock') {
      for (const item of items) if (ctx.evaluateFilter(args['FilterScript'], item)) ctx.write(item);
      return;
    }
    const test = comparison(args);
    for (const item of items) if (test(getMember(item, args['Property'] as string))) ctx.write(item);
  },
});

function comparison(args: Readonly<Record<string, unknown>>): (value: Value) => boolean {
  const chosen = Object.keys(OPERATOR_SWITCHES).filter((name) => args[name] === true);
  if (chosen.length + (args['Not'] === true ? 1 : 0) > 1) {
    const list = [...chosen, ...(args['Not'] === true ? ['Not'] : [])].map((n) => `-${n}`).join(', ');
    throw new CmdletError(
      'ParameterConflict',
      `Where-Object takes one comparison operator; ${list} were given.`,
      {parameter: chosen[1] ?? 'Not'},
    );
  }
  const operand = (args['Value'] ?? null) as Value;
  const op = chosen[0] === undefined ? undefined : OPERATOR_SWITCHES[chosen[0]];
  if (op) return (value) => compareValues(op, value, operand);
  return args['Not'] === true ? (value) => !isTruthy(value) : isTruthy;
}
