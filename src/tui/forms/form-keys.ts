// Keys inside a form: Tab/↓ and Shift-Tab/↑ move between fields, Space and ←/→ change toggles and
// choices, printable keys type into text fields, Enter submits (or opens the picker of a list
// field), Esc cancels without writing anything.

import type {ConsoleController} from '../controller.js';
import type {KeyPress} from '../input/key-name.js';
import {showForm, submitForm} from './form-actions.js';
import type {FormState} from './form-state.js';
import {cycleField, eraseLeft, moveFocus, typeInto} from './form-state.js';
import {handlePickerKey, openPicker} from './principal-picker.js';

export function handleFormKey(ctrl: ConsoleController, form: FormState, press: KeyPress): void {
  if (form.picker) return handlePickerKey(ctrl, form, form.picker, press.name);
  if (form.submitting || form.loading) {
    if (press.name === 'esc' || press.name === 'ctrl-c') ctrl.dispatch({type: 'overlay', overlay: {kind: 'none'}});
    return;
  }
  const field = form.fields[form.focus];
  const show = (next: FormState) => showForm(ctrl, next);
  switch (press.name) {
    case 'esc':
    case 'ctrl-c':
      ctrl.dispatch({type: 'overlay', overlay: {kind: 'none'}});
      return ctrl.say('info', 'Cancelled; nothing was changed.');
    case 'tab':
    case 'down':
      return show(moveFocus(form, 1));
    case 'shift-tab':
    case 'up':
      return show(moveFocus(form, -1));
    case 'left':
      return show(cycleField(form, -1));
    case 'right':
      return show(cycleField(form, 1));
    case 'enter':
      if (field?.kind === 'list') return void ctrl.track(openPicker(ctrl, form, field));
      return void ctrl.track(submitForm(ctrl, form));
    case 'ctrl-s':
      return void ctrl.track(submitForm(ctrl, form));
    case 'backspace':
      return show(eraseLeft(form, 'char'));
    case 'ctrl-w':
      return show(eraseLeft(form, 'word'));
    case 'ctrl-u':
      return show(eraseLeft(form, 'line'));
    case 'space':
      if (field?.kind === 'toggle' || field?.kind === 'enum') return show(cycleField(form, 1));
      return show(typeInto(form, ' '));
    default:
      if (press.text !== '' && (field?.kind === 'text' || field?.kind === 'choice')) show(typeInto(form, press.text));
  }
}
