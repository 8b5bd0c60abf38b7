// What Format-Table and Format-List output is text layout, not objects (as in PowerShell, where
// it is a sequence of formatting records): only the commands that write text take it. Anything
// else fails before it runs, with PowerShell's error id and a message that says what to do.

import type {Value} from '../cmdlets/types.js';
import type {ErrorRecord} from './api.js';
import {FORMAT_DATA_TYPE, isFormatView} from './values.js';

/** The commands that turn formatting records into text (lower case). */
const FORMAT_SINKS: ReadonlySet<string> = new Set(['out-string', 'out-file', 'export-csv']);

/** The error for `cmdlet` receiving Format-* output, or null when it may (or nothing came). */
export function formatInputError(cmdlet: string, items: readonly Value[] | null): ErrorRecord | null {
  if (items === null || FORMAT_SINKS.has(cmdlet.toLowerCase())) return null;
  const view = items.find(isFormatView);
  if (view === undefined) return null;
  const source = view.shape === 'table' ? 'Format-Table' : 'Format-List';
  return {
    cmdlet,
    errorId: 'ConsoleLineOutputOutOfSequencePacket',
    message: `The object of type "${FORMAT_DATA_TYPE}" is not valid or not in the correct sequence: ${cmdlet} received the output of ${source}, which is text layout, not objects. Put ${source} last in the pipeline (only Out-String, Out-File or Export-Csv may follow it), or choose properties with Select-Object.`,
    target: null,
    parameter: null,
  };
}
