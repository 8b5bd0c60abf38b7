// Keys while a dialog is open. Dialogs get every key first. Esc and Ctrl-C always cancel; Enter
// does what the focused button says, and the focus starts on Cancel.

import type {ConsoleController} from '../controller.js';
import {handleEditorKey} from '../servers-editor.js';
import {handleFormKey} from '../forms/form-keys.js';
import type {Move} from '../table/list-window.js';
import type {Overlay, PendingRun} from '../state/ui-state.js';
import type {KeyPress} from './key-name.js';
import {helpLineCount} from '../view-actions.js';

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

export const closeOverlay = (ctrl: ConsoleController): void =>
  ctrl.dispatch({type: 'overlay', overlay: {kind: 'none'}});

export async function executePending(ctrl: ConsoleController, pending: PendingRun): Promise<void> {
  const run = await ctrl.run(pending.line, {expect: pending.expect});
  if (run?.ok && pending.clearMarks) ctrl.dispatch({type: 'marks', pane: ctrl.ui.pane, marks: []});
}

function cancel(ctrl: ConsoleController): void {
  closeOverlay(ctrl);
  ctrl.say('info', 'Cancelled; nothing was changed.');
}

function confirmKey(
  ctrl: ConsoleController,
  overlay: Extract<Overlay, {kind: 'confirm'}>,
  press: KeyPress,
): void {
  const confirm = () => {
    closeOverlay(ctrl);
    void ctrl.track(executePending(ctrl, overlay.run));
  };
  if (press.text === 'y' || press.text === 'Y') return confirm();
  if (press.text === 'n' || press.text === 'N' || press.name === 'esc' || press.name === 'ctrl-c')
    return cancel(ctrl);
  if (press.name === 'enter') return overlay.focus === 'confirm' ? confirm() : cancel(ctrl);
  if (['tab', 'shift-tab', 'left', 'right'].includes(press.name)) {
    ctrl.dispatch({
      type: 'overlay',
      overlay: {...overlay, focus: overlay.focus === 'cancel' ? 'confirm' : 'cancel'},
    });
  }
}

function typedKey(
  ctrl: ConsoleController,
  overlay: Extract<Overlay, {kind: 'typed'}>,
  press: KeyPress,
): void {
  const edit = (text: string) => ctrl.dispatch({type: 'overlay', overlay: {...overlay, text, error: null}});
  switch (press.name) {
    case 'esc':
    case 'ctrl-c':
      return cancel(ctrl);
    case 'enter':
      if (overlay.text === overlay.expected) {
        closeOverlay(ctrl);
        void ctrl.track(executePending(ctrl, overlay.run));
        return;
      }
      ctrl.dispatch({
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

function askKey(ctrl: ConsoleController, overlay: Extract<Overlay, {kind: 'ask'}>, press: KeyPress): void {
  if (press.text === 'y' || press.text === 'Y') return ctrl.answer(true);
  if (press.text === 'n' || press.text === 'N' || press.name === 'esc' || press.name === 'ctrl-c')
    return ctrl.answer(false);
  if (press.name === 'enter') return ctrl.answer(overlay.focus === 'confirm');
  if (['tab', 'shift-tab', 'left', 'right'].includes(press.name)) {
    ctrl.dispatch({
      type: 'overlay',
      overlay: {...overlay, focus: overlay.focus === 'cancel' ? 'confirm' : 'cancel'},
    });
  }
}

function helpKey(ctrl: ConsoleController, press: KeyPress, lines: number): void {
  const move = SCROLL_KEYS[press.name];
  if (move) return ctrl.dispatch({type: 'scroll', move, lines, height: ctrl.textHeight()});
  if (['esc', 'ctrl-c', 'enter', '?', 'q'].includes(press.name)) closeOverlay(ctrl);
}

export function handleOverlayKey(ctrl: ConsoleController, press: KeyPress): void {
  const overlay = ctrl.ui.overlay;
  switch (overlay.kind) {
    case 'none':
      return;
    case 'help':
      return helpKey(ctrl, press, helpLineCount(ctrl));
    case 'confirm':
      return confirmKey(ctrl, overlay, press);
    case 'typed':
      return typedKey(ctrl, overlay, press);
    case 'ask':
      return askKey(ctrl, overlay, press);
    case 'form':
      return handleFormKey(ctrl, overlay.form, press);
    case 'activeServers':
      return handleEditorKey(ctrl, overlay.editor, press);
  }
}
