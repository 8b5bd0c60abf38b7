// Every string that comes from the store or from a command's output passes through here before it
// reaches the terminal, so a room named with an escape sequence cannot move the cursor, clear the
// screen, write to the clipboard or reorder the text around it. The escaping is the language's
// own (the command line shows the same notation); the console also normalises to NFC so two
// spellings of one name look the same.

import {displaySafe as escapeUnsafe} from '../lang/display-safe.js';

export const displaySafe = (text: string): string => escapeUnsafe(text.normalize('NFC'));

/** For values of any type on the way to the screen. */
export const displayValue = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return displaySafe(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return displaySafe(JSON.stringify(value) ?? '');
};
