// `pchat drill failover|failback|swap`: runs a procedure unattended as a rehearsal (or live) and
// prints its report. Exit 0 when every step succeeded, 1 when one failed, 2 for usage (including a
// live high-impact step without --yes), 3 when the store cannot be used.

import {drillObject} from '../cmdlets/drill-cmdlet.js';
import type {DrillRecord} from '../domain/drills.js';
import type {ProcedureKind} from '../domain/procedures.js';
import {drillReportMarkdown} from '../lang/drill-report.js';
import {DrillUsageError, runDrill} from '../drills/run-drill.js';
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
}

/** Test hook: PCHAT_DRILL_KILL_AT_STEP=N kills the process (SIGKILL) once step N is recorded as started. */
const killHook = (): ((record: DrillRecord) => void) | undefined => {
  const at = Number(process.env['PCHAT_DRILL_KILL_AT_STEP'] ?? '');
  if (!Number.isInteger(at) || at < 1) return undefined;
  return (record) => {
    if (record.steps[at - 1]?.outcome === 'running') process.kill(process.pid, 'SIGKILL');
  };
};

export async function runDrillCommand(
  store: Session['store'],
  options: DrillCommandOptions,
  io: ExecIo,
): Promise<number> {
  const onRecord = killHook();
  let run;
  try {
    run = await runDrill(store, {
      procedure: options.procedure,
      pool: options.pool,
      live: options.live,
      yes: options.yes,
      faults: options.faults,
      resume: options.resume,
      ...(onRecord ? {onRecord} : {}),
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
    io.err(
      `pchat: step ${position} of ${record.steps.length} (${needsYes.title}) is high impact and changes the live pool; pchat drill never asks without a terminal. Run it again with --resume --yes to continue at step ${position}.\n`,
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
