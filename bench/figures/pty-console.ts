// A console (or any Ink program) running on a real pseudo-terminal through script(1), timed by the
// frames it writes. Ink brackets every frame it draws on a terminal with the synchronized-update
// sequences (ESC[?2026h ... ESC[?2026l), so the end of a frame is a byte in the stream: a frame is
// complete when its closing sequence has arrived here, which is when a terminal would show it.
//
// Why a pty and not Ink rendered to a fake stdout in this process: the operator feels the whole path
// (the terminal's bytes parsed into keys, the console's handler, React, Yoga, Ink's output diff and
// the write), and a child on a pty is timed over all of it, with its own event loop and heap as in
// use. script adds one copy through the pty (well under a millisecond), the same for the baseline.

import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import fs from 'node:fs';
import {performance} from 'node:perf_hooks';

const FRAME_END = '\x1b[?2026l';
const FRAME_START = '\x1b[?2026h';

export interface Frame {
  /** The frame's bytes, without the synchronized-update brackets. */
  readonly text: string;
  /** performance.now() when its last byte arrived. */
  readonly at: number;
}

export interface PtyProgram {
  /** performance.now() just before the process was spawned. */
  readonly startedAt: number;
  /** The first frame, written after `after`, for which `wanted` holds. */
  frame(wanted: (text: string) => boolean, after?: number, timeoutMs?: number): Promise<Frame>;
  /** Writes `keys` and resolves with the first frame after them for which `wanted` holds, and the milliseconds between. */
  press(keys: string, wanted: (text: string) => boolean): Promise<{frame: Frame; ms: number}>;
  /** The last complete frame. */
  last(): Frame | null;
  /** CPU time the program (not script) has had so far, in milliseconds; null where /proc cannot tell. */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

export interface PtyOptions {
  readonly columns: number;
  readonly rows: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** The CPU time of script's one child, from Linux's scheduler statistics (nanoseconds on the CPU). */
function childCpuMs(scriptPid: number | undefined): number | null {
  try {
    const child = fs
      .readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8')
      .trim()
      .split(' ')[0];
    return Number(fs.readFileSync(`/proc/${child}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

const quote = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`;

/** Starts `node <args>` on a pty of the given size. */
export function onPty(nodeArgs: readonly string[], options: PtyOptions): PtyProgram {
  const command = `stty cols ${options.columns} rows ${options.rows}; exec ${[process.execPath, ...nodeArgs]
    .map(quote)
    .join(' ')}`;
  // Ink draws only the last frame when any CI variable is set: a terminal user has none.
  const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...options.env};
  for (const name of Object.keys(env)) if (name === 'CI' || name.startsWith('CI_')) delete env[name];
  delete env['NODE_ENV'];
  const startedAt = performance.now();
  const child: ChildProcessWithoutNullStreams = spawn('script', ['-qfec', command, '/dev/null'], {env});
  const frames: Frame[] = [];
  let pending = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const at = performance.now();
    pending += chunk;
    let end = pending.indexOf(FRAME_END);
    while (end >= 0) {
      const open = pending.lastIndexOf(FRAME_START, end);
      frames.push({text: pending.slice(open < 0 ? 0 : open + FRAME_START.length, end), at});
      pending = pending.slice(end + FRAME_END.length);
      end = pending.indexOf(FRAME_END);
    }
    for (const wake of [...waiters]) wake();
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      for (const wake of [...waiters]) wake();
      resolve();
    }),
  );

  const frame = (wanted: (text: string) => boolean, after = 0, timeoutMs = 60_000): Promise<Frame> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no such frame within ${timeoutMs} ms; last:\n${frames.at(-1)?.text.slice(-2000)}`));
      }, timeoutMs);
      function check(): void {
        const hit = frames.find((f) => f.at > after && wanted(f.text));
        if (!hit && !exited) return;
        clearTimeout(timer);
        waiters.delete(check);
        if (hit) resolve(hit);
        else
          reject(
            new Error(
              `the program exited before drawing the frame; its last output:\n${pending.slice(-2000)}`,
            ),
          );
      }
      waiters.add(check);
      check();
    });

  return {
    startedAt,
    frame,
    async press(keys, wanted) {
      const at = performance.now();
      child.stdin.write(keys);
      const hit = await frame(wanted, at, 20_000);
      return {frame: hit, ms: hit.at - at};
    },
    last: () => frames.at(-1) ?? null,
    cpuMs: () => childCpuMs(child.pid),
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await exit;
    },
  };
}
