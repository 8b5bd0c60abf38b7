// A commit bounds what each changed item adds to state.json (state-log.ts) from the size the item
// has when indented as state.json is written: counted without writing the indented text, it must be
// that text's size exactly.

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {growthBound, indentedSize} from '../../src/store/state-log.js';
import type {StateChange} from '../../src/store/state-diff.js';
import {sampleState} from './fixtures.js';

const written = (value: unknown): {bytes: number; lines: number} => {
  const text = JSON.stringify(value, null, 2);
  return {bytes: Buffer.byteLength(text, 'utf8'), lines: text.split('\n').length};
};

describe('the indented size of a changed value', () => {
  it('is the size of its indented JSON for every part of a state', () => {
    const state = sampleState();
    const fields: unknown[] = Object.values(state);
    const parts: unknown[] = [state, ...fields];
    for (const field of fields) if (Array.isArray(field)) parts.push(...(field as unknown[]));
    for (const part of parts) expect(indentedSize(part)).toEqual(written(part));
  });

  it('is the size of its indented JSON for empty, nested, left-out and multi-byte members', () => {
    const values: unknown[] = [
      [],
      {},
      [[]],
      {a: {}},
      {a: undefined, b: 1},
      {a: () => 1, b: [undefined, null]},
      [undefined, {x: []}],
      'zwölf 🙂',
      {'ké\ny': ['\u2028', {deep: {deeper: [1, 2, {}]}}]},
      {toJSON: () => ({shown: [1, 2]})},
      {nested: {toJSON: () => 'text'}},
      0,
      null,
      true,
    ];
    for (const value of values) expect(indentedSize(value)).toEqual(written(value));
  });

  it('is the size of its indented JSON for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(indentedSize(value)).toEqual(written(value));
      }),
    );
  });

  it('bounds a change by its indented text, its depth in state.json and its key', () => {
    const policy = sampleState().policies[0];
    const changes: StateChange[] = [
      {path: ['policies', 0], value: policy},
      {path: ['policies'], splice: [1, 0], items: [policy, policy]},
      {path: ['description'], unset: true},
    ];
    const {bytes, lines} = written(policy);
    const one = (depth: number, key: string): number => bytes + lines * (2 * depth + 2) + key.length + 8;
    expect(growthBound(changes)).toBe(one(2, '0') + 2 * one(2, 'policies'));
  });
});
