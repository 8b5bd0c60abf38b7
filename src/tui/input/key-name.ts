// Turns Ink's (input, key) pair into one key name that the keymap table and the text inputs use.

import type {Key} from 'ink';

/** A pressed key: `name` for the keymap ('up', 'ctrl-c', 'G', ...), `text` for text inputs (empty when not printable). */
export interface KeyPress {
  readonly name: string;
  readonly text: string;
}

const printable = (input: string): string =>
  [...input].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\x7f').join('');

export function keyPress(input: string, key: Key): KeyPress {
  // Escape also sets `meta` in Ink 6.8, so it is tested first.
  if (key.escape) return {name: 'esc', text: ''};
  if (key.return) return {name: 'enter', text: ''};
  if (key.tab) return {name: key.shift ? 'shift-tab' : 'tab', text: ''};
  // Ink 6.8 reports the Backspace byte (0x7f) as `delete`: both erase left, neither is ever an action.
  if (key.backspace || key.delete) return {name: 'backspace', text: ''};
  if (key.upArrow) return {name: 'up', text: ''};
  if (key.downArrow) return {name: 'down', text: ''};
  if (key.leftArrow) return {name: 'left', text: ''};
  if (key.rightArrow) return {name: 'right', text: ''};
  if (key.pageUp) return {name: 'pgup', text: ''};
  if (key.pageDown) return {name: 'pgdn', text: ''};
  if (key.home) return {name: 'home', text: ''};
  if (key.end) return {name: 'end', text: ''};
  if (key.ctrl && input.length === 1) return {name: `ctrl-${input.toLowerCase()}`, text: ''};
  if (input === ' ') return {name: 'space', text: ' '};
  if (key.meta && input.length === 1) return {name: `alt-${input}`, text: ''};
  const text = printable(input);
  return {name: [...text].length === 1 ? text : text === '' ? 'unknown' : 'paste', text};
}

const CONTROL_NAMES: Readonly<Record<string, string>> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
};

/** One key from one character of a chunk. */
function charPress(ch: string): KeyPress {
  const named = CONTROL_NAMES[ch];
  if (named) return {name: named, text: ''};
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20) return {name: `ctrl-${String.fromCharCode(code + 0x60)}`, text: ''};
  if (ch === ' ') return {name: 'space', text: ' '};
  return {name: ch, text: ch};
}

/**
 * Ink 6.8 delivers plain characters that arrive together (fast typing, tmux send-keys, a paste)
 * as one input: split them into one key each, in order, so "jj" moves twice.
 */
export function keyPresses(input: string, key: Key): KeyPress[] {
  // Esc followed at once by a key reads as Alt+key. No action uses Alt, and Esc is always
  // harmless, so it is taken as the two keys the operator most likely pressed.
  if (key.meta && !key.escape && !key.ctrl && [...input].length === 1 && input >= ' ')
    return [{name: 'esc', text: ''}, charPress(input)];
  const special = key.escape || key.return || key.tab || key.backspace || key.delete || key.ctrl || key.meta;
  const chars = [...input];
  if (special || chars.length <= 1) return [keyPress(input, key)];
  return chars.map(charPress);
}
