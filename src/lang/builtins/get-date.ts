// Get-Date [[-Date] d] [-Format f]: the current time, or a given one, optionally as formatted text.

import type {DateArg} from '../../cmdlets/types.js';
import {formatDate} from './date-format.js';
import {builtin} from './types.js';

export const getDate = builtin({
  name: 'Get-Date',
  summary: 'Gets the current date and time.',
  description:
    'Outputs the current time (or the one -Date gives) as an ISO 8601 UTC time, as the cmdlets give times; -Format writes it with a .NET format string such as "yyyy-MM-dd HH:mm" (the custom specifiers, quoted text, and the one-letter standard formats as en-US writes them). Spec note: times are UTC, so the output does not depend on the machine\'s time zone.',
  params: {
    Date: {type: 'datetime', position: 0, help: 'The time to use instead of the current time.'},
    Format: {type: 'string', help: 'A .NET format string, such as yyyyMMdd or "dddd, MMMM d".'},
  },
  examples: [
    {code: 'Get-Date -Format "yyyy-MM-dd"', remarks: "Today's date, such as 2026-12-06."},
    {
      code: '$day = Get-Date -Format yyyyMMdd; Get-CsPersistentChatRoom | Export-Csv "rooms-$day.csv"',
      remarks: "Exports the rooms to a file named after today's date.",
    },
  ],
  process(ctx, args) {
    const given = args['Date'] as DateArg | undefined;
    const date = given ? new Date(given.iso) : ctx.now;
    const format = args['Format'] as string | undefined;
    ctx.write(format === undefined ? date.toISOString() : formatDate(date, format));
  },
});
