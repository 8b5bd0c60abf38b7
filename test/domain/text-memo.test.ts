import {describe, expect, it} from 'vitest';
import {memoizeText} from '../../src/domain/text-memo.js';

describe('memoizeText', () => {
  it('computes a text once while it is remembered, and again once the memory has been renewed', () => {
    const asked: string[] = [];
    const upper = memoizeText((text) => {
      asked.push(text);
      return text.toUpperCase();
    }, 2);
    expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A']);
    expect(asked).toEqual(['a', 'b']);
    // A third text renews the memory: what it held is computed again, never kept without bound.
    expect([upper('c'), upper('a')]).toEqual(['C', 'A']);
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
  });

  it('remembers a null answer as it remembers a text', () => {
    const asked: string[] = [];
    const problem = memoizeText((text) => {
      asked.push(text);
      return text === '' ? 'it is empty' : null;
    });
    expect([problem('x'), problem('x'), problem(''), problem('')]).toEqual([
      null,
      null,
      'it is empty',
      'it is empty',
    ]);
    expect(asked).toEqual(['x', '']);
  });
});
