import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {afterEach, describe, expect, it} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import {StoreError} from '../../src/store/port.js';
import {serializeState, sha256} from '../../src/store/state-file.js';
import {layOutState, writeStateText} from '../../src/store/state-text.js';
import {demoDeployment, stateFrom} from '../helpers/demo.js';
import {tempDir} from '../helpers/pchat-process.js';

const owner = {mode: 0o600, uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0};
const partsOf = (state: unknown): string[] => {
  const parts: string[] = [];
  layOutState(state as ChatState, (part) => parts.push(part));
  return parts;
};
const joined = (state: unknown): string => partsOf(state).join('');

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, {recursive: true, force: true});
  dir = undefined;
});

describe('layOutState', () => {
  it('joins to the text serializeState writes for the demo state', () => {
    const state = stateFrom(demoDeployment());
    expect(joined(state)).toBe(serializeState(state));
  });

  it.each([
    ['empty collections', {rooms: [], categories: {}, revision: 3}],
    ['undefined values, skipped in objects and null in arrays', {a: undefined, b: [undefined, 1], c: 2}],
    ['an object of only undefined values', {a: {b: undefined}, c: [{d: undefined}]}],
    ['keys and strings that need escapes', {'a"\n\u2028': ['x\ny', {'k\\': 'é€😀'}]}],
    ['values below the laid-out depth', {a: [{b: {c: [1, {d: []}]}, e: null}]}],
    ['a value with toJSON', {a: new Date(0), b: [new Date(1)]}],
    ['an empty state', {}],
  ])('joins to JSON.stringify(state, null, 2) for %s', (_, state) => {
    expect(joined(state)).toBe(serializeState(state as unknown as ChatState));
  });

  it('joins to the text serializeState writes for any JSON value', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({maxDepth: 5})), (state) => {
        expect(joined(state)).toBe(serializeState(state as unknown as ChatState));
      }),
      {numRuns: 300},
    );
  });

  it('lays out each user of the directory as parts of its own, so no part is large', () => {
    const users = Array.from({length: 5_000}, (_, i) => ({dn: `CN=user${i}`, sipAddress: `sip:u${i}@x`}));
    const state = {directory: {users}, rooms: [{id: 'r', members: ['sip:a']}]};
    const parts = partsOf(state);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(100);
    expect(parts.join('')).toBe(serializeState(state as unknown as ChatState));
  });

  it('writes a part larger than its block on its own', () => {
    dir = tempDir();
    const file = path.join(dir, 'state.json');
    const state = {notes: ['€'.repeat(100_000)], rooms: []} as unknown as ChatState;
    const written = writeStateText(file, state, owner);
    expect(fs.readFileSync(file, 'utf8')).toBe(serializeState(state));
    expect(written.sha256).toBe(sha256(serializeState(state)));
  });
});

describe('writeStateText', () => {
  it('writes the serialized state and returns its size and SHA-256', () => {
    dir = tempDir();
    const file = path.join(dir, 'state.json');
    const state = stateFrom(demoDeployment());
    const written = writeStateText(file, state, owner);
    const text = serializeState(state);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(written).toEqual({bytes: Buffer.byteLength(text, 'utf8'), sha256: sha256(text)});
  });

  it('refuses a state over the read limit as StoreTooLarge and leaves no file', () => {
    dir = tempDir();
    const file = path.join(dir, 'state.json');
    const state = stateFrom(demoDeployment());
    const limits = {maxBytes: 1000, maxDepth: 64};
    let thrown: unknown;
    try {
      writeStateText(file, state, owner, {named: 'state.json', limits});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreError);
    expect((thrown as StoreError).code).toBe('StoreTooLarge');
    expect(fs.existsSync(file)).toBe(false);
  });
});
