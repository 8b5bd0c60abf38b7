// What the message line says about a line that ran, and the read-only gate for typed lines.

import {findCmdlet} from '../cmdlets/catalog.js';
import {errorText} from './format-output.js';
import type {LineRun} from './session-port.js';
import type {MessageLevel} from './state/ui-state.js';

/** Cmdlet names a line mentions (the first word of each statement), for the read-only gate. */
export function cmdletsIn(line: string): string[] {
  const names: string[] = [];
  let quote: string | null = null;
  let segment = '';
  const flush = () => {
    const first = segment.trim().split(/\s+/)[0] ?? '';
    if (first) names.push(first);
    segment = '';
  };
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '|' || ch === ';' || ch === '{' || ch === '}') {
      flush();
      continue;
    }
    segment += ch;
  }
  flush();
  return names;
}

/** Refuses, before anything runs, a line that would change data in a read-only console. */
export function readOnlyRefusal(readOnly: boolean, line: string): string | null {
  if (!readOnly) return null;
  const mutating = cmdletsIn(line).find((name) => findCmdlet(name)?.mutates);
  return mutating ? `read-only mode: ${findCmdlet(mutating)?.name ?? mutating} changes data` : null;
}

export interface Outcome {
  readonly level: MessageLevel;
  readonly text: string;
  /** The line that ran, when the message is about something else. */
  readonly detail?: string;
}

export function outcomeMessage(line: string, run: LineRun): Outcome {
  const ran = `ran: ${line}`;
  const first = run.errors[0];
  if (first) {
    const more = run.errors.length > 1 ? ` (+${run.errors.length - 1} more)` : '';
    return {level: 'error', text: `${errorText(first)}${more}`, detail: ran};
  }
  const warning = run.warnings[0];
  if (warning) {
    const more = run.warnings.length > 1 ? ` (+${run.warnings.length - 1} more)` : '';
    return {level: 'warn', text: `${warning.message} [${warning.warningId}]${more}`, detail: ran};
  }
  if (run.whatIf.length > 0) return {level: 'info', text: run.whatIf.join(' ')};
  const mutating = run.cmdlets.some((name) => findCmdlet(name)?.mutates);
  if (mutating && !run.committed) {
    return {
      level: 'info',
      text: run.prompts.length > 0 ? 'Declined; nothing was changed.' : 'Nothing to change.',
      detail: ran,
    };
  }
  return {level: 'ok', text: line};
}
