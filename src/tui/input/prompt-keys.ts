// Keys while the `:` command prompt or the `/` filter prompt is open. Inside the prompt printable
// keys are text and readline keys edit (Ctrl-U, Ctrl-W); nothing here changes data except Enter
// on a command line, which runs it through the session.

import {catalog} from '../../cmdlets/catalog.js';
import {complete} from '../completion.js';
import {confirmTypedLine} from '../confirmations.js';
import {highImpactPreview} from '../high-impact.js';
import type {ConsoleContext} from '../console-context.js';
import {unknownCommandIn} from '../../lang/line-commands.js';
import {formatRun} from '../format-output.js';
import {innerWidth} from '../layout.js';
import {ACTION_IDS, type ActionId} from '../keymap.js';
import {isPaneId, PANE_IDS} from '../panes/pane-id.js';
import {cursorIds, visibleRows} from '../state/rows.js';
import type {PromptState} from '../state/ui-state.js';
import {focusPane} from '../view-actions.js';
import {dialogHints, handleDialogKey, type DialogKeys} from './dialog-keys.js';
import type {KeyPress} from './key-name.js';

/** Words command mode understands besides cmdlet lines. */
const ALIASES: Readonly<Record<string, ActionId>> = {
  help: 'app.help',
  reload: 'app.reload',
  redraw: 'app.redraw',
  wizard: 'pool.wizard',
  failover: 'wizard.failover',
  failback: 'wizard.failback',
  swap: 'wizard.swap',
  export: 'pool.transfer',
  import: 'pool.transfer',
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

export function completionsFor(ctx: ConsoleContext, text: string): string[] {
  return complete(text, {catalog, state: ctx.ui.chat, commands: CONSOLE_COMMANDS});
}

function setPrompt(ctx: ConsoleContext, prompt: PromptState | null): void {
  ctx.dispatch({type: 'prompt', prompt});
  if (prompt?.kind === 'filter' || prompt === null) {
    const pane = ctx.ui.pane;
    if (prompt) ctx.dispatch({type: 'filter', pane, text: prompt.text});
    ctx.dispatch({
      type: 'follow',
      ids: cursorIds(visibleRows(ctx.ui, pane)),
      height: ctx.listHeight(),
    });
  }
}

async function runCommandLine(ctx: ConsoleContext, line: string): Promise<void> {
  const run = await ctx.run(line);
  if (!run) return;
  if (!run.ok && run.errors.every((e) => NOT_RUN.has(e.errorId)) && !run.committed) {
    // Keep the operator's text so the line can be fixed rather than retyped.
    ctx.dispatch({type: 'prompt', prompt: {kind: 'command', text: line, historyIndex: null, choice: 0}});
    return;
  }
  const lines = formatRun(run, innerWidth(ctx.ui.size));
  if (run.output.length > 0 || run.errors.length > 0 || run.warnings.length > 0 || lines.length > 1)
    ctx.dispatch({type: 'pushView', view: {kind: 'result', title: line, lines, scroll: 0}});
}

function execute(ctx: ConsoleContext, text: string): void {
  const line = text.trim();
  const lower = line.toLowerCase();
  if (line === '') return setPrompt(ctx, null);
  if (lower === 'q' || lower === 'quit') return ctx.quit();
  const action = ALIASES[lower] ?? ACTION_IDS.find((id) => id.toLowerCase() === lower);
  if (isPaneId(lower) || action) {
    ctx.dispatch({type: 'history', line});
    setPrompt(ctx, null);
    if (isPaneId(lower)) focusPane(ctx, lower);
    else if (action) ctx.invoke(action);
    return;
  }
  const unknown = unknownCommandIn(line, catalog);
  if (unknown !== null) {
    ctx.say(
      'error',
      `Unknown command "${unknown}": type a cmdlet line (Tab completes) or :help for the keys.`,
    );
    return;
  }
  ctx.dispatch({type: 'history', line});
  ctx.dispatch({type: 'prompt', prompt: null});
  const preview = highImpactPreview(line);
  if (preview !== null) void ctx.track(confirmTypedLine(ctx, line, preview));
  else void ctx.track(runCommandLine(ctx, line));
}

function browseHistory(ctx: ConsoleContext, prompt: PromptState, delta: -1 | 1): void {
  const history = ctx.ui.history;
  if (history.length === 0) return;
  const at = prompt.historyIndex ?? history.length;
  const next = Math.max(0, Math.min(history.length, at + delta));
  const text = next === history.length ? '' : (history[next] ?? '');
  setPrompt(ctx, {...prompt, text, historyIndex: next === history.length ? null : next, choice: 0});
}

const edit = (ctx: ConsoleContext, prompt: PromptState, text: string) =>
  setPrompt(ctx, {...prompt, text, historyIndex: null, choice: 0});

/** Readline editing, in both prompts. */
const EDITING: DialogKeys<PromptState>['keys'] = [
  {keys: ['backspace'], run: (ctx, p) => edit(ctx, p, [...p.text].slice(0, -1).join(''))},
  {keys: ['ctrl-u'], run: (ctx, p) => edit(ctx, p, '')},
  {keys: ['ctrl-w'], run: (ctx, p) => edit(ctx, p, p.text.replace(/\S+\s*$/u, ''))},
];

const typing = {
  run(ctx: ConsoleContext, prompt: PromptState, press: KeyPress) {
    if (press.text !== '') edit(ctx, prompt, prompt.text + press.text);
  },
};

export const COMMAND_KEYS: DialogKeys<PromptState> = {
  keys: [
    {keys: ['enter'], hint: {keys: 'Enter', label: 'run'}, run: (ctx, p) => execute(ctx, p.text)},
    {
      keys: ['tab', 'right'],
      hint: {keys: 'Tab', label: 'complete'},
      run(ctx, prompt) {
        const candidates = completionsFor(ctx, prompt.text);
        const pick = candidates[prompt.choice % Math.max(1, candidates.length)];
        if (pick) edit(ctx, prompt, pick);
      },
    },
    {
      keys: ['ctrl-n', 'ctrl-p'],
      hint: {keys: 'Ctrl-N/P', label: 'other match'},
      run: (ctx, prompt, press) =>
        setPrompt(ctx, {...prompt, choice: Math.max(0, prompt.choice + (press.name === 'ctrl-n' ? 1 : -1))}),
    },
    {
      keys: ['up', 'down'],
      hint: {keys: '↑↓', label: 'history'},
      run: (ctx, prompt, press) => browseHistory(ctx, prompt, press.name === 'up' ? -1 : 1),
    },
    {
      keys: ['ctrl-r'],
      hint: {keys: 'Ctrl-R', label: 'search history'},
      run: (ctx, prompt) => search(ctx, prompt.text, '', ctx.ui.history.length),
    },
    {keys: ['esc', 'ctrl-c'], hint: {keys: 'Esc', label: 'cancel'}, run: (ctx) => setPrompt(ctx, null)},
    ...EDITING,
  ],
  typing,
};

/** The newest history line before `before` that holds `query` (any case), or null. */
export function findInHistory(history: readonly string[], query: string, before: number): number | null {
  const wanted = query.toLowerCase();
  for (let i = Math.min(before, history.length) - 1; i >= 0; i -= 1)
    if (history[i]!.toLowerCase().includes(wanted)) return i;
  return null;
}

function search(ctx: ConsoleContext, draft: string, query: string, before: number): void {
  const found = findInHistory(ctx.ui.history, query, before);
  setPrompt(ctx, {kind: 'search', text: query, historyIndex: found, choice: 0, draft});
}

const backToCommand = (ctx: ConsoleContext, text: string): void =>
  setPrompt(ctx, {kind: 'command', text, historyIndex: null, choice: 0});

const foundLine = (ctx: ConsoleContext, prompt: PromptState): string | null =>
  prompt.historyIndex === null ? null : (ctx.ui.history[prompt.historyIndex] ?? null);

// Enter takes the found line into the command line rather than running it: at a failover, a line
// recalled by a few letters is read before it runs.
export const SEARCH_KEYS: DialogKeys<PromptState> = {
  keys: [
    {
      keys: ['enter', 'tab', 'right'],
      hint: {keys: 'Enter', label: 'use'},
      run: (ctx, p) => backToCommand(ctx, foundLine(ctx, p) ?? p.draft ?? ''),
    },
    {
      keys: ['ctrl-r'],
      hint: {keys: 'Ctrl-R', label: 'older'},
      run(ctx, p) {
        if (p.historyIndex === null) return;
        // No older match: stay on the one found.
        const older = findInHistory(ctx.ui.history, p.text, p.historyIndex);
        if (older !== null) setPrompt(ctx, {...p, historyIndex: older});
      },
    },
    {
      keys: ['esc', 'ctrl-c', 'ctrl-g'],
      hint: {keys: 'Esc', label: 'cancel'},
      run: (ctx, p) => backToCommand(ctx, p.draft ?? ''),
    },
    {
      keys: ['backspace'],
      run: (ctx, p) => search(ctx, p.draft ?? '', [...p.text].slice(0, -1).join(''), ctx.ui.history.length),
    },
  ],
  typing: {
    hint: 'type to search',
    run(ctx, prompt, press) {
      if (press.text !== '') search(ctx, prompt.draft ?? '', prompt.text + press.text, ctx.ui.history.length);
    },
  },
};

export const FILTER_KEYS: DialogKeys<PromptState> = {
  keys: [
    {keys: ['enter'], hint: {keys: 'Enter', label: 'keep'}, run: (ctx) => setPrompt(ctx, null)},
    {
      keys: ['esc', 'ctrl-c'],
      hint: {keys: 'Esc', label: 'clear'},
      run(ctx) {
        ctx.dispatch({type: 'filter', pane: ctx.ui.pane, text: ''});
        setPrompt(ctx, null);
      },
    },
    ...EDITING,
  ],
  typing: {...typing, hint: 'type to filter'},
};

const promptKeys = (prompt: PromptState) =>
  prompt.kind === 'command' ? COMMAND_KEYS : prompt.kind === 'search' ? SEARCH_KEYS : FILTER_KEYS;

export function handlePromptKey(ctx: ConsoleContext, press: KeyPress): void {
  const prompt = ctx.ui.prompt;
  if (prompt) handleDialogKey(promptKeys(prompt), ctx, prompt, press);
}

/** The footer hints of the open prompt, from its key table. */
export const promptHints = (prompt: PromptState | null): string | null =>
  prompt ? dialogHints(promptKeys(prompt)) : null;
