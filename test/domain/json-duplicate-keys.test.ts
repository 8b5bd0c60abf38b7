import {describe, expect, it} from 'vitest';
import {firstDuplicateKey} from '../../src/domain/json-duplicate-keys.js';

describe('firstDuplicateKey', () => {
  it.each([
    ['{"a": 1, "b": 2}', null],
    ['{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}', null],
    ['{"a": 1, "a": 2}', ['a']],
    ['{"a": 1, "\\u0061": 2}', ['a']],
    ['{"s": "x\\"a\\":", "a": 1, "b": {"c": [0, {"d": 1, "d": 2}]}}', ['b', 'c', 1, 'd']],
    ['[{"a": "}", "b": ["{", "]"]}, {"a": 1, "b": 2, "a": 3}]', [1, 'a']],
    ['{"a": [], "b": {}, "a": null}', ['a']],
  ])('finds in %s the repeated key %j', (json, path) => {
    JSON.parse(json);
    expect(firstDuplicateKey(json)?.path ?? null).toEqual(path);
  });
});
