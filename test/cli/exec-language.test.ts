// The command language through `pchat exec` as a real process, on the demo store: filter blocks
// read by the value parser, statements as values and unspaced operators, commands inside $( ),
// $Matches, dates, Format-Table -GroupBy and ForEach-Object -Begin/-End.

import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {pchat, tempDir} from '../helpers/pchat-process.js';

let store: string;

beforeAll(() => {
  store = path.join(tempDir(), 's');
  expect(pchat(['init', '--store', store]).status).toBe(0);
});

/** The text `pchat exec` writes for the line; it must succeed and write nothing to stderr. */
const exec = (line: string, json = false): string => {
  const run = pchat(['exec', '--store', store, ...(json ? ['--json'] : []), line], {env: {COLUMNS: ''}});
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
};

describe('the command language through pchat exec', () => {
  it('binds -not tighter than a comparison in a filter block, and keeps bare property names in -Filter', () => {
    expect(exec('0,1,2 | Where-Object {-not $_ -eq $true}')).toBe('0\n');
    expect(
      exec(
        'Get-CsPersistentChatRoom -Filter {-not Disabled -and Privacy -eq Closed} | ForEach-Object {$_.Name}',
      ),
    ).toBe('HelpDeskChatRoom\nItRoom\nLisbonRoom\nProjectsRoom\n');
  });

  it('assigns the output of foreach and if, and reads operators written without spaces', () => {
    expect(exec('$n = 3; $x = foreach ($i in 1..$n) { $i*2 }; $x -join ","')).toBe('2,4,6\n');
    expect(
      exec('$r = (Get-CsPersistentChatRoom).Count; $s = if ($r-1 -gt 3) {"many"} else {"few"}; "rooms: "+$s'),
    ).toBe('rooms: many\n');
  });

  it('runs commands inside $( ) in an expandable string', () => {
    expect(exec('"rooms: $(Get-CsPersistentChatRoom | Measure-Object | ForEach-Object {$_.Count})"')).toBe(
      'rooms: 6\n',
    );
    expect(exec('"$((Get-CsPersistentChatRoom).Count) rooms"')).toBe('6 rooms\n');
  });

  it('sets $Matches after a successful -match', () => {
    expect(
      exec(
        'if ("pc1.dc1.example.org\\ItRoom" -match "^(?<pool>[^\\\\]+)\\\\(.+)$") { $Matches.pool; $Matches[1] }',
      ),
    ).toBe('pc1.dc1.example.org\nItRoom\n');
    expect(exec('$null = "room-42" -match "\\d+"; $Matches')).toBe('\nName Value\n---- -----\n0    42\n\n');
  });

  it('gives dates with members and methods, shows them as PowerShell 5.1, and binds them to date parameters', () => {
    expect(exec('(Get-Date -Date 2026-03-04T05:06:07Z).AddDays(-7)')).toBe(
      '\nWednesday, February 25, 2026 5:06:07 AM\n\n',
    );
    expect(
      exec(
        '$d = [datetime]"2026-03-04"; ($d - $d.AddDays(-7)).TotalHours; $d.DayOfWeek; $d.ToString("yyyy-MM-dd")',
      ),
    ).toBe('168\nWednesday\n2026-03-04\n');
    const room = '-Room "pc1.dc1.example.org\\ItRoom"';
    expect(
      exec(
        `(Get-PcChatMessage ${room} -StartDate (Get-Date).AddYears(-50)).Count; (Get-PcChatMessage ${room} -StartDate (Get-Date).AddDays(1)).Count`,
      ),
    ).toBe('5\n0\n');
    expect(exec('[datetime]"2026-03-04"', true)).toBe('["2026-03-04T00:00:00.000Z"]\n');
  });

  it('lays out Format-Table -GroupBy as PowerShell does', () => {
    expect(exec('Get-CsPersistentChatRoom | Sort-Object Privacy | Format-Table Name -GroupBy Privacy')).toBe(
      [
        '',
        '   Privacy: Closed',
        '',
        'Name',
        '----',
        'HelpDeskChatRoom',
        'ItRoom',
        'LisbonRoom',
        'ProjectsRoom',
        '',
        '   Privacy: Open',
        '',
        'Name',
        '----',
        'EmeaRoom',
        '',
        '   Privacy: Secret',
        '',
        'Name',
        '----',
        'HelpRoom',
        '',
        '',
      ].join('\n'),
    );
  });

  it('runs ForEach-Object -Begin, -Process and -End, by name and by position', () => {
    expect(
      exec('Get-CsPersistentChatRoom | ForEach-Object -Begin {$n = 0} -Process {$n += 1} -End {"$n rooms"}'),
    ).toBe('6 rooms\n');
    expect(exec('Get-CsPersistentChatRoom | Select-Object -First 2 | % {"start"} {$_.Name} {"done"}')).toBe(
      'start\nEmeaRoom\nHelpDeskChatRoom\ndone\n',
    );
  });
});
