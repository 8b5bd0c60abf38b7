// Keys that scroll the open dialog's body while its prompt and buttons stay pinned: every dialog
// with a long body (confirmations, questions, the wizard) uses the same ones.

import type {ConsoleContext} from '../console-context.js';
import {innerWidth} from '../layout.js';
import type {Move} from '../table/list-window.js';
import {makeTheme} from '../theme.js';
import {dialogBody, dialogWindow} from '../views/dialog-lines.js';
import type {DialogKey} from './dialog-keys.js';

const COUNTING_THEME = makeTheme({ascii: false, color: false});

/** Scrolls the open dialog's body; its prompt and buttons stay where they are. */
const scrollDialog =
  (move: Move) =>
  (ctx: ConsoleContext): void => {
    const width = innerWidth(ctx.ui.size);
    const dialog = dialogBody(ctx.ui.overlay, COUNTING_THEME, ctx.textHeight(), width, ctx.ui.chat);
    if (!dialog) return;
    const shown = dialogWindow(dialog, width, ctx.textHeight());
    ctx.dispatch({type: 'scroll', move, lines: shown.body.length, height: shown.room});
  };

/** Keys that scroll a long dialog body: arrows and pages, never letters (a dialog may take text). */
export const scrollKeys = <S>(): DialogKey<S>[] => [
  {keys: ['up'], hint: {keys: '↑↓/PgUp/PgDn', label: 'scroll'}, run: scrollDialog('up')},
  {keys: ['down'], run: scrollDialog('down')},
  {keys: ['pgup'], run: scrollDialog('pageUp')},
  {keys: ['pgdn'], run: scrollDialog('pageDown')},
];
