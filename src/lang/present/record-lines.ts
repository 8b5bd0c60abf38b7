// Error, warning and what-if lines, the way PowerShell writes them to the host. Messages echo
// input and data, so every part is made display-safe.

import type {Warning} from '../../domain/errors.js';
import type {ErrorRecord} from '../api.js';
import {displaySafe} from '../display-safe.js';

/** `<Cmdlet> : <message> [<ErrorId>]` */
export const errorLine = (record: ErrorRecord): string =>
  `${displaySafe(record.cmdlet)} : ${displaySafe(record.message)} [${displaySafe(record.errorId)}]`;

/** `WARNING: <message> [<WarningId>]` */
export const warningLine = (warning: Warning): string =>
  `WARNING: ${displaySafe(warning.message)} [${displaySafe(warning.warningId)}]`;

/** "What if: ..." lines name targets from the data. */
export const whatIfLine = (line: string): string => displaySafe(line);
