// Group-Object [-Property] A,B [-NoElement]: objects with the same property values, counted.

import type {PsObject, Value} from '../../cmdlets/types.js';
import {getMember, toText} from '../values.js';
import {inputItems} from './input-items.js';
import {builtin} from './types.js';

export const groupObject = builtin({
  name: 'Group-Object',
  summary: 'Groups objects that have the same value for the named properties.',
  description:
    'Outputs one object per group, in the order the groups first appear: Count, Name (the values of the properties, joined by ", ") and Group (the objects). Values compare without regard to case. Without -Property, objects are grouped by themselves.',
  params: {
    Property: {type: 'string[]', position: 0, help: 'The properties to group by.'},
    NoElement: {type: 'switch', help: 'Leaves out the Group property: only Count and Name.'},
    CaseSensitive: {type: 'switch', help: 'Tells upper and lower case apart.'},
    InputObject: {
      type: 'object',
      pipeline: 'value',
      nullable: true,
      help: 'The objects to group; usually piped in.',
    },
  },
  examples: [
    {
      code: 'Get-CsPersistentChatRoom | Group-Object Privacy',
      remarks: 'Counts the rooms of each privacy setting.',
    },
    {
      code: 'Get-CsPersistentChatRoom | Group-Object Category -NoElement',
      remarks: 'Counts the rooms in each category, without listing them.',
    },
  ],
  process(ctx, args, input) {
    const properties = (args['Property'] as readonly string[] | undefined) ?? [];
    const caseSensitive = args['CaseSensitive'] === true;
    const groups = new Map<string, {name: string; items: Value[]}>();
    for (const item of inputItems(args, input)) {
      const name =
        properties.length === 0 ? toText(item) : properties.map((p) => toText(getMember(item, p))).join(', ');
      const key = caseSensitive ? name : name.toLowerCase();
      const group = groups.get(key) ?? {name, items: []};
      group.items.push(item);
      groups.set(key, group);
    }
    for (const {name, items} of groups.values()) {
      const out: PsObject = {Count: items.length, Name: name};
      ctx.write(args['NoElement'] === true ? out : {...out, Group: items});
    }
  },
});
