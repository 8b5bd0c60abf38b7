// Actions that move around and change only what is on screen: never data.

import type {Action} from './action.js';
import type {ConsoleController} from './controller.js';
import {PANES} from './panes/index.js';
import {PANE_IDS, type PaneId} from './panes/pane-id.js';
import {visibleRows} from './state/rows.js';
import {topView} from './state/ui-state.js';
import type {Move} from './table/list-window.js';
import {loadDetailExtra} from './side-loads.js';
import {helpLines} from './help-content.js';
import {viewTextLines} from './views/text-lines.js';
import {innerWidth} from './layout.js';
import {makeTheme} from './theme.js';

/** Lines the detail or result view on top has, for scrolling. */
export function viewLineCount(ctrl: ConsoleController): number {
  const ui = ctrl.ui;
  return viewTextLines(ui, topView(ui), COUNTING_THEME, innerWidth(ui.size)).length;
}

const COUNTING_THEME = makeTheme({ascii: false, color: false});

const move = (m: Move): Action => ({
  run(ctrl) {
    const view = topView(ctrl.ui);
    if (view.kind === 'list') {
      ctrl.dispatch({
        type: 'cursorMove',
        move: m,
        ids: ctrl.rows().map((r) => r.id),
        height: ctrl.listHeight(),
      });
    } else {
      ctrl.dispatch({type: 'scroll', move: m, lines: viewLineCount(ctrl), height: ctrl.textHeight()});
    }
  },
});

export function focusPane(ctrl: ConsoleController, pane: PaneId): void {
  ctrl.dispatch({type: 'focusPane', pane});
  ctrl.afterDataChange();
}

const jump = (n: number): Action => ({
  run(ctrl) {
    const pane = PANE_IDS[n - 1];
    if (pane) focusPane(ctrl, pane);
  },
});

const cycle = (delta: 1 | -1): Action => ({
  run(ctrl) {
    const at = PANE_IDS.indexOf(ctrl.ui.pane);
    const pane = PANE_IDS[(at + delta + PANE_IDS.length) % PANE_IDS.length];
    if (pane) focusPane(ctrl, pane);
  },
});

const REDRAWN = 'Screen redrawn.';

const listOnly = (ctrl: ConsoleController): string | null =>
  topView(ctrl.ui).kind === 'list' ? null : 'Only in a list.';

export const viewActions = {
  'cursor.up': move('up'),
  'cursor.down': move('down'),
  'cursor.pageUp': move('pageUp'),
  'cursor.pageDown': move('pageDown'),
  'cursor.halfUp': move('halfUp'),
  'cursor.halfDown': move('halfDown'),
  'cursor.first': move('first'),
  'cursor.last': move('last'),
  'pane.next': cycle(1),
  'pane.prev': cycle(-1),
  'pane.1': jump(1),
  'pane.2': jump(2),
  'pane.3': jump(3),
  'pane.4': jump(4),
  'pane.5': jump(5),
  'pane.6': jump(6),
  'pane.7': jump(7),
  'pane.8': jump(8),
  'pane.9': jump(9),
  'app.activity': {run: (ctrl) => focusPane(ctrl, 'activity')},
  'view.back': {
    run(ctrl) {
      const ui = ctrl.ui;
      if (ui.stack.length > 1) return ctrl.dispatch({type: 'popView'});
      if (ui.lists[ui.pane].filter !== '') {
        ctrl.dispatch({type: 'filter', pane: ui.pane, text: ''});
        ctrl.dispatch({
          type: 'follow',
          ids: visibleRows(ctrl.ui, ui.pane).map((r) => r.id),
          height: ctrl.listHeight(),
        });
      }
    },
  },
  'list.open': {
    disabledReason: (ctrl) => (ctrl.current() === null ? `No ${PANES[ctrl.ui.pane].noun} selected.` : null),
    run(ctrl) {
      const id = ctrl.current();
      if (id === null || !PANES[ctrl.ui.pane].detail) return;
      ctrl.dispatch({
        type: 'pushView',
        view: {kind: 'detail', pane: ctrl.ui.pane, id, scroll: 0, extra: null},
      });
      void ctrl.track(loadDetailExtra(ctrl, ctrl.ui.pane, id));
    },
  },
  'list.filter': {
    disabledReason: listOnly,
    run: (ctrl) =>
      ctrl.dispatch({
        type: 'prompt',
        prompt: {kind: 'filter', text: ctrl.ui.lists[ctrl.ui.pane].filter, historyIndex: null, choice: 0},
      }),
  },
  'mark.toggle': {
    disabledReason: (ctrl) => (ctrl.current() === null ? 'Nothing to mark.' : null),
    run(ctrl) {
      const id = ctrl.current();
      if (id === null) return;
      const marks = ctrl.ui.lists[ctrl.ui.pane].marks;
      ctrl.dispatch({
        type: 'marks',
        pane: ctrl.ui.pane,
        marks: marks.includes(id) ? marks.filter((m) => m !== id) : [...marks, id],
      });
      ctrl.dispatch({
        type: 'cursorMove',
        move: 'down',
        ids: ctrl.rows().map((r) => r.id),
        height: ctrl.listHeight(),
      });
    },
  },
  'mark.all': {
    run: (ctrl) => ctrl.dispatch({type: 'marks', pane: ctrl.ui.pane, marks: ctrl.rows().map((r) => r.id)}),
  },
  'mark.clear': {run: (ctrl) => ctrl.dispatch({type: 'marks', pane: ctrl.ui.pane, marks: []})},
  'value.copy': {
    run(ctrl) {
      const view = topView(ctrl.ui);
      const text = view.kind === 'result' ? view.title : ctrl.current();
      if (text) ctrl.copy(text);
      else ctrl.say('warn', 'Nothing selected to copy.');
    },
  },
  'app.quit': {run: (ctrl) => ctrl.quit()},
  'app.interrupt': {run: (ctrl) => ctrl.quit()},
  'app.help': {run: (ctrl) => ctrl.dispatch({type: 'overlay', overlay: {kind: 'help', scroll: 0}})},
  'app.command': {
    run: (ctrl) =>
      ctrl.dispatch({type: 'prompt', prompt: {kind: 'command', text: '', historyIndex: null, choice: 0}}),
  },
  'app.reload': {run: (ctrl) => void ctrl.reload()},
  'app.redraw': {
    run(ctrl) {
      ctrl.env.redraw();
      ctrl.dispatch({type: 'redraw'});
      // Ink writes only a frame that differs from the last one: a changed message line makes the
      // repaint happen after the screen was cleared.
      if (ctrl.ui.message?.text === REDRAWN) ctrl.dispatch({type: 'message', message: null});
      else ctrl.say('info', REDRAWN);
    },
  },
} satisfies Record<string, Action>;

export const helpLineCount = (ctrl: ConsoleController): number => {
  const view = topView(ctrl.ui);
  return helpLines(ctrl.env.keymap, {kind: view.kind, pane: view.kind === 'result' ? null : view.pane})
    .length;
};
