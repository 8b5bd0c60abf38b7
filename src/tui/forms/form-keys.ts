// Keys inside a form: Tab/↓ and Shift-Tab/↑ move between fields, Space and ←/→ change toggles and
// choices and open the picker of a list field, printable keys type into text fields, Enter
// submits, Esc cancels without writing anything.

import type {ConsoleContext} from '../console-context.js';
import type {KeyPress} from '../input/key-name.js';
import {showForm, submitForm} from './form-actions.js';
import type {FormState} from './form-state.js';
import {cycleField, eraseLeft, moveFocus, typeInto} from './form-state.js';
import {handlePickerKey, openPicker} from './principal-picker.js';

export function handleFormKey(ctx: ConsoleContext, form: FormState, press: KeyPress): void {
  if (form.picker) return handlePickerKey(ctx, form, form.picker, press.name);
  if (form.submitting || form.loading) {
    if (press.name === 'esc' || press.name === 'ctrl-c')
      ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
    return;
  }
  const field = form.fields[form.focus];
  const show = (next: FormState) => showForm(ctx, next);
  switch (press.name) {
    case 'esc':
    case 'ctrl-c':
      ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
      return ctx.say('info', 'Cancelled; nothing was changed.');
    case 'tab':
    case 'down':
      return show(moveFocus(form, 1));
    case 'shift-tab':
    case 'up':
      return show(moveFocus(form, -1));
    case 'left':
    case 'right':
    case 'space':
      // A list field changes in its picker; the others cycle or toggle (Space types a space in text).
      if (field?.kind === 'list') return void ctx.track(openPicker(ctx, form, field));
      if (press.name === 'space' && field?.kind !== 'toggle' && field?.kind !== 'enum')
        return show(typeInto(form, ' '));
      return show(cycleField(form, press.name === 'left' ? -1 : 1));
    case 'enter':
      return void ctx.track(submitForm(ctx, form));
    case 'ctrl-s':
      return void ctx.track(submitForm(ctx, form));
    case 'backspace':
      return show(eraseLeft(form, 'char'));
    case 'ctrl-w':
      return show(eraseLeft(form, 'word'));
    case 'ctrl-u':
      return show(eraseLeft(form, 'line'));
    default:
      if (press.text !== '' && (field?.kind === 'text' || field?.kind === 'choice'))
        show(typeInto(form, press.text));
  }
}
