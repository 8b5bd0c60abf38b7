// Keys while a dialog is open. Dialogs get every key first. Esc and Ctrl-C always cancel; Enter
// does what the focused button says, and the focus starts on Cancel. Each dialog's keys are one
// table, which also gives the footer its hints.

import {executePending} from '../confirmations.js';
import type {ConsoleContext} from '../console-context.js';
import {EDITOR_KEYS} from '../servers-editor.js';
import {FORM_KEYS, handleFormKey} from '../forms/form-keys.js';
import {PICKER_KEYS} from '../forms/principal-picker.js';
import {helpLineCount} from '../help-content.js';
import type {Overlay} from '../state/ui-state.js';
import {dialogHints, handleDialogKey, type DialogKey, type DialogKeys, type KeyHint} from './dialog-keys.js';
import type {KeyPress} from './key-name.js';
import {scrollKeys} from './scroll-keys.js';
import type {Move} from '../table/list-window.js';
import {typedEditKeys, typedTyping} from './typed-keys.js';
import {transferKeys} from '../transfer/transfer-keys.js';
import {wizardKeys} from '../wizard/wizard-keys.js';

type Confirm = Extract<Overlay, {kind: 'confirm'}>;
type Typed = Extract<Overlay, {kind: 'typed'}>;
type Ask = Extract<Overlay, {kind: 'ask'}>;

export const closeOverlay = (ctx: ConsoleContext): void =>
  ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});

function cancel(ctx: ConsoleContext): void {
  closeOverlay(ctx);
  ctx.say('info', 'Cancelled; nothing was changed.');
}

function confirm(ctx: ConsoleContext, overlay: Confirm | Typed): void {
  closeOverlay(ctx);
  void ctx.track(executePending(ctx, overlay.run));
}

/** Tab and the arrows move the focus between Cancel and the other button. */
const switchFocus = <O extends Confirm | Ask>(hint: KeyHint | null): DialogKey<O> => ({
  keys: ['tab', 'shift-tab', 'left', 'right'],
  ...(hint ? {hint} : {}),
  run: (ctx, overlay) =>
    ctx.dispatch({
      type: 'overlay',
      overlay: {...overlay, focus: overlay.focus === 'cancel' ? 'confirm' : 'cancel'},
    }),
});

export const CONFIRM_KEYS: DialogKeys<Confirm> = {
  keys: [
    {keys: ['y', 'Y'], hint: {keys: 'y', label: 'confirm'}, run: confirm},
    {
      keys: ['enter'],
      hint: {keys: 'Enter', label: 'focused button'},
      run: (ctx, overlay) => (overlay.focus === 'confirm' ? confirm(ctx, overlay) : cancel(ctx)),
    },
    switchFocus({keys: 'Tab', label: 'switch'}),
    {keys: ['esc', 'ctrl-c', 'n', 'N'], hint: {keys: 'Esc', label: 'cancel'}, run: cancel},
    ...scrollKeys<Confirm>(),
  ],
};

const editTyped = (ctx: ConsoleContext, overlay: Typed, text: string) =>
  ctx.dispatch({type: 'overlay', overlay: {...overlay, text, error: null}});

export const TYPED_KEYS: DialogKeys<Typed> = {
  keys: [
    {
      keys: ['enter'],
      hint: {keys: 'Enter', label: 'confirm when the text matches'},
      run(ctx, overlay) {
        if (overlay.text === overlay.expected) return confirm(ctx, overlay);
        ctx.dispatch({
          type: 'overlay',
          overlay: {...overlay, error: `Type ${overlay.expected} exactly to confirm, or Esc to cancel.`},
        });
      },
    },
    {keys: ['esc', 'ctrl-c'], hint: {keys: 'Esc', label: 'cancel'}, run: cancel},
    ...scrollKeys<Typed>(),
    ...typedEditKeys<Typed>((o) => o.text, editTyped),
  ],
  typing: typedTyping<Typed>((o) => o.text, editTyped),
};

export const ASK_KEYS: DialogKeys<Ask> = {
  keys: [
    {keys: ['y', 'Y'], hint: {keys: 'y', label: 'yes'}, run: (ctx) => ctx.answer(true)},
    {keys: ['n', 'N', 'esc', 'ctrl-c'], hint: {keys: 'n/Esc', label: 'no'}, run: (ctx) => ctx.answer(false)},
    {
      keys: ['enter'],
      hint: {keys: 'Enter', label: 'focused button'},
      run: (ctx, overlay) => ctx.answer(overlay.focus === 'confirm'),
    },
    switchFocus(null),
    ...scrollKeys<Ask>(),
  ],
};

const scroll =
  (move: Move) =>
  (ctx: ConsoleContext): void =>
    ctx.dispatch({type: 'scroll', move, lines: helpLineCount(ctx.keymap, ctx.ui), height: ctx.textHeight()});

export const HELP_KEYS: DialogKeys<null> = {
  keys: [
    {keys: ['up', 'k'], hint: {keys: '↑↓', label: 'scroll'}, run: scroll('up')},
    {keys: ['down', 'j'], run: scroll('down')},
    {keys: ['pgup'], run: scroll('pageUp')},
    {keys: ['pgdn'], run: scroll('pageDown')},
    {keys: ['home'], run: scroll('first')},
    {keys: ['end'], run: scroll('last')},
    {keys: ['esc', 'ctrl-c', 'enter', '?', 'q'], hint: {keys: 'Esc', label: 'close'}, run: closeOverlay},
  ],
};

export function handleOverlayKey(ctx: ConsoleContext, press: KeyPress): void {
  const overlay = ctx.ui.overlay;
  switch (overlay.kind) {
    case 'none':
      return;
    case 'help':
      return handleDialogKey(HELP_KEYS, ctx, null, press);
    case 'confirm':
      return handleDialogKey(CONFIRM_KEYS, ctx, overlay, press);
    case 'typed':
      return handleDialogKey(TYPED_KEYS, ctx, overlay, press);
    case 'ask':
      return handleDialogKey(ASK_KEYS, ctx, overlay, press);
    case 'form':
      return handleFormKey(ctx, overlay.form, press);
    case 'activeServers':
      return handleDialogKey(EDITOR_KEYS, ctx, overlay.editor, press);
    case 'wizard':
      return handleDialogKey(wizardKeys(overlay.wizard), ctx, overlay.wizard, press);
    case 'transfer':
      return handleDialogKey(transferKeys(overlay.screen), ctx, overlay.screen, press);
  }
}

/** The footer hints of the open dialog, from its key table. */
export function overlayHints(overlay: Overlay): string | null {
  switch (overlay.kind) {
    case 'none':
      return null;
    case 'help':
      return dialogHints(HELP_KEYS);
    case 'confirm':
      return dialogHints(CONFIRM_KEYS);
    case 'typed':
      return dialogHints(TYPED_KEYS);
    case 'ask':
      return dialogHints(ASK_KEYS);
    case 'form':
      return dialogHints(overlay.form.picker ? PICKER_KEYS : FORM_KEYS);
    case 'activeServers':
      return dialogHints(EDITOR_KEYS);
    case 'wizard':
      return dialogHints(wizardKeys(overlay.wizard));
    case 'transfer':
      return dialogHints(transferKeys(overlay.screen));
  }
}
