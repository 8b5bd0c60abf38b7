// An archived message line read by hand when it is plain: no backslash and no character that
// terminalSafeJson escapes (UNSAFE_CHAR takes in the C0 controls). In such a line every JSON string
// is its characters between two quotes, exactly as JSON.stringify writes them, so a line that is the
// log's template of a message (chatMessageSchema's keys in its order, strings, a boolean, a string or
// null, no space) is one that JSON.parse, the schema and the comparison with toJsonLine all accept,
// with these same values. Any other line, plain or not, takes that full path (archive-read.ts), which
// also names what is wrong with it. Checking a million archived lines that way was most of an
// import's time and its garbage (P6).

import {UNSAFE_CHAR} from '../domain/text-chars.js';

const QUOTE = '"';
/** A line of printable ASCII alone holds no unsafe character; this class is far quicker to test. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/**
 * The log's template of a message: chatMessageSchema's keys in its order, each as JSON.stringify
 * writes it before its value, and the object's end. message-line-bytes.ts reads the same template.
 */
export const MESSAGE_TEMPLATE = {
  id: '{"id":',
  roomId: ',"roomId":',
  author: ',"author":',
  postedAt: ',"postedAt":',
  text: ',"text":',
  replaced: ',"replaced":',
  replacedAt: ',"replacedAt":',
  close: '}',
} as const;

/** What the import checks of a message beyond its form. */
export interface MessageFacts {
  readonly roomId: string;
  readonly postedAt: string;
}

/** The room and date of `text` when it is a plain message line in the log's exact form; else undefined. */
export function plainMessageLine(text: string): MessageFacts | undefined {
  if (text.includes('\\') || (NOT_PRINTABLE_ASCII.test(text) && UNSAFE_CHAR.test(text))) return undefined;
  let at = 0;
  const literal = (expected: string): boolean => {
    if (!text.startsWith(expected, at)) return false;
    at += expected.length;
    return true;
  };
  const string = (): string | undefined => {
    if (text[at] !== QUOTE) return undefined;
    const end = text.indexOf(QUOTE, at + 1);
    if (end < 0) return undefined;
    const value = text.slice(at + 1, end);
    at = end + 1;
    return value;
  };
  const field = (key: string): string | undefined => (literal(key) ? string() : undefined);
  const keys = MESSAGE_TEMPLATE;
  if (field(keys.id) === undefined) return undefined;
  const roomId = field(keys.roomId);
  if (roomId === undefined || field(keys.author) === undefined) return undefined;
  const postedAt = field(keys.postedAt);
  if (postedAt === undefined || field(keys.text) === undefined) return undefined;
  if (!literal(keys.replaced) || !(literal('true') || literal('false'))) return undefined;
  if (!literal(keys.replacedAt) || !(literal('null') || string() !== undefined)) return undefined;
  return literal(keys.close) && at === text.length ? {roomId, postedAt} : undefined;
}
