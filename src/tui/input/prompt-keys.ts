// Keys while the `:` command prompt or the `/` filter prompt is open. Inside the prompt printable
// keys are text and readline keys edit (Ctrl-U, Ctrl-W); nothing here changes data except Enter
// on a command line, which runs it through the session.

import {catalog} from '../../cmdlets/catalog.js';
import {complete} from '../completion.js';
import type {ConsoleController} from '../controller.js';
import {unknownCommandIn} from '../../lang/line-commands.js';
import {formatRun} from '../format-output.js';
import {ACTION_IDS, type ActionId} from '../keymap.js';
import {isPaneId, PANE_IDS} from '../panes/pane-id.js';
import {visibleRows} from '../state/rows.js';
import type {PromptState} from '../state/ui-state.js';
import type {KeyPress} from './key-name.js';

/** Words command mode understands besides cmdlet lines. */
const ALIASES: Readonly<Record<string, ActionId>> = {
  help: 'app.help',
  reload: 'app.reload',
  redraw: 'app.redraw',
  activity: 'app.activity',
};

export const CONSOLE_COMMANDS: readonly string[] = [
  'quit',
  'q',
  ...Object.keys(ALIASES),
  ...PANE_IDS,
  ...ACTION_IDS,
];

/** Nothing ran: the line did not parse or named no known command. */
const NOT_RUN = new Set(['ParserError', 'CommandNotFound', 'UnknownCmdlet']);

export function completionsFor(ctrl: ConsoleController, text: string): string[] {
  return complete(text, {catalog, state: ctrl.ui.chat, commands: CONSOLE_COMMANDS});
}

function setPrompt(ctrl: ConsoleController, prompt: PromptState | null): void {
  ctrl.dispatch({type: 'prompt', prompt});
  if (prompt?.kind === 'filter' || prompt === null) {
    const pane = ctrl.ui.pane;
    if (prompt) ctrl.dispatch({type: 'filter', pane, text: prompt.text});
    ctrl.dispatch({
      type: 'follow',
      ids: visibleRows(ctrl.ui, pane).map((r) => r.id),
      height: ctrl.listHeight(),
    });
  }
}

async function runCommandLine(ctrl: ConsoleController, line: string): Promise<void> {
  const run = await ctrl.run(line);
  if (!run) return;
  if (!run.ok && run.errors.every((e) => NOT_RUN.has(e.errorId)) && !run.committed) {
    // Keep the operator's text so the line can be fixed rather than retyped.
    ctrl.dispatch({type: 'prompt', prompt: {kind: 'command', text: line, historyIndex: null, choice: 0}});
    return;
  }
  const lines = formatRun(run);
  if (run.output.length > 0 || run.errors.length > 0 || run.warnings.length > 0 || lines.length > 1)
    ctrl.dispatch({type: 'pushView', view: {kind: 'result', title: line, lines, scroll: 0}});
}

function execute(ctrl: ConsoleController, text: string): void {
  const line = text.trim();
  const lower = line.toLowerCase();
  if (line === '') return setPrompt(ctrl, null);
  if (lower === 'q' || lower === 'quit') return ctrl.quit();
  const action = ALIASES[lower] ?? ACTION_IDS.find((id) => id.toLowerCase() === lower);
  if (isPaneId(lower) || action) {
    ctrl.dispatch({type: 'history', line});
    setPrompt(ctrl, null);
    if (isPaneId(lower)) {
      ctrl.dispatch({type: 'focusPane', pane: lower});
      ctrl.afterDataChange();
    } else if (action) ctrl.invoke(action);
    return;
  }
  const unknown = unknownCommandIn(line, catalog);
  if (unknown !== null) {
    ctrl.say(
      'error',
      `Unknown command "${unknown}": type a cmdlet line (Tab completes) or :help for the keys.`,
    );
    return;
  }
  ctrl.dispatch({type: 'history', line});
  ctrl.dispatch({type: 'prompt', prompt: null});
  void ctrl.track(runCommandLine(ctrl, line));
}

function browseHistory(ctrl: ConsoleController, prompt: PromptState, delta: -1 | 1): void {
  const history = ctrl.ui.history;
  if (history.length === 0) return;
  const at = prompt.historyIndex ?? history.length;
  const next = Math.max(0, Math.min(history.length, at + delta));
  const text = next === history.length ? '' : (history[next] ?? '');
  setPrompt(ctrl, {...prompt, text, historyIndex: next === history.length ? null : next, choice: 0});
}

export function handlePromptKey(ctrl: ConsoleController, press: KeyPress): void {
  const prompt = ctrl.ui.prompt;
  if (!prompt) return;
  const edit = (text: string) => setPrompt(ctrl, {...prompt, text, historyIndex: null, choice: 0});
  switch (press.name) {
    case 'esc':
    case 'ctrl-c':
      if (prompt.kind === 'filter') ctrl.dispatch({type: 'filter', pane: ctrl.ui.pane, text: ''});
      return setPrompt(ctrl, null);
    case 'enter':
      return prompt.kind === 'command' ? execute(ctrl, prompt.text) : setPrompt(ctrl, null);
    case 'backspace':
      return edit([...prompt.text].slice(0, -1).join(''));
    case 'ctrl-u':
      return edit('');
    case 'ctrl-w':
      return edit(prompt.text.replace(/\S+\s*$/u, ''));
    case 'up':
    case 'down':
      if (prompt.kind === 'command') browseHistory(ctrl, prompt, press.name === 'up' ? -1 : 1);
      return;
    case 'ctrl-n':
    case 'ctrl-p':
      return setPrompt(ctrl, {
        ...prompt,
        choice: Math.max(0, prompt.choice + (press.name === 'ctrl-n' ? 1 : -1)),
      });
    case 'tab':
    case 'right': {
      if (prompt.kind !== 'command') return;
      const candidates = completionsFor(ctrl, prompt.text);
      const pick = candidates[prompt.choice % Math.max(1, candidates.length)];
      if (pick) edit(pick);
      return;
    }
    default:
      if (press.text !== '') edit(prompt.text + press.text);
  }
}
