// The one sink-side escaper: text from the data (room names, messages, error messages that echo
// input) may hold characters that move the cursor, retitle the terminal or reorder what is shown.
// Wherever text leaves the program for a terminal (the console's frames, `pchat exec` output,
// error and warning lines, prompts) each unsafe character of domain/text-chars.ts is shown as a
// visible escape instead: caret notation for C0 and DEL (`^[`, `^M`), `\u{...}` for the rest.
//
// Printable text is left exactly as stored (no Unicode normalisation), so what an operator reads
// and copies names the same object the store holds, in the console and on the command line alike.
// JSON output is not passed through here: JSON escapes control characters itself, and
// terminalSafeJson() escapes the rest of the table (see cli/format-json.ts).

import {UNSAFE_CHAR, isUnsafeCodePoint} from '../domain/text-chars.js';

export {isUnsafeCodePoint};

const escapeCodePoint = (code: number): string => {
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `\\u{${code.toString(16)}}`;
};

/** The text with every unsafe character replaced by a visible escape; safe text comes back unchanged. */
export function displaySafe(text: string): string {
  if (!UNSAFE_CHAR.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += isUnsafeCodePoint(code) ? escapeCodePoint(code) : ch;
  }
  return out;
}

/** Several lines for a terminal: each made display-safe, the line breaks between them kept. */
export const displaySafeLines = (text: string): string => text.split('\n').map(displaySafe).join('\n');
