// `pchat drill failover|failback|swap`: runs a procedure unattended as a rehearsal (or live) and
// prints its report. Exit 0 when every step succeeded, 1 when one failed, 2 for usage (including a
// live high-impact step without --yes), 3 when the store cannot be used.

import {drillObject} from '../cmdlets/drill-cmdlet.js';
import type {ProcedureKind} from '../domain/procedures.js';
import {drillReportMarkdown} from '../lang/drill-report.js';
import {DrillUsageError, runDrill, type DrillQuestion} from '../drills/run-drill.js';
import {writeDrillReport} from '../drills/report-file.js';
import type {Session} from '../session.js';
import {EXIT} from './exit-codes.js';
import {safeJson, toJsonValue} from './format-json.js';
import type {ExecIo} from './run-exec.js';

export interface DrillCommandOptions {
  readonly procedure: ProcedureKind;
  readonly pool?: string | undefined;
  readonly live: boolean;
  readonly yes: boolean;
  readonly faults: readonly string[];
  readonly resume: boolean;
  readonly report?: string | undefined;
  readonly force: boolean;
  readonly json: boolean;
  /** Present on a terminal: asks before a live drill's high-impact and acknowledgement steps. */
  readonly askLine?: (question: string) => Promise<string>;
}

/**
 * A live drill's question on the terminal: the pool's name typed for a high-impact step (as the
 * console asks), yes for an acknowledgement step's SQL work. Anything else stops the drill there.
 */
const terminalQuestion =
  (askLine: (question: string) => Promise<string>) =>
  async (q: DrillQuestion): Promise<boolean> => {
    const head = `\nStep ${q.position} of ${q.count}: ${q.step.title}\n`;
    if (q.kind === 'acknowledge') {
      const answer = await askLine(`${head}This is SQL work pchat cannot do. Is it done? [y/N] `);
      return answer.trim().toLowerCase() === 'y' || answer.trim().toLowerCase() === 'yes';
    }
    const answer = await askLine(
      `${head}Runs: ${q.step.line}\nThis step is high impact. Type ${q.pool} to confirm: `,
    );
    return answer.trim() === q.pool;
  };

export async function runDrillCommand(
  store: Session['store'],
  options: DrillCommandOptions,
  io: ExecIo,
): Promise<number> {
  let run;
  try {
    run = await runDrill(store, {
      procedure: options.procedure,
      pool: options.pool,
      live: options.live,
      yes: options.yes,
      faults: options.faults,
      resume: options.resume,
      ...(options.askLine ? {ask: terminalQuestion(options.askLine)} : {}),
    });
  } catch (error) {
    if (!(error instanceof DrillUsageError)) throw error;
    io.err(`pchat: ${error.message}\n`);
    return EXIT.usage;
  }
  const {record, needsYes, resumedAt} = run;
  if (resumedAt !== null)
    io.err(`pchat: resuming drill ${record.id} at step ${resumedAt} of ${record.steps.length}.\n`);
  if (needsYes) {
    const position = record.steps.indexOf(needsYes) + 1;
    const what =
      needsYes.line === ''
        ? 'is SQL work the operator must acknowledge'
        : 'is high impact and changes the live pool';
    io.err(
      options.askLine
        ? `pchat: step ${position} of ${record.steps.length} (${needsYes.title}) was not confirmed; the drill stopped before it. Run it again with --resume to continue at step ${position}.\n`
        : `pchat: step ${position} of ${record.steps.length} (${needsYes.title}) ${what}; pchat drill never asks without a terminal. Run it again with --resume --yes to continue at step ${position}.\n`,
    );
    return EXIT.usage;
  }
  const markdown = drillReportMarkdown(record);
  const json = safeJson(toJsonValue(drillObject(record)));
  io.out(options.json ? `${json}\n` : markdown);
  if (options.report !== undefined) {
    const file = writeDrillReport(
      store.dir,
      options.report,
      options.report.endsWith('.json') ? `${json}\n` : markdown,
      options.force,
    );
    io.err(`pchat: report written to ${file}\n`);
  }
  return record.outcome === 'succeeded' ? EXIT.ok : EXIT.failed;
}
