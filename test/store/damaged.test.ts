import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createStore, openStore, storeFiles} from '../../src/store/file-store.js';
import {SCHEMA_VERSION} from '../../src/domain/types.js';
import {NOW, addPolicy, message, removeDir, sampleState, snapshot, tempDir} from './fixtures.js';

let dir: string;
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 500};

beforeEach(async () => {
  dir = path.join(tempDir(), 'store');
  await createStore(dir, sampleState(), [message(1)], options);
});
afterEach(() => removeDir(path.dirname(dir)));

const valid = (): string => JSON.stringify(sampleState(), null, 2);

const damagedStates: [string, Buffer | string, RegExp][] = [
  ['an empty file', '', /empty/],
  ['a truncated file', valid().slice(0, 200), /not valid JSON at byte offset \d+/],
  ['a NUL-filled file', Buffer.alloc(4096), /NUL byte at byte offset 0/],
  ['a file holding null', 'null', /shape of a store/],
  ['a file holding 0', '0', /shape of a store/],
  ['a file holding an empty string', '""', /shape of a store/],
  [
    'invalid UTF-8',
    Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    /not valid UTF-8 at byte offset 6/,
  ],
  [
    'a UTF-8 byte order mark',
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid())]),
    /byte order mark/,
  ],
  ['UTF-16 text', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid(), 'utf16le')]), /UTF-16/],
  ['the wrong shape', JSON.stringify({...sampleState(), rooms: 'none'}), /rooms/],
  ['an unknown key', JSON.stringify({...sampleState(), isAdmin: true}), /shape of a store/],
  ['a __proto__ key', valid().replace('{', '{"__proto__": {"isAdmin": true},'), /__proto__/],
  ['a depth bomb', `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, /nests deeper than/],
  [
    'a newer schema version',
    JSON.stringify({...sampleState(), schemaVersion: SCHEMA_VERSION + 1}),
    new RegExp(`schema version ${SCHEMA_VERSION + 1}.*schema version ${SCHEMA_VERSION}`),
  ],
  ['garbage after the document', `${valid()}}`, /not valid JSON at byte offset/],
  ['an unexpected token', `{"revision": x}`, /not valid JSON at byte offset 13/],
];

describe('a damaged state.json', () => {
  it.each(damagedStates)(
    'is refused when it is %s, naming the file, and left untouched',
    async (_name, content, reason) => {
      const files = storeFiles(dir);
      fs.writeFileSync(files.state, content);
      const before = snapshot(dir);
      const error = await openStore(dir, options).catch((e: unknown) => e);
      expect(error).toMatchObject({code: 'StoreDamaged', path: files.state});
      expect((error as Error).message).toContain(files.state);
      expect((error as Error).message).toMatch(reason);
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it('is refused by an open store at the next read and the next commit, never replaced by defaults', async () => {
    const store = await openStore(dir, options);
    const files = storeFiles(dir);
    fs.writeFileSync(files.state, 'null');
    const before = snapshot(dir);
    await expect(store.read()).rejects.toMatchObject({code: 'StoreDamaged'});
    await expect(
      store.commit((fresh) => ({plan: addPolicy(fresh, 'x'), result: null})),
    ).rejects.toMatchObject({
      code: 'StoreDamaged',
    });
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a damaged log', () => {
  it.each([
    ['a line that is not JSON', '{"id":"m1",\n'],
    ['a line that is not a message', '{"id":"m1"}\n'],
    [
      'a line with invalid UTF-8',
      Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xc3]), Buffer.from('"}\n')]),
    ],
  ])('makes a message scan fail with StoreDamaged when it has %s', async (_name, content) => {
    const store = await openStore(dir, options);
    const files = storeFiles(dir);
    fs.appendFileSync(files.messages, content);
    expect(() => [...store.ports().messages.scan({})]).toThrow(
      expect.objectContaining({code: 'StoreDamaged', path: files.messages}),
    );
  });

  // A last line without its newline is not damage: test/store/log-lines.test.ts.

  it('reports a missing message log as damaged rather than starting an empty one', async () => {
    fs.unlinkSync(storeFiles(dir).messages);
    await expect(openStore(dir, options)).rejects.toMatchObject({
      code: 'StoreDamaged',
      path: storeFiles(dir).messages,
    });
  });
});
