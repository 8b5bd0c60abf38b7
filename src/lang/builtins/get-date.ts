// Get-Date [[-Date] d] [-Format f]: the current time, or a given one, optionally as formatted text.

import type {DateArg, ParamSpec} from '../../cmdlets/types.js';
import {isCmdletError} from '../../domain/errors.js';
import {convertArgument} from '../convert.js';
import {dateValue} from '../date-values.js';
import {formatDate} from './date-format.js';
import {builtin} from './types.js';

// PowerShell binds a piped value to -Date: `[datetime]"2026-01-15" | Get-Date -Format yyyy` formats that day.
const DATE: ParamSpec = {
  type: 'datetime',
  position: 0,
  pipeline: 'value',
  help: 'The time to use instead of the current time; it may come from the pipeline.',
};

export const getDate = builtin({
  name: 'Get-Date',
  summary: 'Gets the current date and time.',
  description:
    'Outputs the current time (or the one -Date gives) as a date: its members (.Year, .Month, .Day, .Hour, .Minute, .DayOfWeek, .Date) and methods (.AddDays(n), .AddHours(n), .AddMinutes(n), .ToString(format)) work as in PowerShell, two dates subtract to a TimeSpan (.TotalDays, .TotalHours), and a date binds to date parameters such as -StartDate. -Format writes it as text with a .NET format string such as "yyyy-MM-dd HH:mm" (the custom specifiers, quoted text, and the one-letter standard formats as en-US writes them). Spec note: times are UTC, so the output does not depend on the machine\'s time zone.',
  params: {
    Date: DATE,
    Format: {type: 'string', help: 'A .NET format string, such as yyyyMMdd or "dddd, MMMM d".'},
  },
  examples: [
    {code: 'Get-Date -Format "yyyy-MM-dd"', remarks: "Today's date, such as 2026-12-06."},
    {
      code: 'Get-PcChatMessage -Room "pc1.dc1.example.org\\ItRoom" -StartDate (Get-Date).AddDays(-7)',
      remarks: "ItRoom's messages of the last seven days: the date a week ago binds to -StartDate.",
    },
    {
      code: '((Get-Date) - [datetime]"2026-01-01").TotalDays',
      remarks: 'The days since the start of 2026.',
    },
    {
      code: '$day = Get-Date -Format yyyyMMdd; Get-CsPersistentChatRoom | Export-Csv "rooms-$day.csv"',
      remarks: "Exports the rooms to a file named after today's date.",
    },
  ],
  process(ctx, args, input) {
    const format = args['Format'] as string | undefined;
    const write = (given: DateArg | undefined): void => {
      const date = given ? new Date(given.iso) : ctx.now;
      ctx.write(format === undefined ? dateValue(date.getTime()) : formatDate(date, format));
    };
    if (input === null) return write(args['Date'] as DateArg | undefined);
    for (const item of input) {
      try {
        write(convertArgument('Date', DATE, {value: item}) as DateArg);
      } catch (error) {
        if (!isCmdletError(error)) throw error;
        ctx.error(error);
      }
    }
  },
});
