import {describe, expect, it} from 'vitest';
import {findCmdlet} from '../../src/cmdlets/catalog.js';
import {buildForm, formLine, missingRequired, prefill} from '../../src/tui/forms/form-model.js';
import {
  cycleField,
  eraseLeft,
  moveFocus,
  setFieldValue,
  typeInto,
  type FormState,
} from '../../src/tui/forms/form-state.js';
import {contentState} from '../helpers/content-fixture.js';

const state = contentState();
const spec = (name: string) => {
  const s = findCmdlet(name);
  if (!s) throw new Error(`${name} is not in the table`);
  return s;
};

const focusOn = (form: FormState, param: string): FormState => ({
  ...form,
  focus: form.fields.findIndex((f) => f.param === param),
});

describe('buildForm', () => {
  it('turns the parameter table into fields: required first, no plumbing parameters', () => {
    const form = buildForm(spec('New-CsPersistentChatRoom'), 'new', null, state, 'New room');
    expect(form.fields.map((f) => f.param).slice(0, 2)).toEqual(['Name', 'Category']);
    expect(form.fields.map((f) => f.param)).not.toContain('WhatIf');
    const kinds = Object.fromEntries(form.fields.map((f) => [f.param, f.kind]));
    expect(kinds).toMatchObject({
      Name: 'text',
      Category: 'choice',
      Type: 'enum',
      Disabled: 'toggle',
      Addin: 'choice',
    });
  });

  it('offers the objects of the data as choices', () => {
    const form = buildForm(spec('New-CsPersistentChatRoom'), 'new', null, state, 'New room');
    expect(form.fields.find((f) => f.param === 'Category')?.options).toContain('pc1.dc1.example.org\\IT');
  });

  it('leaves the identity and the pool out of an edit form', () => {
    const form = buildForm(
      spec('Set-CsPersistentChatRoom'),
      'set',
      'pc1.dc1.example.org\\ItRoom',
      state,
      'Edit',
    );
    const params = form.fields.map((f) => f.param);
    expect(params).not.toContain('Identity');
    expect(params).not.toContain('PersistentChatPoolFqdn');
    expect(params).toContain('Members');
  });
});

describe('formLine', () => {
  it('writes only what was filled in for a new object, quoting text', () => {
    let form = buildForm(spec('New-CsPersistentChatRoom'), 'new', null, state, 'New room');
    form = typeInto(focusOn(form, 'Name'), "Bob's room");
    form = setFieldValue(form, 'Category', 'pc1.dc1.example.org\\IT');
    form = cycleField(focusOn(form, 'Privacy'), 1);
    expect(formLine(form)).toBe(
      'New-CsPersistentChatRoom -Name "Bob\'s room" -Category "pc1.dc1.example.org\\IT" -Privacy Open',
    );
  });

  it('writes only the changed fields of an edit, lists as Add and Remove', () => {
    let form = buildForm(
      spec('Set-CsPersistentChatRoom'),
      'set',
      'pc1.dc1.example.org\\ItRoom',
      state,
      'Edit',
    );
    form = prefill(form, {
      Name: 'ItRoom',
      Privacy: 'Closed',
      Disabled: false,
      Members: ['sip:ana@example.org', 'sip:ben@example.org'],
      Description: 'x',
    });
    form = setFieldValue(form, 'Members', ['sip:ana@example.org', 'sip:carl@example.org']);
    form = cycleField(focusOn(form, 'Disabled'), 1);
    expect(formLine(form)).toBe(
      'Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Disabled $True -Members @{Remove="sip:ben@example.org"; Add="sip:carl@example.org"}',
    );
  });

  it('clears a nullable text field with $Null', () => {
    let form = buildForm(
      spec('Set-CsPersistentChatRoom'),
      'set',
      'pc1.dc1.example.org\\ItRoom',
      state,
      'Edit',
    );
    form = prefill(form, {Description: 'General IT chat room'});
    form = eraseLeft(focusOn(form, 'Description'), 'line');
    expect(formLine(form)).toBe(
      'Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Description $Null',
    );
  });

  it('writes a switch as the bare parameter', () => {
    let form = buildForm(spec('New-CsPersistentChatCategory'), 'new', null, state, 'New category');
    form = typeInto(focusOn(form, 'Name'), 'HelpDesk2');
    form = cycleField(focusOn(form, 'EnableFileUpload'), 1);
    expect(formLine(form)).toBe('New-CsPersistentChatCategory -Name "HelpDesk2" -EnableFileUpload');
  });

  it('names the required fields left empty', () => {
    const form = buildForm(spec('New-CsPersistentChatRoom'), 'new', null, state, 'New room');
    expect(Object.keys(missingRequired(form)).sort()).toEqual(['Category', 'Name']);
  });
});

describe('field editing', () => {
  it('erases by character, word and line', () => {
    let form = typeInto(buildForm(spec('New-CsPersistentChatAddin'), 'new', null, state, 'x'), 'one two');
    expect(eraseLeft(form, 'char').fields[0]?.value).toBe('one tw');
    expect(eraseLeft(form, 'word').fields[0]?.value).toBe('one ');
    form = eraseLeft(form, 'line');
    expect(form.fields[0]?.value).toBe('');
  });

  it('wraps focus around the fields', () => {
    const form = buildForm(spec('New-CsPersistentChatAddin'), 'new', null, state, 'x');
    expect(moveFocus(form, -1).focus).toBe(form.fields.length - 1);
  });

  it('cycles an enum through its values and back to the default', () => {
    let form = focusOn(buildForm(spec('New-CsPersistentChatRoom'), 'new', null, state, 'x'), 'Type');
    const seen = [];
    for (let i = 0; i < 3; i++) {
      form = cycleField(form, 1);
      seen.push(form.fields[form.focus]?.value);
    }
    expect(seen).toEqual(['Normal', 'Auditorium', '']);
  });
});
