// `pchat exec`: run LINEs or a script through the session and print each line's result.

import type {Session, LineRun} from '../session.js';
import {formatJsonError, formatJsonLine, formatJsonWarning} from './format-json.js';
import {formatErrorText, formatOutputText, formatWarningText} from './format-text.js';
import {displaySafe} from '../lang/display-safe.js';
import {EXIT} from './exit-codes.js';

export interface ExecIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export async function runExec(
  session: Session,
  lines: readonly string[],
  json: boolean,
  io: ExecIo,
): Promise<number> {
  let failed = false;
  for (const line of lines) {
    const run = await session.run(line);
    // The store cannot be used: no later line could run either.
    if (run.storeFailure) {
      io.err(`pchat: ${run.storeFailure.message}\n`);
      return EXIT.store;
    }
    printRun(run, json, io);
    if (!run.ok) failed = true;
  }
  return failed ? EXIT.failed : EXIT.ok;
}

export function printRun(run: LineRun, json: boolean, io: ExecIo): void {
  for (const w of run.warnings) {
    io.err(`${formatWarningText(w)}\n`);
    if (json) io.err(`${formatJsonWarning(w)}\n`);
  }
  // What-if lines are host output; with --json they stay off stdout so the Nth array is the Nth line.
  for (const line of run.whatIf) (json ? io.err : io.out)(`${displaySafe(line)}\n`);
  if (json) io.out(`${formatJsonLine(run.output)}\n`);
  else {
    const text = formatOutputText(run.output);
    if (text) io.out(text);
  }
  for (const e of run.errors) {
    io.err(`${formatErrorText(e)}\n`);
    if (json) io.err(`${formatJsonError(e)}\n`);
  }
}
