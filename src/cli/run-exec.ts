// `pchat exec`: run LINEs or a script through the session and print each line's result.

import type {Session, LineRun} from '../session.js';
import {formatJsonError, formatJsonLine, formatJsonWarning} from './format-json.js';
import {writeRunText} from './format-text.js';
import {errorLine, warningLine, whatIfLine} from '../lang/present/record-lines.js';
import {EXIT} from './exit-codes.js';

export interface ExecIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface ExecOutput extends ExecIo {
  /** The columns Format-Table and Format-List lay their output out to (cli/output-width.ts). */
  readonly width: number;
}

export async function runExec(
  session: Session,
  lines: readonly string[],
  json: boolean,
  io: ExecOutput,
): Promise<number> {
  let failed = false;
  for (const line of lines) {
    const run = await session.run(line);
    // The store cannot be used: no later line could run either.
    if (run.storeFailure) {
      if (run.committed) printRun(run, json, io);
      io.err(`pchat: ${run.storeFailure.message}\n`);
      return EXIT.store;
    }
    printRun(run, json, io);
    if (!run.ok) failed = true;
  }
  return failed ? EXIT.failed : EXIT.ok;
}

export function printRun(run: LineRun, json: boolean, io: ExecOutput): void {
  if (!json) return writeRunText(run, io);
  // With --json, warnings and errors go to standard error twice (as text, then as JSON objects),
  // and what-if lines stay off standard output so the Nth array is the Nth line.
  for (const w of run.warnings) io.err(`${warningLine(w)}\n${formatJsonWarning(w)}\n`);
  for (const line of run.whatIf) io.err(`${whatIfLine(line)}\n`);
  io.out(`${formatJsonLine(run.output)}\n`);
  for (const e of run.errors) io.err(`${errorLine(e)}\n${formatJsonError(e)}\n`);
}
