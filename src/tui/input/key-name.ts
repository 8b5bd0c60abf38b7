// Turns Ink's (input, key) pair into one key name that the keymap table and the text inputs use.

import type {Key} from 'ink';

/** A pressed key: `name` for the keymap ('up', 'ctrl-c', 'G', ...), `text` for text inputs (empty when not printable). */
export interface KeyPress {
  readonly name: string;
  readonly text: string;
}

const printable = (input: string): string => [...input].filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\x7f').join('');

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
