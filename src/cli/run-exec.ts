// `pchat exec`: run LINEs or a script through the session and print each line's result.
//
// Group commit of a script (`-f`, with nobody to ask): each line still commits on its own, in order,
// under the lock, with its own revision and audit entry, and a failing line undoes nothing before it;
// but its commit point (the state record) is flushed together with those of the lines after it, one
// fsync for up to GROUP_LINES lines or GROUP_MS, and no output of a line is shown before its commit is
// flushed. What an operator sees after a crash: after kill -9, every line that committed is in the
// store (a record written is committed, flushed or not), which is the lines shown and perhaps a few
// after them, in order; after a power loss, the lines shown are in the store and the lines after them
// are there up to some line and not after it: a prefix of the script's lines, never a gap. Another
// process sees each line's commit as soon as it is written, before its flush; a power loss can take
// back such a commit, but only together with every commit after it. A commit that writes messages,
// backups or exports keeps its journal and flushes at once, and with it the lines before it.
//
// The store's lock is held for a whole group, from its first commit to its flush (FileStore): no
// other writer can commit meanwhile, so the group's later lines neither take the lock again nor read
// the store back or look for outside commits, and each still gets its own revision and audit entry.
// Between two groups the lock is left free long enough for every waiting process to try it
// (LONGEST_RETRY_MS, store/lock.ts), so another operator's command waits at most one group (GROUP_MS,
// or GROUP_LINES lines, plus the line in flight and the flush) and lands between two groups; the
// script's next group reads the store again and commits on top of it.
//
// `performance` is the global, which loads node:perf_hooks (a dozen modules) at its first use, by a
// group; imported, it was loaded at every start of `pchat exec`.

import {storeFailureOf, type Session, type LineRun} from '../session.js';
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

/**
 * A group commit flushes after this many lines, or once its first line is this old. GROUP_MS bounds
 * what another writer waits and what a power loss may take back; the line bound only caps the output
 * held. Each end of a group costs its fsync and the lock's free interval (LONGEST_RETRY_MS, 20 ms),
 * so the line bound is set past what a group does in GROUP_MS: at 100 lines (15-25 ms of lines on a
 * quiet machine) the free intervals were 4 s of a 20,000-line script's 9.6 s.
 */
export const GROUP_LINES = 1000;
export const GROUP_MS = 200;

/** `group`: commit the lines as a group (the header); the output waits for their flush. */
export async function runExec(
  session: Session,
  lines: readonly string[],
  json: boolean,
  io: ExecOutput,
  group = false,
): Promise<number> {
  const held = group ? new HeldOutput(io) : null;
  const out = held ?? io;
  /** Flushes the group and shows its output; a flush that fails is a store failure (exit 3). */
  const release = async (): Promise<boolean> => {
    if (!held) return true;
    try {
      await session.flush();
    } catch (error) {
      const failure = storeFailureOf(error);
      if (!failure) throw error;
      io.err(`pchat: ${failure.message}\n`);
      return false;
    }
    held.show();
    return true;
  };
  let failed = false;
  for (const line of lines) {
    const run = await session.run(line, group ? {deferFlush: true} : {});
    // The store cannot be used: no later line could run either.
    if (run.storeFailure) {
      if (run.committed) printRun(run, json, out);
      if (await release()) io.err(`pchat: ${run.storeFailure.message}\n`);
      return EXIT.store;
    }
    printRun(run, json, out);
    if (!run.ok) failed = true;
    if (held?.due() && !(await release())) return EXIT.store;
  }
  if (!(await release())) return EXIT.store;
  return failed ? EXIT.failed : EXIT.ok;
}

/** The output of a group's lines, in order, until their commits are flushed. */
class HeldOutput implements ExecOutput {
  readonly width: number;
  private readonly io: ExecOutput;
  private readonly pending: {readonly to: 'out' | 'err'; readonly text: string}[] = [];
  private lines = 0;
  private since = 0;

  constructor(io: ExecOutput) {
    this.io = io;
    this.width = io.width;
  }

  readonly out = (text: string): void => {
    this.pending.push({to: 'out', text});
  };

  readonly err = (text: string): void => {
    this.pending.push({to: 'err', text});
  };

  /** Counts the line just run; true when the group should be flushed now. */
  due(): boolean {
    if (this.lines === 0) this.since = performance.now();
    this.lines += 1;
    return this.lines >= GROUP_LINES || performance.now() - this.since >= GROUP_MS;
  }

  show(): void {
    for (const {to, text} of this.pending.splice(0)) this.io[to](text);
    this.lines = 0;
  }
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
