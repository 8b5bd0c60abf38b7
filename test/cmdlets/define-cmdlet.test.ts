import {describe, expect, it} from 'vitest';
import {defineCmdlet} from '../../src/cmdlets/define-cmdlet.js';
import {identityParams} from '../../src/cmdlets/shared-params.js';
import type {DateArg, ListModifier, Value} from '../../src/cmdlets/types.js';

// Compile-time checks: `npm run typecheck` covers test/, so each @ts-expect-error below must
// stay an error, and each assignment without one must stay valid.
const typed = defineCmdlet({
  name: 'Test-Typed',
  summary: 'Reads its own arguments.',
  params: {
    ...identityParams('room', 'room'),
    Name: {type: 'string', help: 'A name.'},
    Note: {type: 'string', nullable: true, help: 'Nullable text.'},
    Count: {type: 'int', help: 'A number.'},
    Interval: {type: 'timespan', help: 'Seconds.'},
    Force: {type: 'switch', help: 'A switch.'},
    Privacy: {type: 'enum', values: ['Open', 'Closed'], help: 'An enum.'},
    EndDate: {type: 'datetime', help: 'A date.'},
    Members: {type: 'listModifier', nullable: true, help: 'A list.'},
  },
  examples: [],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const name: string | undefined = args.Name;
    const note: string | null | undefined = args.Note;
    const count: number | undefined = args.Count;
    const seconds: number | undefined = args.Interval;
    const force: boolean | undefined = args.Force;
    const privacy: 'Open' | 'Closed' | undefined = args.Privacy;
    const end: DateArg | undefined = args.EndDate;
    // A list modifier binds $Null as an empty Replace, so it is never null.
    const members: ListModifier | undefined = args.Members;
    const identity: string | undefined = args.Identity;
    const instance: Value | undefined = args.Instance;
    // @ts-expect-error: a misspelled parameter name does not compile.
    const typo: unknown = args.Idenity;
    // @ts-expect-error: only a nullable parameter may be null.
    const notNull: string | undefined = args.Note;
    // @ts-expect-error: an enum binds to one of its values.
    const other: 'Secret' | undefined = args.Privacy;
    ctx.write(
      [name, note, count, seconds, force, privacy, end?.iso ?? null, members?.add ?? null].map(String),
    );
    ctx.write([identity ?? null, instance ?? null, String(typo), notNull ?? null, other ?? null]);
  },
});

describe('defineCmdlet', () => {
  it('returns the table entry unchanged', () => {
    expect(Object.keys(typed.params)).toEqual([
      'Identity',
      'Instance',
      'Name',
      'Note',
      'Count',
      'Interval',
      'Force',
      'Privacy',
      'EndDate',
      'Members',
    ]);
    expect(typed.name).toBe('Test-Typed');
  });
});
