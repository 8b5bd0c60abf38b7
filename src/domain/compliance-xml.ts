// The built-in XML adapter's output (topology spec 4.5), written through an XML library that
// escapes every value. It streams: each element goes to `write` as it is finished, so a file of a
// million messages is never held in memory.
//
// Spec note: xmlbuilder (15.1.1) rather than xmlbuilder2 or fast-xml-parser's builder. xmlbuilder2
// 4.0.3 leaves "&" unescaped before "lt;", "amp;" and the other entity names, so a message reading
// "x &lt; y" came back as "x < y"; fast-xml-parser's builder writes tab, line feed and carriage
// return into attributes as they are, which a conforming parser reads back as spaces, and builds a
// whole document at once. xmlbuilder escapes "&" always, writes those three as character references
// in attributes, and has a streaming (callback) mode.

import xmlbuilder from 'xmlbuilder';
import {timeForms} from './compliance-time.js';
import {chatRoomUri} from './rooms.js';
import type {ChatMessage, ChatState, Room} from './types.js';

export interface XmlDetails {
  readonly addChatRoomDetails: boolean;
  readonly addUserDetails: boolean;
}

/** One room's part of a capture: its messages in log order, at least one. */
export interface Conversation {
  readonly room: Room;
  readonly messages: Iterable<ChatMessage>;
}

export interface CaptureWindow {
  readonly start: string;
  readonly end: string;
}

// Characters outside XML 1.0's Char production: no escape can carry them. Built from ranges (as
// text-chars.ts builds its class); under the u flag paired surrogates form one code point, so the
// surrogate range matches only a lone one.
const NOT_XML_CHAR_RANGES: readonly (readonly [number, number])[] = [
  [0x00, 0x08],
  [0x0b, 0x0c],
  [0x0e, 0x1f],
  [0xd800, 0xdfff],
  [0xfffe, 0xffff],
];
const hex = (code: number): string => code.toString(16).padStart(4, '0');
const NOT_XML_CHAR = new RegExp(
  `[${NOT_XML_CHAR_RANGES.map(([from, to]) => `\\u{${hex(from)}}-\\u{${hex(to)}}`).join('')}]`,
  'gu',
);

/** How many characters of `text` XML cannot hold (each is written as U+FFFD). */
export const unwritableCharacters = (text: string): number => text.match(NOT_XML_CHAR)?.length ?? 0;

const writable = (text: string): string => text.replace(NOT_XML_CHAR, '\uFFFD');

type Element = xmlbuilder.XMLDocumentCB;

/** Writes one XML file of conversations (one per room) to `write`. */
export function writeConversations(
  write: (chunk: string) => void,
  input: {
    readonly state: ChatState;
    readonly details: XmlDetails;
    readonly window: CaptureWindow;
    readonly conversations: Iterable<Conversation>;
  },
): void {
  const doc = xmlbuilder.begin({writer: {pretty: true, indent: '  ', newline: '\n'}}, (chunk) =>
    write(chunk),
  );
  let root = doc.dec('1.0', 'utf-8').ele('Conversations');
  for (const conversation of input.conversations) root = writeConversation(root, input, conversation);
  root.up().end();
}

function writeConversation(
  root: Element,
  input: {readonly state: ChatState; readonly details: XmlDetails; readonly window: CaptureWindow},
  {room, messages}: Conversation,
): Element {
  const iterator = messages[Symbol.iterator]();
  const first = iterator.next();
  if (first.done === true) return root;
  let node = root
    .ele('Conversation')
    .ele('Channel', channelAttributes(input.state, input.details, room))
    .up();
  node = message(node, 'FirstMessage', input, first.value);
  node = node.ele('Messages');
  node = message(node, 'Message', input, first.value);
  for (let next = iterator.next(); next.done !== true; next = iterator.next())
    node = message(node, 'Message', input, next.value);
  node = node.up();
  node = node.ele('StartTimeUTC', timeForms(input.window.start)).up();
  node = node.ele('EndTimeUTC', timeForms(input.window.end)).up();
  return node.up();
}

function channelAttributes(state: ChatState, details: XmlDetails, room: Room): Record<string, string> {
  const base = {uri: chatRoomUri(state, room), name: writable(room.name)};
  if (!details.addChatRoomDetails) return base;
  const category = state.categories.find((c) => c.id === room.categoryId);
  return {...base, category: writable(category?.name ?? ''), privacy: room.privacy, type: room.type};
}

function message(
  parent: Element,
  name: 'FirstMessage' | 'Message',
  input: {readonly state: ChatState; readonly details: XmlDetails},
  m: ChatMessage,
): Element {
  return parent
    .ele(name, {type: 'CHAT', content: writable(m.text), id: writable(m.id)})
    .ele('Sender', senderAttributes(input.state, input.details, m.author))
    .up()
    .ele('DateTimeUTC', timeForms(m.postedAt))
    .up()
    .up();
}

// Spec note: the model has no numeric principal ids, so `id` is the author's SIP address, the key
// every other part of the model uses for a user; it is the same in every file.
function senderAttributes(state: ChatState, details: XmlDetails, author: string): Record<string, string> {
  const uri = writable(author);
  if (!details.addUserDetails) return {id: uri, uri};
  const user = state.directory.users.find((u) => u.sipAddress?.toLowerCase() === author.toLowerCase());
  const domain = author.slice(author.indexOf('@') + 1).toLowerCase();
  const internal = state.sipDomains.some((d) => d.toLowerCase() === domain);
  const email = user?.attributes['mail'] ?? user?.userPrincipalName ?? null;
  return {
    ...(user ? {UserName: writable(user.displayName)} : {}),
    id: uri,
    ...(email !== null ? {email: writable(email)} : {}),
    internal: String(internal),
    uri,
  };
}

/**
 * The .ATTACH manifest beside an XML file: the file events of the same messages.
 * Spec note: the model has no file events yet, so it is a document whose root has no entries (an
 * empty list a reader can parse as it will parse a full one).
 */
export function writeAttachmentManifest(write: (chunk: string) => void): void {
  const doc = xmlbuilder.begin({writer: {pretty: true, indent: '  ', newline: '\n'}}, (chunk) =>
    write(chunk),
  );
  doc.dec('1.0', 'utf-8').ele('FileAttachments').up().end();
}
