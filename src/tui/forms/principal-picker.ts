// The picker behind a list field (Members, Managers, Presenters, Creators, AllowedMembers...).
// It offers only principals the cmdlet would accept: Get-CsPersistentChatEligiblePrincipal for
// room roles and creators, the directory for a category's Allowed/Denied lists.

import type {ChatState} from '../../domain/types.js';
import type {ConsoleContext} from '../console-context.js';
import {identitiesOf} from '../completion-sources.js';
import {displaySafe} from '../../lang/display-safe.js';
import {findCategory} from '../panes/categories-pane.js';
import {categoryOf} from '../panes/model.js';
import {findRoom} from '../panes/rooms-pane.js';
import {objectsOf, prop} from '../side-loads.js';
import type {DialogKeys} from '../input/dialog-keys.js';
import type {FieldState, FormState, PickerOption, PickerState} from './form-state.js';
import {quote} from './quote.js';
import {showForm} from './form-actions.js';

function directoryOptions(state: ChatState): PickerOption[] {
  const d = state.directory;
  const domains = [
    ...new Set(
      state.directory.users
        .map((u) =>
          u.dn
            .split(',')
            .filter((p) => /^DC=/i.test(p.trim()))
            .join(','),
        )
        .filter(Boolean),
    ),
  ];
  return [
    ...d.users.flatMap((u) =>
      u.sipAddress
        ? [{value: u.sipAddress, label: `${displaySafe(u.displayName)}  ${displaySafe(u.sipAddress)}`}]
        : [],
    ),
    ...d.groups.map((g) => ({value: g.dn, label: `group  ${displaySafe(g.dn)}`})),
    ...d.organizationalUnits.map((ou) => ({value: ou, label: `OU  ${displaySafe(ou)}`})),
    ...d.containers.map((c) => ({value: c, label: `container  ${displaySafe(c)}`})),
    ...domains.map((dn) => ({value: dn, label: `domain  ${displaySafe(dn)}`})),
  ];
}

/** The Get-CsPersistentChatEligiblePrincipal line for a room or category list field, if any. */
function eligibleLine(state: ChatState, form: FormState, field: FieldState): string | null {
  const identity = form.identity ?? '';
  if (form.cmdlet === 'Set-CsPersistentChatRoom') {
    const room = findRoom(state, identity);
    const category = room ? categoryOf(state, room) : undefined;
    if (!room || !category) return null;
    if (field.param === 'Presenters')
      return `Get-CsPersistentChatEligiblePrincipal -Room ${quote(room.name)} -PersistentChatPoolFqdn ${quote(room.poolFqdn)} -Presenters`;
    return `Get-CsPersistentChatEligiblePrincipal -Category ${quote(category.name)} -PersistentChatPoolFqdn ${quote(category.poolFqdn)}`;
  }
  if (form.cmdlet === 'Set-CsPersistentChatCategory' && field.param === 'Creators') {
    const category = findCategory(state, identity);
    return category
      ? `Get-CsPersistentChatEligiblePrincipal -Category ${quote(category.name)} -PersistentChatPoolFqdn ${quote(category.poolFqdn)}`
      : null;
  }
  return null;
}

const withCurrent = (options: readonly PickerOption[], current: readonly string[]): PickerOption[] => {
  const known = new Set(options.map((o) => o.value.toLowerCase()));
  return [
    ...options,
    ...current
      .filter((v) => !known.has(v.toLowerCase()))
      .map((v) => ({value: v, label: `${displaySafe(v)}  (stored, not eligible now)`})),
  ];
};

function setPicker(ctx: ConsoleContext, picker: PickerState | null): void {
  const overlay = ctx.ui.overlay;
  if (overlay.kind === 'form') showForm(ctx, {...overlay.form, picker});
}

export async function openPicker(ctx: ConsoleContext, form: FormState, field: FieldState): Promise<void> {
  const current = field.value as readonly string[];
  const base: PickerState = {
    param: field.param,
    options: withCurrent([], current),
    chosen: [...current],
    cursor: 0,
    loading: true,
    note: '',
  };
  showForm(ctx, {...form, picker: base});
  const line = eligibleLine(ctx.ui.chat, form, field);
  let options: PickerOption[];
  let note: string;
  if (line) {
    const run = await ctx.run(line, {quiet: true});
    const found = run?.ok ? objectsOf(run.output) : null;
    options = found
      ? found.map((o) => {
          const value = prop(o, 'SipAddress') || prop(o, 'DistinguishedName');
          return {value, label: `${prop(o, 'DisplayName') || value}  ${value}`};
        })
      : identitiesOf('user', ctx.ui.chat).map((v) => ({value: v, label: displaySafe(v)}));
    note = found
      ? 'Eligible principals (in the category scope).'
      : 'Eligibility could not be read; showing directory users.';
  } else {
    options =
      field.completes === 'user'
        ? identitiesOf('user', ctx.ui.chat).map((v) => ({value: v, label: displaySafe(v)}))
        : directoryOptions(ctx.ui.chat);
    note = 'Directory principals.';
  }
  const overlay = ctx.ui.overlay;
  if (overlay.kind !== 'form' || overlay.form.picker?.param !== field.param) return;
  setPicker(ctx, {...overlay.form.picker, options: withCurrent(options, current), loading: false, note});
}

const movePicker =
  (delta: number) =>
  (ctx: ConsoleContext, form: FormState): void => {
    const picker = form.picker;
    if (picker)
      setPicker(ctx, {
        ...picker,
        cursor: Math.max(0, Math.min(picker.options.length - 1, picker.cursor + delta)),
      });
  };

/** Keys inside the picker (the open form's): ↑/↓ move, Space toggles, Enter applies, Esc leaves the field as it was. */
export const PICKER_KEYS: DialogKeys<FormState> = {
  keys: [
    {
      keys: ['space'],
      hint: {keys: 'Space', label: 'toggle'},
      run(ctx, form) {
        const picker = form.picker;
        const option = picker?.options[picker.cursor];
        if (!picker || !option) return;
        const on = picker.chosen.includes(option.value);
        setPicker(ctx, {
          ...picker,
          chosen: on ? picker.chosen.filter((v) => v !== option.value) : [...picker.chosen, option.value],
        });
      },
    },
    {
      keys: ['enter'],
      hint: {keys: 'Enter', label: 'apply'},
      run(ctx, form) {
        const picker = form.picker;
        if (!picker) return;
        const fields = form.fields.map((f) => (f.param === picker.param ? {...f, value: picker.chosen} : f));
        showForm(ctx, {...form, fields, picker: null});
      },
    },
    {keys: ['esc', 'ctrl-c'], hint: {keys: 'Esc', label: 'back'}, run: (ctx) => setPicker(ctx, null)},
    {keys: ['up', 'k'], run: movePicker(-1)},
    {keys: ['down', 'j'], run: movePicker(1)},
    {keys: ['pgup'], run: movePicker(-10)},
    {keys: ['pgdn'], run: movePicker(10)},
  ],
};
