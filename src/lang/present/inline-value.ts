// One value as text on one line: a property's value in the list view and a cell of the table
// view. Every string from the data goes through displaySafe() here, so callers need not.
//
// Where PowerShell defines a rendering, it is the one used (Windows PowerShell 5.1, the shell of
// the Lync and Skype for Business management tools):
// - $null: nothing. Booleans: True / False. Numbers: invariant digits.
// - Strings as stored. The cmdlets give times as ISO 8601 strings, shown as written, so output does
//   not depend on the operator's culture. A date the language built (Get-Date) shows as
//   DateTime.ToString() does in en-US, `12/6/2026 8:16:24 PM`; a time span as `7.00:00:00`.
// - A nested object: `@{Name=x; Size=2}`, the text PowerShell gives a PSCustomObject.
// - A hashtable: `{[a, 1], [b, 2]}`, PowerShell's enumeration of its DictionaryEntry items.
// - A credential: `System.Management.Automation.PSCredential`, its ToString(); the user name shows
//   only where the credential itself is output (list-view.ts), and the password never.
// - A script block: its text without braces, as ScriptBlock.ToString() gives it.
// - A collection: `{a, b, c}`. PowerShell stops at $FormatEnumerationLimit (4) items; we show
//   every item, because an operator reading a room's members must see all of them. Bytes are the
//   exception: the first 16 then `...`, as a byte array says little past its start.

import type {PsObject, Value} from '../../cmdlets/types.js';
import {displaySafe} from '../display-safe.js';
import {
  FORMAT_DATA_TYPE,
  isByteArray,
  isCredential,
  isDateTime,
  isFormatView,
  isHashtable,
  isScriptBlock,
  isTimeSpan,
} from '../values.js';
import {dateCell, timeSpanText} from '../date-values.js';

const BYTES_SHOWN = 16;
export const CREDENTIAL_TYPE = 'System.Management.Automation.PSCredential';

export function inlineValue(value: Value | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return displaySafe(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `{${(value as readonly Value[]).map(inlineValue).join(', ')}}`;
  if (isScriptBlock(value)) return displaySafe(value.text);
  if (isCredential(value)) return CREDENTIAL_TYPE;
  if (isFormatView(value)) return FORMAT_DATA_TYPE;
  if (isDateTime(value)) return dateCell(value);
  if (isTimeSpan(value)) return timeSpanText(value);
  if (isByteArray(value)) {
    const shown = [...value.data.slice(0, BYTES_SHOWN)].join(', ');
    return `{${shown}${value.data.length > BYTES_SHOWN ? '...' : ''}}`;
  }
  if (isHashtable(value))
    return `{${value.entries.map(([k, v]) => `[${displaySafe(k)}, ${inlineValue(v)}]`).join(', ')}}`;
  return `@{${Object.entries(value as PsObject)
    .map(([k, v]) => `${displaySafe(k)}=${inlineValue(v)}`)
    .join('; ')}}`;
}
