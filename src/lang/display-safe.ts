// Text from the data (room names, messages, error messages that echo input) may hold control
// characters that move the cursor, retitle the terminal or reorder what is shown. Before it
// reaches a terminal every such character is shown as a visible escape instead: caret notation
// for C0 and DEL (`^[`, `^M`), `\u{...}` for C1, bidi controls and invisible characters.

/** True for a code point that must not reach the terminal as it is. */
export function isUnsafeCodePoint(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0xad || // soft hyphen: invisible
    code === 0x061c || // Arabic letter mark
    code === 0x180e || // Mongolian vowel separator
    (code >= 0x200b && code <= 0x200f) || // zero-width space/joiners, LRM, RLM
    (code >= 0x2028 && code <= 0x202e) || // line/paragraph separators, bidi embeddings and overrides
    (code >= 0x2060 && code <= 0x2069) || // word joiner, invisible operators, bidi isolates
    code === 0xfeff || // zero-width no-break space
    (code >= 0xfff9 && code <= 0xfffb) || // interlinear annotations
    (code >= 0xd800 && code <= 0xdfff) || // a lone surrogate
    (code >= 0xe0000 && code <= 0xe007f) // tag characters: invisible text
  );
}

const escapeCodePoint = (code: number): string => {
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `\\u{${code.toString(16)}}`;
};

const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]|\udb40[\udc00-\udc7f]/;

/** The text with every unsafe character replaced by a visible escape; safe text comes back unchanged. */
export function displaySafe(text: string): string {
  if (!UNSAFE.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += isUnsafeCodePoint(code) ? escapeCodePoint(code) : ch;
  }
  return out;
}
