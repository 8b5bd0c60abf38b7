// What the message line says about a line that ran, and the read-only gate for typed lines.

import {catalog, findCmdlet} from '../cmdlets/catalog.js';
import {commandsIn} from '../lang/line-commands.js';
import {errorText} from './format-output.js';
import type {LineRun} from './session-port.js';
import type {MessageLevel} from './state/ui-state.js';

/** Refuses, before anything runs, a line that would change data in a read-only console. */
export function readOnlyRefusal(readOnly: boolean, line: string): string | null {
  if (!readOnly) return null;
  const mutating = commandsIn(line, catalog).find((spec) => spec.mutates);
  return mutating ? `read-only mode: ${mutating.name} changes data` : null;
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
  const removal = run.backups.find((b) => b.kind === 'removal');
  if (removal)
    return {
      level: 'ok',
      text: `Kept what it removed in backup ${removal.id}: Restore-PcBackup -Identity ${removal.id} undoes it.`,
      detail: ran,
    };
  return {level: 'ok', text: line};
}
