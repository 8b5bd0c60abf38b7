import {describe, expect, it} from 'vitest';
import {cursorIndex, moveIndex, windowTop} from '../../src/tui/table/list-window.js';

describe('cursorIndex', () => {
  it('finds the row by id even after the list was re-sorted', () => {
    expect(cursorIndex(['c', 'a', 'b'], 'a', 2)).toBe(1);
  });

  it('stays near where it was when its row disappears', () => {
    expect(cursorIndex(['a', 'b', 'd'], 'c', 2)).toBe(2);
    expect(cursorIndex(['a'], 'c', 5)).toBe(0);
  });

  it('is -1 for an empty list', () => {
    expect(cursorIndex([], 'a', 0)).toBe(-1);
  });
});

describe('windowTop', () => {
  it.each([
    ['a short list never scrolls', 3, 0, 10, 5, 0],
    ['the cursor keeps two rows below it visible', 8, 0, 10, 100, 1],
    ['the cursor keeps two rows above it visible', 3, 10, 10, 100, 1],
    ['the window never runs past the end', 99, 95, 10, 100, 90],
    ['a cursor inside the margins does not scroll', 5, 2, 10, 100, 2],
  ])('%s', (_name, index, previousTop, height, count, top) => {
    expect(windowTop(index, previousTop, height, count)).toBe(top);
  });
});

describe('moveIndex', () => {
  it.each([
    ['up at the top stays', 0, 'up', 0],
    ['down at the bottom stays', 9, 'down', 9],
    ['page down moves a page less one row', 0, 'pageDown', 4],
    ['half page down', 0, 'halfDown', 2],
    ['first', 7, 'first', 0],
    ['last', 2, 'last', 9],
  ] as const)('%s', (_name, index, move, next) => {
    expect(moveIndex(index, move, 10, 5)).toBe(next);
  });
});
