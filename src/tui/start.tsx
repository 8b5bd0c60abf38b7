// The console's entry point. Importing this module does nothing; startConsole switches to the
// alternate screen, renders, and restores the terminal on every way out: quit, Ctrl-C, a crash,
// SIGTERM/SIGHUP/SIGINT.

import type {ConsoleAsker} from './console-ask.js';
import {configDir, loadKeymap} from './keys-config.js';
import {consoleLog} from './console-log.js';
import {openHistory, stateDir} from './command-history.js';
import type {PaneId} from './panes/pane-id.js';
import type {ConsoleDrills, ConsoleSession, ConsoleTransfers} from './session-port.js';
import {CLEAR_SCREEN, guardTerminal} from './terminal.js';
import {colorWanted, isDumbTerminal, localeIsUtf8} from './theme.js';
import {frameTrace} from './frame-trace.js';
import {yogaReady} from './yoga-ready.js';

export interface ConsoleOptions {
  /** Open it with `ask: asker.ask` so cmdlet confirmations become dialogs. */
  readonly session: ConsoleSession;
  readonly asker: ConsoleAsker;
  readonly drills?: ConsoleDrills;
  readonly transfers?: ConsoleTransfers;
  readonly view?: PaneId;
  readonly filter?: string;
  /** Default: on when the locale is not UTF-8. */
  readonly ascii?: boolean;
  readonly noColor?: boolean;
}

export async function startConsole(options: ConsoleOptions): Promise<number> {
  const env = process.env;
  const dumb = isDumbTerminal(env);
  const color = !options.noColor && !dumb && colorWanted(env);
  // chalk decides its colour level when it is first imported: set it before Ink loads.
  if (!color) env['FORCE_COLOR'] = '0';
  // React picks its build when it is first imported: the development build checks every render and
  // takes several times as long per frame (issue 12: keypress to frame on L). An explicit NODE_ENV wins.
  env['NODE_ENV'] ??= 'production';
  const [{render}, {App}, React] = await Promise.all([
    import('ink'),
    import('./App.js'),
    import('react'),
    yogaReady(),
  ]);
  const dir = configDir(env);
  const {keymap, warnings: keyWarnings} = loadKeymap(dir);
  const history = openHistory(stateDir(env));
  const warnings = history.warning ? [...keyWarnings, history.warning] : keyWarnings;
  const stdout = process.stdout;
  const trace = frameTrace(env);
  trace?.watchWrites(stdout);
  const guard = guardTerminal(stdout, process, (text) => process.stderr.write(text), {
    alternateScreen: !dumb,
  });
  try {
    let clear = () => undefined as void;
    const instance = render(
      React.createElement(App, {
        session: options.session,
        asker: options.asker,
        ...(options.drills ? {drills: options.drills} : {}),
        ...(options.transfers ? {transfers: options.transfers} : {}),
        keymap,
        startupWarnings: warnings,
        history,
        view: options.view,
        filter: options.filter,
        ascii: options.ascii ?? (dumb || !localeIsUtf8(env)),
        color,
        writeRaw: (sequence: string) => stdout.write(sequence),
        env,
        log: consoleLog(dir),
        onRedraw: () => clear(),
        trace,
      }),
      // Not Ink's incrementalRendering (only changed lines written): a cursor key would write 422-585
      // bytes instead of the whole frame's 4,855 (issue 12: P3-commits), but Ink 6.8's incremental
      // writer moves up one line too few from below a frame that ends in a newline, as every frame
      // shorter than the terminal does (ours is rows - 1 high), so each changed line was drawn one row
      // low: the header twice, the footer over the pane's bottom border (tmux, 120x35).
      {
        exitOnCtrlC: false,
        patchConsole: true,
        ...(trace ? {onRender: ({renderTime}: {renderTime: number}) => trace.composed(renderTime)} : {}),
      },
    );
    clear = () => {
      instance.clear();
      if (!dumb) stdout.write(CLEAR_SCREEN);
    };
    await instance.waitUntilExit();
    return 0;
  } catch (error) {
    guard.leave();
    process.stderr.write(`pchat: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    trace?.close();
    guard.dispose();
  }
}
export {ConsoleAsker} from './console-ask.js';
