// The one reducer: every UI change is one of these events. Handlers compute the new pieces with
// pure helpers (list-window, form-state, active-editor) and dispatch them here.

import type {ChatState} from '../../domain/types.js';
import type {PaneId} from '../panes/pane-id.js';
import type {AuditRow, DrillRow} from '../panes/pane.js';
import {cursorIndex, moveIndex, windowTop, type Ids, type Move} from '../table/list-window.js';
import type {DetailExtra, ListState, Message, Overlay, PromptState, Size, UiState, View} from './ui-state.js';
import {topView} from './ui-state.js';

export type UiEvent =
  | {readonly type: 'resize'; readonly size: Size}
  | {readonly type: 'chatLoaded'; readonly chat: ChatState; readonly now: number}
  | {readonly type: 'auditLoaded'; readonly rows: readonly AuditRow[]; readonly revision: number}
  | {readonly type: 'drillsLoaded'; readonly rows: readonly DrillRow[]}
  | {readonly type: 'focusPane'; readonly pane: PaneId}
  | {
      readonly type: 'cursorMove';
      readonly move: Move;
      readonly ids: Ids;
      readonly height: number;
    }
  | {readonly type: 'cursorTo'; readonly pane: PaneId; readonly id: string}
  | {readonly type: 'follow'; readonly ids: Ids; readonly height: number}
  | {readonly type: 'scroll'; readonly move: Move; readonly lines: number; readonly height: number}
  | {readonly type: 'pushView'; readonly view: View}
  | {readonly type: 'popView'}
  | {readonly type: 'detailExtra'; readonly id: string; readonly extra: DetailExtra}
  | {readonly type: 'filter'; readonly pane: PaneId; readonly text: string}
  | {readonly type: 'marks'; readonly pane: PaneId; readonly marks: readonly string[]}
  | {readonly type: 'prompt'; readonly prompt: PromptState | null}
  | {readonly type: 'overlay'; readonly overlay: Overlay}
  | {readonly type: 'message'; readonly message: Message | null}
  | {readonly type: 'busy'; readonly delta: 1 | -1}
  | {readonly type: 'history'; readonly line: string}
  | {readonly type: 'redraw'}
  | {readonly type: 'quit'};

export const HISTORY_LIMIT = 200;

const withList = (ui: UiState, pane: PaneId, change: (list: ListState) => ListState): UiState => {
  const before = ui.lists[pane];
  const after = change(before);
  return after === before ? ui : {...ui, lists: {...ui.lists, [pane]: after}};
};

/** Moves the cursor of the focused list and keeps it inside the window. */
function cursorMove(list: ListState, move: Move, ids: Ids, height: number): ListState {
  const index = cursorIndex(ids, list.cursorId, list.lastIndex);
  const next = moveIndex(index, move, ids.length, height);
  if (next < 0) return list;
  return {
    ...list,
    cursorId: ids.at(next) ?? null,
    lastIndex: next,
    top: windowTop(next, list.top, height, ids.length),
  };
}

/** After data or filter changes: keep the same row (by id) under the cursor and in the window. */
function follow(list: ListState, ids: Ids, height: number): ListState {
  const index = cursorIndex(ids, list.cursorId, list.lastIndex);
  const cursorId = index < 0 ? list.cursorId : (ids.at(index) ?? null);
  const top = windowTop(Math.max(0, index), list.top, height, ids.length);
  if (cursorId === list.cursorId && top === list.top && index === list.lastIndex) return list;
  return {...list, cursorId, top, lastIndex: Math.max(0, index)};
}

function scrollTop(ui: UiState, move: Move, lines: number, height: number): UiState {
  const view = topView(ui);
  const maxTop = Math.max(0, lines - height);
  const apply = (scroll: number) =>
    Math.max(0, Math.min(maxTop, moveIndex(scroll, move, maxTop + 1, height)));
  if (ui.overlay.kind === 'help') return {...ui, overlay: {...ui.overlay, scroll: apply(ui.overlay.scroll)}};
  if (ui.overlay.kind !== 'none') return {...ui, dialogScroll: apply(ui.dialogScroll)};
  if (view.kind === 'list') return ui;
  return {...ui, stack: [...ui.stack.slice(0, -1), {...view, scroll: apply(view.scroll)}]};
}

export function reduce(ui: UiState, event: UiEvent): UiState {
  switch (event.type) {
    case 'resize':
      return {...ui, size: event.size};
    case 'chatLoaded':
      return event.chat === ui.chat ? ui : {...ui, chat: event.chat, loadedAt: event.now};
    case 'auditLoaded':
      return {...ui, audit: event.rows, auditRevision: event.revision};
    case 'drillsLoaded':
      return {...ui, drills: event.rows};
    case 'focusPane':
      return event.pane === ui.pane && ui.stack.length === 1
        ? ui
        : {...ui, pane: event.pane, stack: [{kind: 'list', pane: event.pane}]};
    case 'cursorMove':
      return withList(ui, ui.pane, (l) => cursorMove(l, event.move, event.ids, event.height));
    case 'cursorTo':
      return withList(ui, event.pane, (l) => ({...l, cursorId: event.id}));
    case 'follow':
      return withList(ui, ui.pane, (l) => follow(l, event.ids, event.height));
    case 'scroll':
      return scrollTop(ui, event.move, event.lines, event.height);
    case 'pushView':
      return {...ui, stack: [...ui.stack, event.view]};
    case 'popView':
      return ui.stack.length <= 1 ? ui : {...ui, stack: ui.stack.slice(0, -1)};
    case 'detailExtra':
      return {
        ...ui,
        stack: ui.stack.map((v) =>
          v.kind === 'detail' && v.id === event.id ? {...v, extra: event.extra} : v,
        ),
      };
    case 'filter':
      return withList(ui, event.pane, (l) =>
        l.filter === event.text ? l : {...l, filter: event.text, top: 0},
      );
    case 'marks':
      return withList(ui, event.pane, (l) => ({...l, marks: event.marks}));
    case 'prompt':
      return {...ui, prompt: event.prompt};
    case 'overlay':
      return {
        ...ui,
        overlay: event.overlay,
        dialogScroll: event.overlay.kind === ui.overlay.kind ? ui.dialogScroll : 0,
      };
    case 'message':
      return {...ui, message: event.message};
    case 'busy':
      return {...ui, busy: Math.max(0, ui.busy + event.delta)};
    case 'history':
      return event.line.trim() === '' || ui.history[ui.history.length - 1] === event.line
        ? ui
        : {...ui, history: [...ui.history, event.line].slice(-HISTORY_LIMIT)};
    case 'redraw':
      return {...ui, redraws: ui.redraws + 1};
    case 'quit':
      return {...ui, quitting: true};
  }
}
