// Format-Table [-Property] A,B [-AutoSize] [-Wrap] [-HideTableHeaders], and Format-List
// [-Property] A,B. They output one formatting record, not objects: the presenter lays it out at
// the width of the terminal it is shown on (present/format-view.ts).
//
// Spec note: every table is sized to its content, as Windows PowerShell 5.1 sizes a table whose
// objects arrive together (it waits 300 ms for them); -AutoSize is accepted and changes nothing.
// The columns of a table are the first object's, as PowerShell takes them. -GroupBy starts a new
// group wherever the value changes, as PowerShell does (it does not sort: pipe through
// Sort-Object first); each group's table is sized to its own rows.

import type {FormatView, Value} from '../../cmdlets/types.js';
import {isHashtable} from '../values.js';
import {columnsFor, selectColumns} from './format-properties.js';
import {builtin} from './types.js';

const PROPERTY_HELP =
  'The properties to show, in this order: names (wildcards such as *Url are allowed) or calculated properties such as @{Name="Room"; Expression={$_.Name}}. Default: every property.';

const INPUT = {
  type: 'object',
  pipeline: 'value',
  nullable: true,
  help: 'The objects to format; usually piped in.',
} as const;

/** The items as objects: a hashtable's entries are its rows, as PowerShell shows a hashtable. */
const objectsOf = (input: readonly Value[] | null, args: Readonly<Record<string, unknown>>): Value[] =>
  (input ?? ('InputObject' in args ? [args['InputObject'] as Value] : []))
    .flatMap((item): Value[] => (Array.isArray(item) ? (item as Value[]) : [item]))
    .filter((item) => item !== null)
    .flatMap((item): Value[] =>
      isHashtable(item) ? item.entries.map(([Name, Value]) => ({Name, Value})) : [item],
    );

export const formatTable = builtin({
  name: 'Format-Table',
  summary: 'Formats the output as a table.',
  description:
    "Shows the selected properties of each object as a table, laid out as PowerShell lays it out: a header row, a row of dashes, columns one space apart sized to their content, numbers right-aligned. The table fits the terminal's width (COLUMNS, else the terminal; 120 without one): the last column is narrowed and its cells cut with ..., and a column left with no room is dropped. The output is text layout, not objects: only Out-String, Out-File or Export-Csv may follow Format-Table in a pipeline.",
  params: {
    Property: {type: 'object', position: 0, help: PROPERTY_HELP},
    AutoSize: {type: 'switch', help: 'Sizes the columns to their content (every table here is).'},
    Wrap: {type: 'switch', help: 'Continues long values on the next lines instead of cutting them with ...'},
    HideTableHeaders: {type: 'switch', help: 'Leaves out the header row and its dashes.'},
    GroupBy: {
      type: 'object',
      help: 'A property (or a calculated property) to group by: each run of objects with the same value gets a "   Name: value" heading and a table of its own. Sort by the same property first to get one group per value.',
    },
    InputObject: INPUT,
  },
  examples: [
    {
      code: 'Get-CsPersistentChatRoom | Format-Table Name,Privacy,Category',
      remarks: 'Shows each room on one line, with its name, privacy and category.',
    },
    {
      code: 'Get-CsPersistentChatRoom | Format-Table Name,@{Name="Members"; Expression={$_.Members.Count}} -Wrap',
      remarks: 'A calculated column, and long values continued on the next lines.',
    },
    {code: 'Get-CsPersistentChatPolicy | ft', remarks: 'Every property of each policy, as a table.'},
    {
      code: 'Get-CsPersistentChatRoom | Sort-Object Privacy | Format-Table Name,Category -GroupBy Privacy',
      remarks: 'A table of rooms for each privacy setting, under a "   Privacy: Open" heading.',
    },
  ],
  process(ctx, args, input) {
    const objects = objectsOf(input, args);
    if (objects.length === 0) return;
    const columns = columnsFor(args['Property'] as Value | undefined, objects[0]!);
    const groupBy = args['GroupBy'] as Value | undefined;
    const group = groupBy === undefined ? undefined : columnsFor(groupBy, objects[0]!)[0];
    const view: FormatView = {
      kind: 'format',
      shape: 'table',
      columns: columns.map((c) => c.label),
      objects: objects.map((item) => selectColumns(columns, item)),
      autoSize: args['AutoSize'] === true,
      wrap: args['Wrap'] === true,
      hideTableHeaders: args['HideTableHeaders'] === true,
      ...(group ? {groupBy: {label: group.label, values: objects.map(group.read)}} : {}),
    };
    ctx.write(view);
  },
});

export const formatList = builtin({
  name: 'Format-List',
  summary: 'Formats the output as a list of properties, each on its own line.',
  description:
    "Shows the selected properties of each object as `Name : Value` lines, the names padded to the longest, a blank line between objects. A value too long for the terminal's width continues on the next lines, under the values. The output is text layout, not objects: only Out-String, Out-File or Export-Csv may follow Format-List in a pipeline.",
  params: {
    Property: {type: 'object', position: 0, help: PROPERTY_HELP},
    InputObject: INPUT,
  },
  examples: [
    {
      code: 'Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" | Format-List *',
      remarks: 'Every property of the room, one a line.',
    },
    {
      code: 'Get-CsPersistentChatPolicy | fl Identity,Enable*',
      remarks: 'The identity and every property starting with Enable, of each policy.',
    },
  ],
  process(ctx, args, input) {
    const objects = objectsOf(input, args);
    if (objects.length === 0) return;
    const property = args['Property'] as Value | undefined;
    const view: FormatView = {
      kind: 'format',
      shape: 'list',
      columns: [],
      objects: objects.map((item) => selectColumns(columnsFor(property, item), item)),
      autoSize: false,
      wrap: true,
      hideTableHeaders: false,
    };
    ctx.write(view);
  },
});
