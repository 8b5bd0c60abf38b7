// What a keymap action is: a handler, and optionally why it cannot run right now.

import type {ConsoleController} from './controller.js';
import type {KeyPress} from './input/key-name.js';

export interface Action {
  run(ctrl: ConsoleController, press: KeyPress): void;
  /** A sentence shown instead of acting ("No room selected."), or null when the action can run. */
  disabledReason?(ctrl: ConsoleController): string | null;
}
