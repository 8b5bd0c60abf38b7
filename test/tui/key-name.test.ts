import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {keyPress, keyPresses} from '../../src/tui/input/key-name.js';

const none: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('keyPress', () => {
  it.each<[string, string, Partial<Key>, string, string]>([
    ['Escape before meta', '', {escape: true, meta: true}, 'esc', ''],
    ['Enter', '\r', {return: true}, 'enter', ''],
    ['Tab', '', {tab: true}, 'tab', ''],
    ['Shift-Tab', '', {tab: true, shift: true}, 'shift-tab', ''],
    ['Backspace as Ink 6.8 reports it (delete)', '', {delete: true}, 'backspace', ''],
    ['Ctrl-H backspace', '', {backspace: true}, 'backspace', ''],
    ['Ctrl-C', 'c', {ctrl: true}, 'ctrl-c', ''],
    ['Ctrl-L', 'l', {ctrl: true}, 'ctrl-l', ''],
    ['an arrow', '', {upArrow: true}, 'up', ''],
    ['PgDn', '', {pageDown: true}, 'pgdn', ''],
    ['Space', ' ', {}, 'space', ' '],
    ['a lowercase letter', 'j', {}, 'j', 'j'],
    ['an uppercase letter', 'G', {shift: true}, 'G', 'G'],
    ['a symbol', '?', {}, '?', '?'],
    ['pasted text', 'abc', {}, 'paste', 'abc'],
  ])('names %s', (_what, input, flags, name, text) => {
    expect(keyPress(input, {...none, ...flags})).toEqual({name, text});
  });

  it('splits characters that arrived together into one key each', () => {
    expect(keyPresses('jj\r', none).map((p) => p.name)).toEqual(['j', 'j', 'enter']);
    expect(keyPresses('a b\x7f\x03', none).map((p) => p.name)).toEqual([
      'a',
      'space',
      'b',
      'backspace',
      'ctrl-c',
    ]);
  });

  it('reads Alt+key as Esc then the key, since Esc typed just before a key arrives that way', () => {
    expect(keyPresses('@', {...none, meta: true}).map((p) => p.name)).toEqual(['esc', '@']);
  });

  it('keeps one key for a single character or an escape sequence', () => {
    expect(keyPresses('j', none)).toEqual([{name: 'j', text: 'j'}]);
    expect(keyPresses('', {...none, upArrow: true})).toEqual([{name: 'up', text: ''}]);
  });

  it('drops control characters from pasted text', () => {
    expect(keyPress('a\x1b[2Jb', none).text).toBe('a[2Jb');
  });
});
