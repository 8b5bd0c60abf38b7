// Reads compliance XML back with an independent parser (fast-xml-parser), as a tree of elements
// in document order with their attributes in written order, so tests can check the structure of
// topology spec 4.5 and that every value reads back as it was.

import {XMLParser, XMLValidator} from 'fast-xml-parser';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Numeric character references (&#xA;) are decoded as a conforming parser decodes them.
  htmlEntities: true,
  parseAttributeValue: false,
  trimValues: false,
});

type Node = Record<string, unknown>;

const toElement = (node: Node): XmlElement | null => {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (name === undefined || name.startsWith('?') || name === '#text') return null;
  const children = (node[name] as Node[]).map(toElement).filter((e): e is XmlElement => e !== null);
  return {name, attributes: (node[':@'] as Record<string, string> | undefined) ?? {}, children};
};

/** The root element of an XML document; throws when the document is not well-formed. */
export function parseXml(text: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`Not well-formed XML: ${JSON.stringify(valid.err)}`);
  const roots = (parser.parse(text) as Node[]).map(toElement).filter((e): e is XmlElement => e !== null);
  if (roots.length !== 1) throw new Error(`Expected one root element, found ${roots.length}.`);
  return roots[0]!;
}

export const childNames = (e: XmlElement): string[] => e.children.map((c) => c.name);

export const child = (e: XmlElement, name: string): XmlElement => {
  const found = e.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${e.name}> has no <${name}>.`);
  return found;
};

/** Checks one Conversation against topology spec 4.5 and returns its messages. */
export function conversationParts(conversation: XmlElement): {
  channel: XmlElement;
  first: XmlElement;
  messages: readonly XmlElement[];
} {
  if (childNames(conversation).join() !== 'Channel,FirstMessage,Messages,StartTimeUTC,EndTimeUTC')
    throw new Error(`Conversation children out of order: ${childNames(conversation).join()}`);
  const messages = child(conversation, 'Messages').children;
  return {channel: child(conversation, 'Channel'), first: child(conversation, 'FirstMessage'), messages};
}
