import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {renderCommandLine} from '../../src/lang/render-line.js';
import {echoed, run, testBind} from './fake-catalog.js';

describe('renderCommandLine', () => {
  it.each([
    [
      {Identity: 'pc1.dc1.example.org\\ItRoom', Disabled: true},
      undefined,
      'Set-X -Identity "pc1.dc1.example.org\\ItRoom" -Disabled:$True',
    ],
    [{Force: true, Confirm: false}, testBind, 'Set-X -Force -Confirm:$False'],
    [{Enabled: true}, testBind, 'Set-X -Enabled $True'],
    [{Tags: ['a', 'b']}, undefined, 'Set-X -Tags "a","b"'],
    [{Tags: ['a']}, undefined, 'Set-X -Tags @("a")'],
    [{Tags: []}, undefined, 'Set-X -Tags @()'],
    [
      {Members: {add: ['sip:a@example.org'], remove: ['x', 'y']}},
      undefined,
      'Set-X -Members @{Remove="x","y"; Add="sip:a@example.org"}',
    ],
    [{Note: null}, undefined, 'Set-X -Note $Null'],
    [{Count: 5}, undefined, 'Set-X -Count 5'],
    [{Interval: 600}, testBind, 'Set-X -Interval "00:10:00"'],
    [{EndDate: {iso: '2018-03-01T00:00:00.000Z', dateOnly: true}}, undefined, 'Set-X -EndDate "2018-03-01"'],
    [{Name: 'say "hi" for $5 `now`'}, undefined, 'Set-X -Name "say `"hi`" for `$5 ``now``"'],
    [{Name: 'two\nlines'}, undefined, 'Set-X -Name "two`nlines"'],
    [{Skipped: undefined, Name: 'x'}, undefined, 'Set-X -Name "x"'],
  ])('renders %j', (args, spec, expected) => {
    expect(renderCommandLine('Set-X', args, spec)).toBe(expected);
  });

  // Values as Test-Bind receives them after binding; rendering and running the line gives them back.
  const text = fc.string({unit: 'grapheme', maxLength: 12});
  const args = fc.record(
    {
      Identity: text,
      Name: text,
      Count: fc.integer({min: 0, max: 100}),
      Size: fc.integer({min: -2147483648, max: 2147483647}),
      Enabled: fc.boolean(),
      Force: fc.boolean(),
      Type: fc.constantFrom('Normal', 'Auditorium'),
      Interval: fc.integer({min: 0, max: 10_000_000}),
      Tags: fc.array(text, {maxLength: 4}),
      Members: fc.record(
        {add: fc.array(text, {maxLength: 3}), remove: fc.array(text, {maxLength: 3})},
        {requiredKeys: []},
      ),
      Note: fc.option(text, {nil: null}),
    },
    {requiredKeys: []},
  );

  it('round-trips: running the rendered line binds the same values', () => {
    fc.assert(
      fc.property(args, (given) => {
        const members = given.Members;
        // An empty modifier has nothing to render, and a line cannot say "no modifier keys".
        fc.pre(members === undefined || Object.keys(members).length > 0);
        const line = renderCommandLine('Test-Bind', given, testBind);
        const bound = echoed(run(line)).Args;
        expect(bound).toEqual(given);
      }),
      {numRuns: 300},
    );
  });
});
