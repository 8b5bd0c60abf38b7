import {describe, expect, it} from 'vitest';
import {outputWidth} from '../../src/cli/output-width.js';

describe('outputWidth', () => {
  it.each([
    ['COLUMNS wins over the terminal', {COLUMNS: '80'}, {isTTY: true, columns: 200}, 80],
    ['the terminal without COLUMNS', {}, {isTTY: true, columns: 200}, 200],
    ['120 without a terminal', {}, {isTTY: false, columns: 200}, 120],
    ['120 when COLUMNS is not a positive number', {COLUMNS: 'wide'}, {}, 120],
    ['120 when COLUMNS is 0', {COLUMNS: '0'}, {}, 120],
  ])('uses %s', (_, env, stdout, expected) => {
    expect(outputWidth(env, stdout)).toBe(expected);
  });
});
