// The characters that must not reach a terminal as they are, in one table. Text fields refuse
// them on the way in (text-fields.ts) and every front end escapes them on the way out
// (lang/display-safe.ts), so both sides agree on what "unsafe" means.
//
// Each class says why it is dangerous: a terminal acts on it (moves the cursor, retitles the
// window, writes the clipboard), or it reorders or hides text so that what an operator reads is
// not what is stored (a name that fakes another row, a sip: address that reads backwards).

export interface CharClass {
  readonly name: string;
  /** Inclusive code point ranges. */
  readonly ranges: readonly (readonly [number, number])[];
}

/** Tab, line feed and carriage return: the C0 controls a multi-line text may hold. */
export const LINE_BREAKS_AND_TAB: readonly number[] = [0x09, 0x0a, 0x0d];

export const UNSAFE_CHAR_CLASSES: readonly CharClass[] = [
  // C0 controls and DEL: ESC starts every terminal escape sequence, CR and BS overwrite what was
  // shown, LF adds a row a table did not plan for, BEL rings.
  {
    name: 'a control character',
    ranges: [
      [0x00, 0x1f],
      [0x7f, 0x7f],
    ],
  },
  // C1 controls: U+009B is a one-character CSI and U+009D an OSC on terminals that read 8-bit C1.
  {name: 'a control character', ranges: [[0x80, 0x9f]]},
  // Bidi embeddings, overrides, isolates and marks (U+061C ALM, LRM, RLM): reorder what follows,
  // the "Trojan Source" trick.
  {
    name: 'a bidirectional formatting character',
    ranges: [
      [0x061c, 0x061c],
      [0x200e, 0x200f],
      [0x202a, 0x202e],
      [0x2066, 0x2069],
    ],
  },
  // Zero-width and invisible formatting characters: two names that look the same but differ.
  // Soft hyphen, Mongolian vowel separator, zero-width space/non-joiner/joiner, word joiner and
  // the invisible operators, the BOM (zero-width no-break space), interlinear annotations.
  {
    name: 'an invisible formatting character',
    ranges: [
      [0x00ad, 0x00ad],
      [0x180e, 0x180e],
      [0x200b, 0x200d],
      [0x2060, 0x2065],
      [0xfeff, 0xfeff],
      [0xfff9, 0xfffb],
    ],
  },
  // Line and paragraph separators: a new line to some renderers and none to others.
  {name: 'a line or paragraph separator', ranges: [[0x2028, 0x2029]]},
  // A surrogate on its own is not a character: a broken string that terminals draw differently.
  {name: 'a lone surrogate', ranges: [[0xd800, 0xdfff]]},
  // Tag characters: invisible text that can carry hidden instructions.
  {name: 'a tag character', ranges: [[0xe0000, 0xe007f]]},
];

/** The class a code point belongs to, or undefined when it is safe to show as it is. */
export const unsafeClassOf = (code: number): CharClass | undefined =>
  UNSAFE_CHAR_CLASSES.find((c) => c.ranges.some(([from, to]) => code >= from && code <= to));

export const isUnsafeCodePoint = (code: number): boolean => unsafeClassOf(code) !== undefined;

const hex = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');

// Built from the table above rather than written out, so the table is the only place the ranges
// live. With the u flag a lone surrogate is matched as the code point it is.
const classBody = UNSAFE_CHAR_CLASSES.flatMap((c) => c.ranges)
  .map(([from, to]) => (from === to ? `\\u{${hex(from)}}` : `\\u{${hex(from)}}-\\u{${hex(to)}}`))
  .join('');

/** Matches any unsafe character (a quick test before escaping character by character). */
export const UNSAFE_CHAR = new RegExp(`[${classBody}]`, 'u');

/** `U+001B (a control character)`: how a message names an offending character. */
export const describeCodePoint = (code: number): string =>
  `U+${hex(code)} (${unsafeClassOf(code)?.name ?? 'a character'})`;

/**
 * JSON text with every unsafe character that JSON.stringify leaves raw written as a \u escape:
 * still the same JSON data, but safe to `cat` to a terminal. (JSON.stringify already escapes C0
 * controls and lone surrogates itself.)
 */
export const terminalSafeJson = (json: string): string =>
  UNSAFE_CHAR.test(json)
    ? json.replace(new RegExp(UNSAFE_CHAR.source, 'gu'), (ch) =>
        Array.from(
          {length: ch.length},
          (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`,
        ).join(''),
      )
    : json;
