// What a text field accepts, for every cmdlet parameter and deployment file field that stores
// text: none of the unsafe characters of text-chars.ts. Two variants, side by side:
// - 'line' for names, identities, URLs, paths, display names and descriptions: one line, so
//   a list or a table row cannot be split or faked;
// - 'lines' for text that is multi-line by nature (chat messages, an XSLT document): tab, line
//   feed and carriage return are allowed, nothing else from the table.
// Lengths and grammars (FQDN, SIP, DN) stay with each field; this is only about characters.

import {CmdletError} from './errors.js';
import {LINE_BREAKS_AND_TAB, UNSAFE_CHAR, describeCodePoint, isUnsafeCodePoint} from './text-chars.js';

export type TextFieldKind = 'line' | 'lines';

/** The first code point the field refuses, or null. */
export function refusedCodePoint(text: string, kind: TextFieldKind = 'line'): number | null {
  if (!UNSAFE_CHAR.test(text)) return null;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (isUnsafeCodePoint(code) && !(kind === 'lines' && LINE_BREAKS_AND_TAB.includes(code))) return code;
  }
  return null;
}

/** `it contains U+001B (a control character)`, or null when the text is acceptable. */
export function textFieldProblem(text: string, kind: TextFieldKind = 'line'): string | null {
  const code = refusedCodePoint(text, kind);
  return code === null ? null : `it contains ${describeCodePoint(code)}`;
}

/** Throws InvalidValue naming the parameter and the character when the field refuses the text. */
export function assertTextField(
  text: string | null | undefined,
  parameter: string,
  kind: TextFieldKind = 'line',
): void {
  if (text === null || text === undefined) return;
  const code = refusedCodePoint(text, kind);
  if (code !== null)
    throw new CmdletError('InvalidValue', `${parameter} cannot contain ${describeCodePoint(code)}.`, {
      parameter,
    });
}
