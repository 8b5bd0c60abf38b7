// Actions that move around and change only what is on screen: never data. Each is declared once,
// with its binding and its handler.

import type {ActionSpec} from './action.js';
import type {ConsoleContext} from './console-context.js';
import {innerWidth} from './layout.js';
import {PANES} from './panes/index.js';
import {PANE_IDS, PANE_KEYS, PANE_TITLES, type PaneId} from './panes/pane-id.js';
import {cursorIds, paneRows, prepareFilter, prepareLongList, visibleRows} from './state/rows.js';
import {topView} from './state/ui-state.js';
import type {Move} from './table/list-window.js';
import {loadDetailExtra} from './side-loads.js';
import {makeTheme} from './theme.js';
import {viewTextLines} from './views/text-lines.js';

const COUNTING_THEME = makeTheme({ascii: false, color: false});

/** Lines the detail or result view on top has, for scrolling. */
export function viewLineCount(ctx: ConsoleContext): number {
  const ui = ctx.ui;
  return viewTextLines(ui, topView(ui), COUNTING_THEME, innerWidth(ui.size)).length;
}

const moveBy = (m: Move) => (ctx: ConsoleContext) => {
  const view = topView(ctx.ui);
  if (view.kind === 'list') {
    ctx.dispatch({type: 'cursorMove', move: m, ids: cursorIds(ctx.rows()), height: ctx.listHeight()});
  } else {
    ctx.dispatch({type: 'scroll', move: m, lines: viewLineCount(ctx), height: ctx.textHeight()});
  }
};

const nav = <I extends string>(id: I, keys: readonly string[], label: string, description: string, m: Move) =>
  ({id, keys, label, description, scope: 'view', tier: 0, onScreen: false, run: moveBy(m)}) as const;

export function focusPane(ctx: ConsoleContext, pane: PaneId): void {
  ctx.dispatch({type: 'focusPane', pane});
  ctx.afterDataChange();
  prepareLongList(paneRows(ctx.ui, pane));
}

/** pane.1 ... pane.11, in Tab order, on the pane's key. */
const JUMPS = PANE_IDS.map((pane, i): ActionSpec & {readonly id: `pane.${number}`} => ({
  id: `pane.${i + 1}`,
  keys: [PANE_KEYS[pane]],
  label: PANE_TITLES[pane].toLowerCase(),
  description:
    pane === 'activity'
      ? 'Show the Activity pane: the audit log of every change.'
      : `Show the ${PANE_TITLES[pane]} pane.`,
  scope: 'global',
  tier: 0,
  onScreen: false,
  run: (ctx) => focusPane(ctx, pane),
}));

const cycle = (delta: 1 | -1) => (ctx: ConsoleContext) => {
  const at = PANE_IDS.indexOf(ctx.ui.pane);
  const pane = PANE_IDS[(at + delta + PANE_IDS.length) % PANE_IDS.length];
  if (pane) focusPane(ctx, pane);
};

const REDRAWN = 'Screen redrawn.';

export const VIEW_ACTIONS = [
  {
    id: 'app.quit',
    keys: ['q'],
    label: 'quit',
    description: 'Quit the console.',
    scope: 'global',
    tier: 0,
    onScreen: true,
    run: (ctx) => ctx.quit(),
  },
  {
    id: 'app.interrupt',
    keys: ['ctrl-c'],
    label: 'quit',
    description: 'Close the dialog or prompt; at the top level, quit.',
    scope: 'global',
    tier: 0,
    onScreen: false,
    run: (ctx) => ctx.quit(),
  },
  {
    id: 'app.help',
    keys: ['?'],
    label: 'help',
    description: 'Show the keys of this view.',
    scope: 'global',
    tier: 0,
    onScreen: true,
    run: (ctx) => ctx.dispatch({type: 'overlay', overlay: {kind: 'help', scroll: 0}}),
  },
  {
    id: 'app.command',
    keys: [':'],
    label: 'cmd',
    description: 'Run a cmdlet line (command mode).',
    scope: 'global',
    tier: 0,
    onScreen: true,
    run: (ctx) =>
      ctx.dispatch({type: 'prompt', prompt: {kind: 'command', text: '', historyIndex: null, choice: 0}}),
  },
  {
    id: 'app.reload',
    keys: ['R', 'ctrl-r'],
    label: 'reload',
    description: 'Reload the data from the store.',
    scope: 'global',
    tier: 0,
    onScreen: false,
    run: (ctx) => void ctx.reload(),
  },
  {
    id: 'app.redraw',
    keys: ['ctrl-l'],
    label: 'redraw',
    description: 'Redraw the whole screen.',
    scope: 'global',
    tier: 0,
    onScreen: false,
    run(ctx) {
      ctx.redraw();
      ctx.dispatch({type: 'redraw'});
      // Ink writes only a frame that differs from the last one: a changed message line makes the
      // repaint happen after the screen was cleared.
      if (ctx.ui.message?.text === REDRAWN) ctx.dispatch({type: 'message', message: null});
      else ctx.say('info', REDRAWN);
    },
  },
  {
    id: 'pane.next',
    keys: ['tab'],
    label: 'next pane',
    description: 'Show the next pane.',
    scope: 'global',
    tier: 0,
    onScreen: false,
    run: cycle(1),
  },
  {
    id: 'pane.prev',
    keys: ['shift-tab'],
    label: 'prev pane',
    description: 'Show the previous pane.',
    scope: 'global',
    tier: 0,
    onScreen: false,
    run: cycle(-1),
  },
  ...JUMPS,
  {
    id: 'view.back',
    keys: ['esc'],
    label: 'back',
    description: 'Go back one level; never changes data.',
    scope: 'global',
    tier: 0,
    onScreen: false,
    run(ctx) {
      const ui = ctx.ui;
      if (ui.stack.length > 1) return ctx.dispatch({type: 'popView'});
      if (ui.lists[ui.pane].filter !== '') {
        ctx.dispatch({type: 'filter', pane: ui.pane, text: ''});
        ctx.dispatch({
          type: 'follow',
          ids: cursorIds(visibleRows(ctx.ui, ui.pane)),
          height: ctx.listHeight(),
        });
      }
    },
  },
  nav('cursor.up', ['up', 'k'], 'up', 'Move up one row.', 'up'),
  nav('cursor.down', ['down', 'j'], 'down', 'Move down one row.', 'down'),
  nav('cursor.pageUp', ['pgup'], 'page up', 'Move up one page.', 'pageUp'),
  nav('cursor.pageDown', ['pgdn'], 'page down', 'Move down one page.', 'pageDown'),
  nav('cursor.halfUp', ['ctrl-u'], 'half up', 'Move up half a page.', 'halfUp'),
  nav('cursor.halfDown', ['ctrl-d'], 'half down', 'Move down half a page.', 'halfDown'),
  nav('cursor.first', ['home', 'g'], 'first', 'Go to the first row.', 'first'),
  nav('cursor.last', ['end', 'G'], 'last', 'Go to the last row.', 'last'),
  {
    id: 'value.copy',
    keys: ['y'],
    label: 'copy',
    description: 'Copy the selected identity to the clipboard (OSC 52).',
    scope: 'view',
    tier: 0,
    onScreen: false,
    run(ctx) {
      const view = topView(ctx.ui);
      const text = view.kind === 'result' ? view.title : ctx.current();
      if (text) ctx.copy(text);
      else ctx.say('warn', 'Nothing selected to copy.');
    },
  },
  {
    id: 'list.open',
    keys: ['enter'],
    label: 'open',
    description: 'Open the selected row.',
    scope: 'list',
    tier: 0,
    onScreen: true,
    disabledReason: (ctx) => (ctx.current() === null ? `No ${PANES[ctx.ui.pane].noun} selected.` : null),
    run(ctx) {
      const id = ctx.current();
      if (id === null || !PANES[ctx.ui.pane].detail) return;
      ctx.dispatch({type: 'pushView', view: {kind: 'detail', pane: ctx.ui.pane, id, scroll: 0, extra: null}});
      void ctx.track(loadDetailExtra(ctx, ctx.ui.pane, id));
    },
  },
  {
    id: 'list.filter',
    keys: ['/'],
    label: 'filter',
    description: 'Filter the list as you type; Enter keeps, Esc clears.',
    scope: 'list',
    tier: 0,
    onScreen: true,
    disabledReason: (ctx) => (topView(ctx.ui).kind === 'list' ? null : 'Only in a list.'),
    run(ctx) {
      ctx.dispatch({
        type: 'prompt',
        prompt: {kind: 'filter', text: ctx.ui.lists[ctx.ui.pane].filter, historyIndex: null, choice: 0},
      });
      prepareFilter(paneRows(ctx.ui, ctx.ui.pane));
    },
  },
  {
    id: 'mark.toggle',
    keys: ['space'],
    label: 'mark',
    description: 'Mark or unmark the selected row.',
    scope: 'list',
    tier: 0,
    onScreen: false,
    disabledReason: (ctx) => (ctx.current() === null ? 'Nothing to mark.' : null),
    run(ctx) {
      const id = ctx.current();
      if (id === null) return;
      const marks = ctx.ui.lists[ctx.ui.pane].marks;
      ctx.dispatch({
        type: 'marks',
        pane: ctx.ui.pane,
        marks: marks.includes(id) ? marks.filter((m) => m !== id) : [...marks, id],
      });
      ctx.dispatch({
        type: 'cursorMove',
        move: 'down',
        ids: cursorIds(ctx.rows()),
        height: ctx.listHeight(),
      });
    },
  },
  {
    id: 'mark.all',
    keys: ['v'],
    label: 'mark all',
    description: 'Mark every visible row.',
    scope: 'list',
    tier: 0,
    onScreen: false,
    run: (ctx) => ctx.dispatch({type: 'marks', pane: ctx.ui.pane, marks: ctx.rows().map((r) => r.id)}),
  },
  {
    id: 'mark.clear',
    keys: ['U'],
    label: 'unmark',
    description: 'Clear all marks.',
    scope: 'list',
    tier: 0,
    onScreen: false,
    run: (ctx) => ctx.dispatch({type: 'marks', pane: ctx.ui.pane, marks: []}),
  },
] as const satisfies readonly ActionSpec[];
