// Reads the console makes through Get-* lines: the audit log, the drills, a room's effective
// members and history, a form's current values. Quiet on success; a failure shows on the message line.

import type {PsObject, Value} from '../cmdlets/types.js';
import type {ConsoleContext} from './console-context.js';
import {findProperty, isPsObject} from '../lang/values.js';
import {formatValue} from './format-output.js';
import {quote} from './forms/quote.js';
import type {PaneId} from './panes/pane-id.js';
import type {AuditRow, DetailLine, DetailSection, DrillRow, DrillStepRow} from './panes/pane.js';

const HISTORY_SHOWN = 50;

/** Reads a property case-insensitively as display-safe text. */
export function prop(object: PsObject, name: string): string {
  const value = findProperty(object, name)?.value ?? null;
  if (value === null) return '';
  if (Array.isArray(value)) return (value as readonly Value[]).map((v) => formatValue(v)).join(', ');
  return formatValue(value);
}

/** The property's own value, for decisions: never its display text read back. */
export const raw = (object: PsObject, name: string): Value => findProperty(object, name)?.value ?? null;

export const objectsOf = (output: readonly Value[]): PsObject[] => output.filter(isPsObject);

/** The object a Set- form edits, read with its Get- cmdlet; null when it cannot be read. */
export async function currentObject(
  ctx: ConsoleContext,
  cmdlet: string,
  identity: string | null,
): Promise<PsObject | null> {
  const run = await ctx.run(`${cmdlet.replace(/^Set-/, 'Get-')} -Identity ${quote(identity ?? '')}`, {
    quiet: true,
  });
  return run ? (objectsOf(run.output)[0] ?? null) : null;
}

export async function loadAudit(ctrl: ConsoleContext): Promise<void> {
  const revision = ctrl.ui.chat.revision;
  const run = await ctrl.run('Get-PcAuditEntry', {quiet: true});
  if (!run) return;
  const rows = objectsOf(run.output).map((o, i): AuditRow => ({
    seq: typeof raw(o, 'Sequence') === 'number' ? (raw(o, 'Sequence') as number) : i + 1,
    time: prop(o, 'Time'),
    operator: prop(o, 'Operator'),
    role: prop(o, 'Role'),
    command: prop(o, 'Command'),
    targets: prop(o, 'Targets'),
    result: prop(o, 'Result') || (run.ok ? 'Success' : ''),
    via: prop(o, 'Via'),
    warnings: prop(o, 'Warnings'),
  }));
  ctrl.dispatch({type: 'auditLoaded', rows, revision});
}

/** The property's objects (a drill's Steps), in order. */
const objectsIn = (object: PsObject, name: string): PsObject[] => {
  const value = raw(object, name);
  return Array.isArray(value) ? objectsOf(value as readonly Value[]) : [];
};

/** Each entry of a list property (a step's Warnings) as display-safe text. */
const texts = (object: PsObject, name: string): string[] => {
  const value = raw(object, name);
  return Array.isArray(value) ? (value as readonly Value[]).map((v) => formatValue(v)) : [];
};

const drillStepRow = (s: PsObject): DrillStepRow => ({
  number: prop(s, 'Number'),
  title: prop(s, 'Title'),
  line: prop(s, 'Line'),
  outcome: prop(s, 'Outcome'),
  seconds: prop(s, 'Seconds'),
  warnings: texts(s, 'Warnings'),
  error: prop(s, 'Error'),
});

export async function loadDrills(ctrl: ConsoleContext): Promise<void> {
  const run = await ctrl.run('Get-PcDrill', {quiet: true});
  if (!run) return;
  const rows = objectsOf(run.output).map((o): DrillRow => {
    const steps = objectsIn(o, 'Steps');
    return {
      identity: prop(o, 'Identity'),
      procedure: prop(o, 'Procedure'),
      pool: prop(o, 'Pool'),
      mode: prop(o, 'Mode'),
      faults: prop(o, 'Faults'),
      operator: prop(o, 'Operator'),
      startedAt: prop(o, 'StartedAt'),
      endedAt: prop(o, 'EndedAt'),
      outcome: prop(o, 'Outcome'),
      seconds: prop(o, 'Seconds'),
      done: steps.filter((s) => {
        const outcome = raw(s, 'Outcome');
        return outcome === 'ok' || outcome === 'acknowledged';
      }).length,
      steps: steps.map(drillStepRow),
    };
  });
  ctrl.dispatch({type: 'drillsLoaded', rows});
}

const splitIdentity = (identity: string): {pool: string; name: string} => {
  const at = identity.lastIndexOf('\\');
  return {pool: identity.slice(0, at), name: identity.slice(at + 1)};
};

async function membersSection(ctrl: ConsoleContext, identity: string): Promise<DetailSection> {
  const {pool, name} = splitIdentity(identity);
  const run = await ctrl.run(
    `Get-CsPersistentChatEligiblePrincipal -Room ${quote(name)} -PersistentChatPoolFqdn ${quote(pool)}`,
    {quiet: true},
  );
  const people = run ? objectsOf(run.output) : [];
  const lines: DetailLine[] = people.map((p) => ({
    label: prop(p, 'DisplayName') || prop(p, 'SipAddress'),
    value: `${prop(p, 'SipAddress')} (${prop(p, 'PersistentChatPrincipalType') || 'user'})`,
  }));
  const title = run?.ok ? `Effective members (${people.length})` : 'Effective members (not available)';
  return {title, lines};
}

async function historySection(ctrl: ConsoleContext, identity: string): Promise<DetailSection> {
  const run = await ctrl.run(`Get-PcChatMessage -Room ${quote(identity)}`, {quiet: true});
  const messages = run ? objectsOf(run.output) : [];
  const shown = messages.slice(-HISTORY_SHOWN);
  const lines: DetailLine[] = shown.map((m) => ({
    label: prop(m, 'PostedAt').replace('T', ' ').slice(0, 16),
    value: `${prop(m, 'Author')}: ${prop(m, 'Text')}${raw(m, 'Replaced') === true ? ' (replaced)' : ''}`,
  }));
  const more = messages.length > shown.length ? `, latest ${shown.length}` : '';
  return {title: run?.ok ? `History (${messages.length} messages${more})` : 'History (not available)', lines};
}

/** A room's effective members and history, added below its stored settings. */
export async function loadDetailExtra(ctrl: ConsoleContext, pane: PaneId, id: string): Promise<void> {
  if (pane !== 'rooms') return;
  ctrl.dispatch({type: 'detailExtra', id, extra: {sections: [], loading: true}});
  const sections = [await membersSection(ctrl, id), await historySection(ctrl, id)];
  ctrl.dispatch({type: 'detailExtra', id, extra: {sections, loading: false}});
}
