// Keys while a dialog is open. Dialogs get every key first. Esc and Ctrl-C always cancel; Enter
// does what the focused button says, and the focus starts on Cancel.

import type {ConsoleContext} from '../console-context.js';
import {handleEditorKey} from '../servers-editor.js';
import {handleFormKey} from '../forms/form-keys.js';
import type {Move} from '../table/list-window.js';
import type {Overlay} from '../state/ui-state.js';
import {executePending} from '../confirmations.js';
import type {KeyPress} from './key-name.js';
import {helpLineCount} from '../help-content.js';

const SCROLL_KEYS: Readonly<Record<string, Move>> = {
  up: 'up',
  k: 'up',
  down: 'down',
  j: 'down',
  pgup: 'pageUp',
  pgdn: 'pageDown',
  home: 'first',
  end: 'last',
};

export const closeOverlay = (ctx: ConsoleContext): void =>
  ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});

function cancel(ctx: ConsoleContext): void {
  closeOverlay(ctx);
  ctx.say('info', 'Cancelled; nothing was changed.');
}

function confirmKey(
  ctx: ConsoleContext,
  overlay: Extract<Overlay, {kind: 'confirm'}>,
  press: KeyPress,
): void {
  const confirm = () => {
    closeOverlay(ctx);
    void ctx.track(executePending(ctx, overlay.run));
  };
  if (press.text === 'y' || press.text === 'Y') return confirm();
  if (press.text === 'n' || press.text === 'N' || press.name === 'esc' || press.name === 'ctrl-c')
    return cancel(ctx);
  if (press.name === 'enter') return overlay.focus === 'confirm' ? confirm() : cancel(ctx);
  if (['tab', 'shift-tab', 'left', 'right'].includes(press.name)) {
    ctx.dispatch({
      type: 'overlay',
      overlay: {...overlay, focus: overlay.focus === 'cancel' ? 'confirm' : 'cancel'},
    });
  }
}

function typedKey(ctx: ConsoleContext, overlay: Extract<Overlay, {kind: 'typed'}>, press: KeyPress): void {
  const edit = (text: string) => ctx.dispatch({type: 'overlay', overlay: {...overlay, text, error: null}});
  switch (press.name) {
    case 'esc':
    case 'ctrl-c':
      return cancel(ctx);
    case 'enter':
      if (overlay.text === overlay.expected) {
        closeOverlay(ctx);
        void ctx.track(executePending(ctx, overlay.run));
        return;
      }
      ctx.dispatch({
        type: 'overlay',
        overlay: {...overlay, error: `Type ${overlay.expected} exactly to confirm, or Esc to cancel.`},
      });
      return;
    case 'backspace':
      return edit([...overlay.text].slice(0, -1).join(''));
    case 'ctrl-u':
      return edit('');
    case 'ctrl-w':
      return edit(overlay.text.replace(/\S+\s*$/u, ''));
    default:
      if (press.text !== '') edit(overlay.text + press.text);
  }
}

function askKey(ctx: ConsoleContext, overlay: Extract<Overlay, {kind: 'ask'}>, press: KeyPress): void {
  if (press.text === 'y' || press.text === 'Y') return ctx.answer(true);
  if (press.text === 'n' || press.text === 'N' || press.name === 'esc' || press.name === 'ctrl-c')
    return ctx.answer(false);
  if (press.name === 'enter') return ctx.answer(overlay.focus === 'confirm');
  if (['tab', 'shift-tab', 'left', 'right'].includes(press.name)) {
    ctx.dispatch({
      type: 'overlay',
      overlay: {...overlay, focus: overlay.focus === 'cancel' ? 'confirm' : 'cancel'},
    });
  }
}

function helpKey(ctx: ConsoleContext, press: KeyPress, lines: number): void {
  const move = SCROLL_KEYS[press.name];
  if (move) return ctx.dispatch({type: 'scroll', move, lines, height: ctx.textHeight()});
  if (['esc', 'ctrl-c', 'enter', '?', 'q'].includes(press.name)) closeOverlay(ctx);
}

export function handleOverlayKey(ctx: ConsoleContext, press: KeyPress): void {
  const overlay = ctx.ui.overlay;
  switch (overlay.kind) {
    case 'none':
      return;
    case 'help':
      return helpKey(ctx, press, helpLineCount(ctx.keymap, ctx.ui));
    case 'confirm':
      return confirmKey(ctx, overlay, press);
    case 'typed':
      return typedKey(ctx, overlay, press);
    case 'ask':
      return askKey(ctx, overlay, press);
    case 'form':
      return handleFormKey(ctx, overlay.form, press);
    case 'activeServers':
      return handleEditorKey(ctx, overlay.editor, press);
  }
}
