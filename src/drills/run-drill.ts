// Runs a procedure's steps one after the other (open-drill.ts), as `pchat drill` does: a rehearsal
// on a scratch copy of the store, or live. A live drill's high-impact steps and the SQL work of its
// acknowledgement steps need the operator's word: --yes, or an answer on a terminal.

import type {DrillRecord, DrillStep} from '../domain/drills.js';
import {OpenDrill, type DrillStart} from './open-drill.js';
import type {StorePort} from '../store/port.js';

export {DrillUsageError} from './open-drill.js';

/** What a live drill asks before a step: the typed confirmation, or that the SQL work is done. */
export interface DrillQuestion {
  readonly kind: 'typed' | 'acknowledge';
  readonly step: DrillStep;
  /** 1-based. */
  readonly position: number;
  readonly count: number;
  readonly pool: string;
}

export interface DrillOptions extends DrillStart {
  /** Runs high-impact steps and acknowledges SQL work of a live drill without asking. */
  readonly yes: boolean;
  /** Present when there is a person to ask (a terminal); false stops the drill before the step. */
  readonly ask?: (question: DrillQuestion) => Promise<boolean>;
}

export interface DrillRun {
  readonly record: DrillRecord;
  /** A live drill stopped before this step, which has not started: it needs --yes (or a yes). */
  readonly needsYes: DrillStep | null;
  /** A drill resumed: the step (1-based position) it continued at. */
  readonly resumedAt: number | null;
}

export async function runDrill(live: StorePort, options: DrillOptions): Promise<DrillRun> {
  const drill = await OpenDrill.open(live, options);
  try {
    for (let index = drill.next(); index !== null; index = drill.next()) {
      const step = drill.steps[index];
      const planned = drill.record.steps[index] as DrillStep;
      const kind: DrillQuestion['kind'] | null =
        step?.kind === 'acknowledge' ? 'acknowledge' : step?.impact === 'high' ? 'typed' : null;
      if (drill.record.mode === 'live' && kind !== null && !options.yes) {
        const question = {kind, step: planned, position: index + 1, count: drill.steps.length};
        const yes = (await options.ask?.({...question, pool: drill.record.pool})) ?? false;
        if (!yes) return {record: drill.record, needsYes: planned, resumedAt: drill.resumedAt};
      }
      await drill.runStep(index);
    }
    return {record: drill.record, needsYes: null, resumedAt: drill.resumedAt};
  } finally {
    drill.close();
  }
}
