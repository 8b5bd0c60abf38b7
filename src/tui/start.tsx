// The console's entry point. Importing this module does nothing; startConsole switches to the
// alternate screen, renders, and restores the terminal on every way out: quit, Ctrl-C, a crash,
// SIGTERM/SIGHUP/SIGINT.

import {configDir, loadKeymap} from './keys-config.js';
import type {PaneId} from './panes/pane-id.js';
import type {ConsoleSession} from './session-port.js';
import {colorWanted, localeIsUtf8} from './theme.js';

export interface ConsoleOptions {
  readonly session: ConsoleSession;
  readonly view?: PaneId;
  readonly filter?: string;
  /** Default: on when the locale is not UTF-8. */
  readonly ascii?: boolean;
  readonly noColor?: boolean;
}

const ENTER_ALT_SCREEN = '\x1b[?1049h';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const CLEAR = '\x1b[2J\x1b[H';

/** Leaves the alternate screen once, however many exit paths call it. */
function terminalGuard(stdout: NodeJS.WriteStream): {enter(): void; leave(): void} {
  let inside = false;
  return {
    enter() {
      stdout.write(ENTER_ALT_SCREEN + CLEAR);
      inside = true;
    },
    leave() {
      if (!inside) return;
      inside = false;
      stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
    },
  };
}

const SIGNAL_CODES: Readonly<Record<string, number>> = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129};

export async function startConsole(options: ConsoleOptions): Promise<number> {
  const env = process.env;
  const color = !options.noColor && colorWanted(env);
  // chalk decides its colour level when it is first imported: set it before Ink loads.
  if (!color) env['FORCE_COLOR'] = '0';
  const [{render}, {App}, React] = await Promise.all([import('ink'), import('./App.js'), import('react')]);
  const {keymap, warnings} = loadKeymap(configDir(env));
  const stdout = process.stdout;
  const guard = terminalGuard(stdout);
  let exitCode = 0;

  const onSignal = (signal: NodeJS.Signals) => {
    guard.leave();
    process.exit(SIGNAL_CODES[signal] ?? 1);
  };
  const onCrash = (error: unknown) => {
    guard.leave();
    process.stderr.write(`pchat: the console stopped on an unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(70);
  };
  const onExit = () => guard.leave();
  for (const signal of Object.keys(SIGNAL_CODES)) process.on(signal, onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', onExit);

  guard.enter();
  try {
    let clear = () => undefined as void;
    const instance = render(
      React.createElement(App, {
        session: options.session,
        keymap,
        startupWarnings: warnings,
        view: options.view,
        filter: options.filter,
        ascii: options.ascii ?? !localeIsUtf8(env),
        color,
        writeRaw: (sequence: string) => stdout.write(sequence),
        env,
        onRedraw: () => clear(),
      }),
      {exitOnCtrlC: false, patchConsole: true},
    );
    clear = () => {
      instance.clear();
      stdout.write(CLEAR);
    };
    await instance.waitUntilExit();
  } catch (error) {
    exitCode = 1;
    guard.leave();
    process.stderr.write(`pchat: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    guard.leave();
    for (const signal of Object.keys(SIGNAL_CODES)) process.off(signal, onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    process.off('exit', onExit);
  }
  return exitCode;
}
