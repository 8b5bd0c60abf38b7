import {describe, expect, it} from 'vitest';
import {DeploymentSplitter, SplitError, type SplitItem} from '../../src/domain/deployment-splitter.js';

const LIMITS = {maxItemBytes: 1000, maxRestBytes: 10_000, maxDepth: 8};

/** Splits `text`, pushed `chunk` bytes at a time; the entries as text, and the rest. */
function split(text: string, chunk = text.length, limits = LIMITS) {
  const bytes = new TextEncoder().encode(text);
  const items: SplitItem[] = [];
  const splitter = new DeploymentSplitter(limits, (item) => items.push(item));
  for (let at = 0; at < bytes.length; at += chunk) splitter.push(bytes.slice(at, at + chunk));
  const rest = new TextDecoder().decode(splitter.end());
  return {items: items.map((i) => new TextDecoder().decode(i.bytes)), rest, found: items};
}

const FILE = `{"formatVersion": 1,
 "directory": {"messages": [{"nested": true}]},
 "note": "a \\"messages\\": [1] in a string",
 "messages": [
  {"room": "pc1\\\\A", "text": "a [ and a } in \\"text\\""},
  {"room": "pc1\\\\B", "text": "x"} ,
  {"room": "pc1\\\\C", "text": "y", "extra": [1, {"z": []}]}
 ],
 "sites": []}`;

describe('the deployment splitter', () => {
  it('hands over each top-level message entry and keeps the rest with an empty messages array', () => {
    const {items, rest, found} = split(FILE);
    expect(items.map((t) => JSON.parse(t) as unknown)).toEqual(
      (JSON.parse(FILE) as {messages: unknown[]}).messages,
    );
    expect(JSON.parse(rest)).toEqual({...(JSON.parse(FILE) as object), messages: []});
    expect(found.map((i) => [i.index, i.line])).toEqual([
      [0, 5],
      [1, 6],
      [2, 7],
    ]);
    expect(found[1]!.offset).toBe(Buffer.from(FILE).indexOf('{"room": "pc1\\\\B"'));
  });

  it.each([1, 2, 3, 7, 64])('gives the same pieces when the file arrives %i bytes at a time', (chunk) => {
    expect(split(FILE, chunk)).toEqual(split(FILE));
  });

  it.each([
    ['a file whose top level is an array', '[{"messages": [1, 2]}]'],
    ['messages that are not an array', '{"messages": {"a": [1]}}'],
    ['a key that only starts like messages', '{"messagesX": [1], "xmessages": [2]}'],
    ['an escaped key', '{"messag\\u0065s": [1]}'],
  ])('leaves %s to the parser, whole', (_what, text) => {
    const {items, rest} = split(text);
    expect(items).toEqual([]);
    expect(rest).toBe(text);
  });

  it('keeps its own copy of what it holds, when the caller reads every chunk into the same buffer', () => {
    const bytes = Buffer.from(FILE);
    const items: string[] = [];
    const splitter = new DeploymentSplitter(LIMITS, (item) => items.push(Buffer.from(item.bytes).toString()));
    const chunk = Buffer.alloc(5);
    for (let at = 0; at < bytes.length; at += chunk.length) {
      const n = bytes.copy(chunk, 0, at, at + chunk.length);
      splitter.push(chunk.subarray(0, n));
      chunk.fill(0x78);
    }
    const whole = split(FILE);
    expect({items, rest: Buffer.from(splitter.end()).toString()}).toEqual({
      items: whole.items,
      rest: whole.rest,
    });
  });

  it('hands over bare values as entries, for the parser to refuse', () => {
    expect(split('{"messages": [1, "two", null ,true]}').items).toEqual(['1', '"two"', 'null', 'true']);
  });

  it.each([
    ['a comma before the closing ]', '{"messages": [{"a": 1},]}', 'a comma before the closing ]'],
    ['two commas', '{"messages": [{"a": 1},,{"a": 2}]}', 'a comma where an entry should be'],
    ['a missing comma', '{"messages": [{"a": 1} {"a": 2}]}', 'a missing comma between two entries'],
    ['a file cut off inside messages', '{"messages": [{"a": 1}, {"a"', 'the file ends inside messages'],
    [
      'an entry over the size limit',
      `{"messages": [{"text": "${'x'.repeat(1000)}"}]}`,
      'messages[0] (line 1, byte offset 14) is over 1000 bytes',
    ],
    [
      'a rest over the size limit',
      `{"sites": "${'x'.repeat(10_000)}", "messages": []}`,
      'without its messages is over 10000 bytes',
    ],
    [
      'nesting deeper than the limit',
      `{"messages": [${'['.repeat(8)}${']'.repeat(8)}]}`,
      'nested more than 8 deep',
    ],
  ])('refuses %s, saying where', (_what, text, message) => {
    expect(() => split(text)).toThrow(SplitError);
    expect(() => split(text)).toThrow(message);
  });
});
