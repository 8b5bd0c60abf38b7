// Keys inside a form: Tab/↓ and Shift-Tab/↑ move between fields, Space and ←/→ change toggles and
// choices and open the picker of a list field, printable keys type into text fields, Enter
// submits, Esc cancels without writing anything.

import type {ConsoleContext} from '../console-context.js';
import {handleDialogKey, type DialogKeys} from '../input/dialog-keys.js';
import type {KeyPress} from '../input/key-name.js';
import {showForm, submitForm} from './form-actions.js';
import type {FormState} from './form-state.js';
import {cycleField, eraseLeft, moveFocus, typeInto} from './form-state.js';
import {PICKER_KEYS, openPicker} from './principal-picker.js';

const close = (ctx: ConsoleContext) => ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});

export const FORM_KEYS: DialogKeys<FormState> = {
  keys: [
    {
      keys: ['tab', 'down'],
      hint: {keys: 'Tab/↓', label: 'next'},
      run: (ctx, form) => showForm(ctx, moveFocus(form, 1)),
    },
    {keys: ['shift-tab', 'up'], run: (ctx, form) => showForm(ctx, moveFocus(form, -1))},
    {
      keys: ['space', 'left', 'right'],
      hint: {keys: 'Space/←→', label: 'change or pick'},
      run(ctx, form, press) {
        // A list field changes in its picker; the others cycle or toggle (Space types a space in text).
        const field = form.fields[form.focus];
        if (field?.kind === 'list') return void ctx.track(openPicker(ctx, form, field));
        if (press.name === 'space' && field?.kind !== 'toggle' && field?.kind !== 'enum')
          return showForm(ctx, typeInto(form, ' '));
        showForm(ctx, cycleField(form, press.name === 'left' ? -1 : 1));
      },
    },
    {
      keys: ['enter', 'ctrl-s'],
      hint: {keys: 'Enter', label: 'save'},
      run: (ctx, form) => void ctx.track(submitForm(ctx, form)),
    },
    {
      keys: ['esc', 'ctrl-c'],
      hint: {keys: 'Esc', label: 'cancel'},
      run(ctx) {
        close(ctx);
        ctx.say('info', 'Cancelled; nothing was changed.');
      },
    },
    {keys: ['backspace'], run: (ctx, form) => showForm(ctx, eraseLeft(form, 'char'))},
    {keys: ['ctrl-w'], run: (ctx, form) => showForm(ctx, eraseLeft(form, 'word'))},
    {keys: ['ctrl-u'], run: (ctx, form) => showForm(ctx, eraseLeft(form, 'line'))},
  ],
  typing: {
    run(ctx, form, press) {
      const field = form.fields[form.focus];
      if (press.text !== '' && (field?.kind === 'text' || field?.kind === 'choice'))
        showForm(ctx, typeInto(form, press.text));
    },
  },
};

export function handleFormKey(ctx: ConsoleContext, form: FormState, press: KeyPress): void {
  if (form.picker) return handleDialogKey(PICKER_KEYS, ctx, form, press);
  // While the form loads or saves, only Esc and Ctrl-C do anything: they close it.
  if (form.submitting || form.loading) {
    if (press.name === 'esc' || press.name === 'ctrl-c') close(ctx);
    return;
  }
  handleDialogKey(FORM_KEYS, ctx, form, press);
}
