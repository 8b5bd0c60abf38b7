// Opening, loading and submitting forms. The form writes nothing itself: submit renders one cmdlet
// line and runs it through the session, with the object's revision as the expectation.

import {findCmdlet} from '../../cmdlets/catalog.js';
import type {ConsoleContext} from '../console-context.js';
import {expect} from '../expectations.js';
import {currentObject, objectsOf, prop} from '../side-loads.js';
import type {Expectation} from '../state/ui-state.js';
import type {FieldState, FormState} from './form-state.js';
import {changedFields} from './form-state.js';
import {showConflict} from './form-conflict.js';
import {buildForm, formLine, missingRequired, prefill} from './form-model.js';

/** The open form, if it is still the one a load or run started for. */
function openForm(ctx: ConsoleContext, cmdlet: string, identity: string | null): FormState | null {
  const overlay = ctx.ui.overlay;
  return overlay.kind === 'form' && overlay.form.cmdlet === cmdlet && overlay.form.identity === identity
    ? overlay.form
    : null;
}

export const showForm = (ctx: ConsoleContext, form: FormState): void =>
  ctx.dispatch({type: 'overlay', overlay: {kind: 'form', form}});

export function startForm(
  ctx: ConsoleContext,
  options: {
    cmdlet: string;
    mode: 'new' | 'set';
    identity: string | null;
    title: string;
    kind?: Expectation['kind'];
    tagPoliciesOnly?: boolean;
  },
): void {
  const spec = findCmdlet(options.cmdlet);
  if (!spec) return ctx.say('error', `${options.cmdlet} is not in the cmdlet table.`);
  let form = buildForm(spec, options.mode, options.identity, ctx.ui.chat, options.title);
  if (options.tagPoliciesOnly) {
    // Only per-user policies can be granted; the cmdlet takes the name without "Tag:".
    const tags = ctx.ui.chat.policies
      .filter((p) => /^tag:/i.test(p.identity))
      .map((p) => p.identity.slice(4));
    form = {
      ...form,
      fields: form.fields.map((f) =>
        f.param === 'PolicyName' ? {...f, kind: 'choice', options: ['', ...tags]} : f,
      ),
    };
  }
  showForm(ctx, form);
  if (options.mode === 'set' && options.identity !== null)
    void ctx.track(loadCurrent(ctx, form, options.kind));
}

/** Loads the object's current values; the revision is read from the same state the values came from. */
async function loadCurrent(
  ctx: ConsoleContext,
  form: FormState,
  kind: Expectation['kind'] | undefined,
): Promise<void> {
  const object = await currentObject(ctx, form.cmdlet, form.identity);
  const open = openForm(ctx, form.cmdlet, form.identity);
  if (!open) return;
  if (!object)
    return showForm(ctx, {
      ...open,
      loading: false,
      formError: `Could not read the current values of ${form.identity ?? ''}.`,
    });
  const expectation = kind && form.identity ? (expect(ctx.ui.chat, kind, form.identity)[0] ?? null) : null;
  showForm(ctx, {...prefill(open, object), expect: expectation});
}

/** Which field an error belongs to: its parameter when the language says, else a parameter the message names. */
function fieldOf(
  fields: readonly FieldState[],
  error: {message: string; parameter?: string | null},
): string | null {
  if (error.parameter)
    return fields.find((f) => f.param.toLowerCase() === error.parameter?.toLowerCase())?.param ?? null;
  const named = fields.find((f) => new RegExp(`(^|[^A-Za-z])-?${f.param}([^A-Za-z]|$)`).test(error.message));
  return named?.param ?? null;
}

export async function submitForm(ctx: ConsoleContext, form: FormState): Promise<void> {
  const missing = missingRequired(form);
  if (Object.keys(missing).length > 0)
    return showForm(ctx, {...form, errors: missing, formError: 'Fill in the required fields.'});
  if (form.mode === 'set' && changedFields(form).length === 0) {
    ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
    return ctx.say('info', 'No changes to save.');
  }
  showForm(ctx, {...form, submitting: true, errors: {}, formError: null});
  const pane = ctx.ui.pane;
  const run = await ctx.run(formLine(form), {expect: form.expect ? [form.expect] : []});
  const open = openForm(ctx, form.cmdlet, form.identity);
  if (!open) return;
  if (!run) return showForm(ctx, {...open, submitting: false});
  if (run.ok) {
    ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
    const created = objectsOf(run.output)[0];
    const id = created ? prop(created, 'Identity') : '';
    if (form.mode === 'new' && id) ctx.dispatch({type: 'cursorTo', pane, id});
    return;
  }
  const conflict = run.errors.find((e) => e.errorId === 'Conflict');
  if (conflict)
    return showConflict(ctx, open, conflict.message, () => openForm(ctx, form.cmdlet, form.identity));
  const errors: Record<string, string> = {};
  const general: string[] = [];
  for (const e of run.errors) {
    const param = fieldOf(open.fields, e);
    if (param) errors[param] = `${e.message} [${e.errorId}]`;
    else general.push(`${e.message} [${e.errorId}]`);
  }
  showForm(ctx, {...open, submitting: false, errors, formError: general.join(' ') || null});
}
