// Every string that comes from the store or from a command's output passes through here before it
// reaches the terminal, so a room named with an escape sequence cannot move the cursor, clear the
// screen, write to the clipboard or reorder the text around it (kubectl's EscapeTerminal, git's
// caret notation for sideband messages).

const NAMED: Readonly<Record<number, string>> = {
  0x09: '\\t',
  0x0a: '\\n',
  0x0d: '\\r',
  0x1b: '^[',
  0x7f: '^?',
};

/** Bidi overrides and isolates, marks, zero-width characters and line separators: shown, never obeyed. */
const INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

const escapeCodePoint = (cp: number): string => {
  const named = NAMED[cp];
  if (named) return named;
  if (cp < 0x20) return `^${String.fromCharCode(cp + 0x40)}`;
  return `\\u{${cp.toString(16)}}`;
};

const needsEscape = (cp: number, ch: string): boolean =>
  cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f) || INVISIBLE.test(ch);

/** A printable rendering of `text`: control, C1, bidi and zero-width characters in visible notation. */
export function displaySafe(text: string): string {
  const normalised = text.normalize('NFC');
  let out = '';
  for (const ch of normalised) {
    const cp = ch.codePointAt(0) ?? 0;
    out += needsEscape(cp, ch) ? escapeCodePoint(cp) : ch;
  }
  return out;
}

/** For values of any type on the way to the screen. */
export const displayValue = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return displaySafe(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return displaySafe(JSON.stringify(value) ?? '');
};
