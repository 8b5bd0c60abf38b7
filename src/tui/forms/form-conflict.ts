// A form refused with Conflict: the operator's changes stay, every field they did not touch takes
// the value stored now (so the next Enter writes only their changes and undoes nobody's), and the
// audit log says who made the other change.

import type {ConsoleContext} from '../console-context.js';
import {expect} from '../expectations.js';
import {currentObject, objectsOf, prop, raw} from '../side-loads.js';
import type {FormState} from './form-state.js';
import {fieldText, sameValue} from './form-state.js';
import {prefill} from './form-model.js';
import {quote} from './quote.js';

/** The newest audit entry that changed the object after `sinceRev`, as "Changed by <user> (<via>) at <time>: <line>". */
async function otherChange(ctx: ConsoleContext, identity: string, sinceRev: number | null): Promise<string> {
  const run = await ctx.run(`Get-PcAuditEntry -Target ${quote(identity)}`, {quiet: true});
  const entries = objectsOf(run?.output ?? []).filter(
    (e) => sinceRev === null || Number(raw(e, 'RevisionAfter')) > sinceRev,
  );
  const last = entries[entries.length - 1];
  if (!last) return '';
  const more = entries.length > 1 ? ` (the last of ${entries.length} changes)` : '';
  return ` Changed by ${prop(last, 'Operator')} (${prop(last, 'Via')}) at ${prop(last, 'Time')}${more}: ${prop(last, 'Command')}`;
}

export async function showConflict(
  ctx: ConsoleContext,
  form: FormState,
  message: string,
  open: () => FormState | null,
): Promise<void> {
  const object = await currentObject(ctx, form.cmdlet, form.identity);
  const who = form.identity ? await otherChange(ctx, form.identity, form.expect?.rev ?? null) : '';
  const still = open();
  if (!still) return;
  if (!object)
    return ctx.dispatch({
      type: 'overlay',
      overlay: {kind: 'form', form: {...still, submitting: false, formError: message + who}},
    });
  const current = prefill(still, object);
  const conflict: Record<string, string> = {};
  for (const f of current.fields) conflict[f.param] = fieldText(f.original);
  const fields = still.fields.map((f, i) => {
    const stored = current.fields[i]?.original ?? f.original;
    return sameValue(f.value, f.original)
      ? {...f, value: stored, original: stored}
      : {...f, original: stored};
  });
  const kind = still.expect?.kind;
  const expectation = kind && form.identity ? (expect(ctx.ui.chat, kind, form.identity)[0] ?? null) : null;
  ctx.dispatch({
    type: 'overlay',
    overlay: {
      kind: 'form',
      form: {
        ...still,
        fields,
        conflict,
        expect: expectation,
        submitting: false,
        formError: `${message}${who} Enter applies your changes over the current values; Esc cancels.`,
      },
    },
  });
}
