// The terminal around the console: the alternate screen on the way in, and the normal screen with
// the cursor shown again on every way out (quit, a signal, a crash, process exit). Only this
// module and start.tsx touch the process.

import type {EventEmitter} from 'node:events';

export const ENTER_ALT_SCREEN = '\x1b[?1049h';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
export const SHOW_CURSOR = '\x1b[?25h';
export const CLEAR_SCREEN = '\x1b[2J\x1b[H';

/** Exit codes for signals, as shells report them (128 + signal number). */
export const SIGNAL_EXIT: Readonly<Record<string, number>> = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129};

export const CRASH_EXIT = 70;

export interface ProcessLike extends EventEmitter {
  exit(code: number): void;
}

export interface TerminalGuard {
  /** Leaves the alternate screen; safe to call any number of times. */
  leave(): void;
  /** Leaves, and stops listening to the process. */
  dispose(): void;
}

export function guardTerminal(
  out: {write(text: string): unknown},
  proc: ProcessLike,
  report: (text: string) => void,
  options: {readonly alternateScreen: boolean} = {alternateScreen: true},
): TerminalGuard {
  let inside = true;
  if (options.alternateScreen) out.write(ENTER_ALT_SCREEN + CLEAR_SCREEN);
  const leave = () => {
    if (!inside) return;
    inside = false;
    if (options.alternateScreen) out.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  };
  const onSignal = (signal: string) => {
    leave();
    proc.exit(SIGNAL_EXIT[signal] ?? 1);
  };
  const onCrash = (error: unknown) => {
    leave();
    report(
      `pchat: the console stopped on an unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    proc.exit(CRASH_EXIT);
  };
  const listeners: [string, (error?: unknown) => void][] = [
    ...Object.keys(SIGNAL_EXIT).map((s): [string, () => void] => [s, () => onSignal(s)]),
    ['uncaughtException', onCrash],
    ['unhandledRejection', onCrash],
    ['exit', leave],
  ];
  for (const [event, listener] of listeners) proc.on(event, listener);
  return {
    leave,
    dispose() {
      leave();
      for (const [event, listener] of listeners) proc.off(event, listener);
    },
  };
}
