// Builds a form from a cmdlet's parameter table, and renders the cmdlet line from the form.

import type {CmdletSpec, ParamSpec, PsObject, Value} from '../../cmdlets/types.js';
import type {ChatState} from '../../domain/types.js';
import {identitiesOf, newScopeIdentities} from '../completion-sources.js';
import {bool, listModifier, quote, quoteList} from './quote.js';
import type {FieldKind, FieldState, FieldValue, FormState} from './form-state.js';
import {changedFields} from './form-state.js';

/** Plumbing and common parameters a form never shows. */
const HIDDEN = new Set([
  'whatif',
  'confirm',
  'force',
  'inmemory',
  'instance',
  'tenant',
  'domaincontroller',
  'credential',
  'localstore',
  'passthru',
  'asobject',
  'filter',
]);

const kindOf = (name: string, spec: ParamSpec, mode: 'new' | 'set'): FieldKind => {
  if (spec.type === 'bool' || spec.type === 'switch') return 'toggle';
  if (spec.type === 'listModifier' || spec.type === 'string[]') return 'list';
  if (spec.values && spec.values.length > 0) return 'enum';
  if (spec.completes || (mode === 'new' && name === 'Identity')) return 'choice';
  return 'text';
};

const requiredIn = (spec: ParamSpec, set: string | undefined): boolean =>
  spec.required === true ||
  (Array.isArray(spec.required) && set !== undefined && spec.required.includes(set));

const inSet = (spec: ParamSpec, set: string | undefined): boolean =>
  !spec.sets || set === undefined || spec.sets.includes(set);

const emptyValue = (kind: FieldKind): FieldValue => (kind === 'toggle' ? false : kind === 'list' ? [] : '');

function optionsOf(
  cmdlet: CmdletSpec,
  name: string,
  spec: ParamSpec,
  kind: FieldKind,
  mode: 'new' | 'set',
  state: ChatState,
): string[] {
  if (kind === 'enum') return [...(mode === 'new' || spec.nullable ? [''] : []), ...(spec.values ?? [])];
  if (kind !== 'choice') return [];
  if (mode === 'new' && name === 'Identity') return newScopeIdentities(cmdlet.name, state);
  return spec.completes ? ['', ...identitiesOf(spec.completes, state)] : [];
}

export function buildForm(
  cmdlet: CmdletSpec,
  mode: 'new' | 'set',
  identity: string | null,
  state: ChatState,
  title: string,
): FormState {
  const set = cmdlet.parameterSets?.[0];
  const fields = Object.entries(cmdlet.params)
    .filter(
      ([name, spec]) =>
        !HIDDEN.has(name.toLowerCase()) && inSet(spec, set) && !(identity !== null && name === 'Identity'),
    )
    // Objects never change pool: a Set form has no pool field.
    .filter(([name]) => !(mode === 'set' && name === 'PersistentChatPoolFqdn'))
    .map(([name, spec]): FieldState => {
      const kind = kindOf(name, spec, mode);
      const value = emptyValue(kind);
      return {
        param: name,
        help: spec.help,
        kind,
        type: spec.type,
        required: mode === 'new' && requiredIn(spec, set),
        nullable: spec.nullable ?? false,
        value,
        original: value,
        options: optionsOf(cmdlet, name, spec, kind, mode, state),
        completes: spec.completes,
      };
    })
    .sort((a, b) => Number(b.required) - Number(a.required));
  return {
    cmdlet: cmdlet.name,
    mode,
    identity,
    title,
    fields,
    focus: 0,
    errors: {},
    formError: null,
    expect: null,
    conflict: null,
    picker: null,
    loading: mode === 'set',
    submitting: false,
  };
}

/** A Get-* output value as a field value. */
export function valueForField(kind: FieldKind, value: Value | undefined): FieldValue {
  if (kind === 'toggle') return value === true || value === 'True';
  if (kind === 'list')
    return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : [];
  if (value === null || value === undefined) return '';
  return typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
}

/** Fills the fields (values and originals) from the object a Get-* line returned. */
export function prefill(form: FormState, object: PsObject): FormState {
  const fields = form.fields.map((f) => {
    const key = Object.keys(object).find((k) => k.toLowerCase() === f.param.toLowerCase());
    const value = valueForField(f.kind, key === undefined ? undefined : object[key]);
    return {...f, value, original: value};
  });
  return {...form, fields, loading: false};
}

function argument(f: FieldState, mode: 'new' | 'set'): string | null {
  const name = `-${f.param}`;
  if (f.kind === 'toggle') {
    if (f.type === 'switch') return f.value === true ? name : mode === 'set' ? `${name}:$false` : null;
    return `${name} ${bool(f.value === true)}`;
  }
  if (f.kind === 'list') {
    const now = f.value as readonly string[];
    const before = f.original as readonly string[];
    if (mode === 'new' || f.type === 'string[]')
      return now.length === 0 ? `${name} $Null` : `${name} ${quoteList(now)}`;
    const add = now.filter((v) => !before.includes(v));
    const remove = before.filter((v) => !now.includes(v));
    if (now.length === 0) return `${name} $Null`;
    return `${name} ${listModifier(add, remove)}`;
  }
  const text = String(f.value).trim();
  if (text === '')
    return mode === 'set' && f.nullable ? `${name} $Null` : mode === 'set' ? `${name} ''` : null;
  if (f.type === 'int' && /^-?\d+$/.test(text)) return `${name} ${text}`;
  if (f.kind === 'enum') return `${name} ${text}`;
  return `${name} ${quote(text)}`;
}

/** The cmdlet line for the form: the fields that differ from what was loaded (or from empty, for New). */
export function formLine(form: FormState): string {
  const parts = [form.cmdlet];
  if (form.identity !== null) parts.push(`-Identity ${quote(form.identity)}`);
  for (const f of changedFields(form)) {
    const arg = argument(f, form.mode);
    if (arg) parts.push(arg);
  }
  return parts.join(' ');
}

/** Required fields left empty, by parameter. */
export function missingRequired(form: FormState): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const f of form.fields) {
    if (
      f.required &&
      (f.kind === 'list' ? (f.value as readonly string[]).length === 0 : String(f.value).trim() === '')
    ) {
      missing[f.param] = `${f.param} is required.`;
    }
  }
  return missing;
}
