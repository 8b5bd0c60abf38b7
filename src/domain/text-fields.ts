// What a text field accepts, for every cmdlet parameter and deployment file field that stores
// text: none of the unsafe characters of text-chars.ts. Two variants, side by side:
// - 'line' for names, identities, URLs, paths, display names and descriptions: one line, so
//   a list or a table row cannot be split or faked;
// - 'lines' for text that is multi-line by nature (chat messages, an XSLT document): tab, line
//   feed and carriage return are allowed, nothing else from the table.
// And how long: every text field has a length limit (TEXT_LIMITS), so that no single value can
// grow the store without bound. Grammars (FQDN, SIP, DN) stay with each field.

import {CmdletError} from './errors.js';
import {LINE_BREAKS_AND_TAB, UNSAFE_CHAR, describeCodePoint, isUnsafeCodePoint} from './text-chars.js';

export type TextFieldKind = 'line' | 'lines';

/** The longest text each field accepts, in UTF-16 code units (String.length, as PowerShell counts). */
export const TEXT_LIMITS = {
  /** Category, room and add-in names: 256 (rooms-and-content 0.1). */
  name: 256,
  /** Category and room descriptions: 1024 (rooms-and-content 0.1). Spec note: policy descriptions too. */
  description: 1024,
  /** Spec note: display names (endpoints) are names, 256. */
  displayName: 256,
  /** Spec note: URLs (add-ins, room management), 2048, the length browsers and IIS accept. */
  url: 2048,
  /** Spec note: any other one-line field (identities, principals, paths, adapter names), 4096. */
  line: 4096,
  /** Spec note: multi-line documents (a compliance XSLT), 1,000,000. */
  lines: 1_000_000,
} as const;

/** A field: its length limit, and its characters (one line, except the multi-line 'lines'). */
export type TextField = keyof typeof TEXT_LIMITS;

const kindOf = (field: TextField): TextFieldKind => (field === 'lines' ? 'lines' : 'line');

/** The first code point the field refuses, or null. */
export function refusedCodePoint(text: string, kind: TextFieldKind = 'line'): number | null {
  if (!UNSAFE_CHAR.test(text)) return null;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (isUnsafeCodePoint(code) && !(kind === 'lines' && LINE_BREAKS_AND_TAB.includes(code))) return code;
  }
  return null;
}

/** `it contains U+001B (a control character)`, `it is longer than 256 characters`, or null when acceptable. */
export function textFieldProblem(text: string, field: TextField = 'line'): string | null {
  if (text.length > TEXT_LIMITS[field]) return `it is longer than ${TEXT_LIMITS[field]} characters`;
  const code = refusedCodePoint(text, kindOf(field));
  return code === null ? null : `it contains ${describeCodePoint(code)}`;
}

/** Throws InvalidValue naming the parameter and the character, or the limit, when the field refuses the text. */
export function assertTextField(
  text: string | null | undefined,
  parameter: string,
  field: TextField = 'line',
): void {
  if (text === null || text === undefined) return;
  const limit = TEXT_LIMITS[field];
  if (text.length > limit)
    throw new CmdletError(
      'InvalidValue',
      `${parameter} must be at most ${limit} characters; this one has ${text.length}.`,
      {parameter},
    );
  const code = refusedCodePoint(text, kindOf(field));
  if (code !== null)
    throw new CmdletError('InvalidValue', `${parameter} cannot contain ${describeCodePoint(code)}.`, {
      parameter,
    });
}
