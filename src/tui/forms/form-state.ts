// A form generated from a cmdlet's parameter table. Values are kept as the operator typed them;
// the line is rendered from the fields that changed.

import type {ParamSpec, ParamType} from '../../cmdlets/types.js';
import type {Expectation} from '../state/expectation.js';

export type FieldKind = 'text' | 'toggle' | 'enum' | 'choice' | 'list';

export type FieldValue = string | boolean | readonly string[];

export interface FieldState {
  readonly param: string;
  readonly help: string;
  readonly kind: FieldKind;
  readonly type: ParamType;
  readonly required: boolean;
  readonly nullable: boolean;
  readonly value: FieldValue;
  readonly original: FieldValue;
  /** enum: the allowed values; choice: suggestions from the data (free text is allowed too). */
  readonly options: readonly string[];
  readonly completes: ParamSpec['completes'] | undefined;
}

export interface PickerOption {
  readonly value: string;
  readonly label: string;
}

/** A multi-select list of principals for a list field. */
export interface PickerState {
  readonly param: string;
  readonly options: readonly PickerOption[];
  readonly chosen: readonly string[];
  readonly cursor: number;
  readonly loading: boolean;
  readonly note: string;
}

export interface FormState {
  readonly cmdlet: string;
  readonly mode: 'new' | 'set';
  readonly identity: string | null;
  readonly title: string;
  readonly fields: readonly FieldState[];
  readonly focus: number;
  /** Field-level errors from the last run, by parameter name. */
  readonly errors: Readonly<Record<string, string>>;
  readonly formError: string | null;
  readonly expect: Expectation | null;
  /** After a Conflict: the current stored values, by parameter, where they differ from the operator's. */
  readonly conflict: Readonly<Record<string, string>> | null;
  readonly picker: PickerState | null;
  readonly loading: boolean;
  readonly submitting: boolean;
}

export const fieldText = (value: FieldValue): string =>
  typeof value === 'boolean'
    ? value
      ? 'True'
      : 'False'
    : typeof value === 'string'
      ? value
      : value.join(', ');

export const sameValue = (a: FieldValue, b: FieldValue): boolean => {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
};

export const changedFields = (form: FormState): FieldState[] =>
  form.fields.filter((f) => !sameValue(f.value, f.original));

const updateField = (form: FormState, index: number, change: (f: FieldState) => FieldState): FormState => ({
  ...form,
  fields: form.fields.map((f, i) => (i === index ? change(f) : f)),
});

/** Printable text typed into the focused text or choice field. */
export const typeInto = (form: FormState, text: string): FormState =>
  updateField(form, form.focus, (f) =>
    f.kind === 'text' || f.kind === 'choice' ? {...f, value: `${String(f.value)}${text}`} : f,
  );

export const eraseLeft = (form: FormState, unit: 'char' | 'word' | 'line'): FormState =>
  updateField(form, form.focus, (f) => {
    if (f.kind !== 'text' && f.kind !== 'choice') return f;
    const v = String(f.value);
    if (unit === 'line') return {...f, value: ''};
    if (unit === 'word') return {...f, value: v.replace(/\S+\s*$/u, '')};
    return {...f, value: [...v].slice(0, -1).join('')};
  });

/** Space or ←/→ on a toggle, enum or choice field. */
export const cycleField = (form: FormState, delta: 1 | -1): FormState =>
  updateField(form, form.focus, (f) => {
    if (f.kind === 'toggle') return {...f, value: !(f.value === true)};
    if ((f.kind === 'enum' || f.kind === 'choice') && f.options.length > 0) {
      const at = f.options.findIndex((o) => o.toLowerCase() === String(f.value).toLowerCase());
      const next =
        at < 0 ? (delta > 0 ? 0 : f.options.length - 1) : (at + delta + f.options.length) % f.options.length;
      return {...f, value: f.options[next] ?? ''};
    }
    return f;
  });

export const moveFocus = (form: FormState, delta: number): FormState => ({
  ...form,
  focus: (form.focus + delta + form.fields.length) % Math.max(1, form.fields.length),
});

export const setFieldValue = (form: FormState, param: string, value: FieldValue): FormState => ({
  ...form,
  fields: form.fields.map((f) => (f.param === param ? {...f, value} : f)),
});
