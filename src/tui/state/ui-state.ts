// The console's UI state: one value, changed only by the reducer. Domain data (ChatState) is held
// here as loaded from the session; every change to it goes through a cmdlet line.

import type {ChatState} from '../../domain/types.js';
import type {PaneId} from '../panes/pane-id.js';
import {PANE_IDS} from '../panes/pane-id.js';
import type {AuditRow, DetailSection, DrillRow} from '../panes/pane.js';
import type {FormState} from '../forms/form-state.js';
import type {ActiveEditorState} from './active-editor.js';
import type {Expectation} from './expectation.js';
import type {TransferScreen} from '../transfer/transfer-state.js';
import type {WizardState} from '../wizard/wizard-state.js';

export interface ListState {
  readonly cursorId: string | null;
  /** Where the cursor was, for when its row disappears. */
  readonly lastIndex: number;
  readonly top: number;
  /** Live filter text (`/`); empty = no filter. */
  readonly filter: string;
  readonly marks: readonly string[];
}

export interface ResultLine {
  readonly text: string;
  readonly level?: 'error' | 'warn' | 'muted';
}

/** Lines a detail view adds from Get-* runs (effective members, history). */
export interface DetailExtra {
  readonly sections: readonly DetailSection[];
  readonly loading: boolean;
}

export type View =
  | {readonly kind: 'list'; readonly pane: PaneId}
  | {
      readonly kind: 'detail';
      readonly pane: PaneId;
      readonly id: string;
      readonly scroll: number;
      readonly extra: DetailExtra | null;
    }
  | {
      readonly kind: 'result';
      readonly title: string;
      readonly lines: readonly ResultLine[];
      readonly scroll: number;
    };

export interface PromptState {
  /** 'search': Ctrl-R's search of the command history; `text` is what is searched for. */
  readonly kind: 'command' | 'filter' | 'search';
  readonly text: string;
  /** Index into history while browsing it with ↑/↓, or of the line Ctrl-R found. */
  readonly historyIndex: number | null;
  /** The command line as it was when Ctrl-R began, given back when the search is cancelled. */
  readonly draft?: string;
  /** Which completion candidate Tab accepts next. */
  readonly choice: number;
}

/** A cmdlet line waiting for the operator's confirmation. */
export interface PendingRun {
  readonly line: string;
  /** Object revisions the line was prepared against (Conflict if they moved). */
  readonly expect: readonly Expectation[];
  /** Marks to clear and where the cursor goes after success. */
  readonly clearMarks: boolean;
}

export type {Expectation};

export type Overlay =
  | {readonly kind: 'none'}
  | {readonly kind: 'help'; readonly scroll: number}
  | {
      readonly kind: 'confirm';
      readonly title: string;
      readonly lines: readonly string[];
      readonly focus: 'cancel' | 'confirm';
      readonly run: PendingRun;
    }
  | {
      readonly kind: 'typed';
      readonly title: string;
      readonly lines: readonly string[];
      readonly expected: string;
      readonly text: string;
      readonly error: string | null;
      readonly run: PendingRun;
    }
  | {
      readonly kind: 'ask';
      readonly title: string;
      readonly message: string;
      readonly focus: 'cancel' | 'confirm';
    }
  | {readonly kind: 'form'; readonly form: FormState}
  | {readonly kind: 'activeServers'; readonly editor: ActiveEditorState}
  | {readonly kind: 'wizard'; readonly wizard: WizardState}
  | {readonly kind: 'transfer'; readonly screen: TransferScreen};

export type MessageLevel = 'info' | 'ok' | 'warn' | 'error';

export interface Message {
  readonly level: MessageLevel;
  readonly text: string;
  /** A second line shown in place of the footer hints (the line a warning or error came from). */
  readonly detail?: string;
  /** Clock time it was shown; info messages fade after a few seconds. */
  readonly at: number;
}

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

export interface UiState {
  readonly size: Size;
  readonly pane: PaneId;
  readonly lists: Readonly<Record<PaneId, ListState>>;
  /** The view stack of the focused pane; the first entry is always its list. */
  readonly stack: readonly View[];
  readonly prompt: PromptState | null;
  readonly overlay: Overlay;
  /** How far the open dialog's body is scrolled; back to the top when another kind of dialog opens. */
  readonly dialogScroll: number;
  readonly message: Message | null;
  readonly history: readonly string[];
  /** Operations under way (the header shows a busy glyph while > 0). */
  readonly busy: number;
  readonly chat: ChatState;
  readonly loadedAt: number;
  readonly audit: readonly AuditRow[];
  /** The store revision the audit rows were read at (-1 = not read). */
  readonly auditRevision: number;
  /** Read from Get-PcDrill each time the Drills pane is shown: a drill writes no store revision. */
  readonly drills: readonly DrillRow[];
  readonly redraws: number;
  readonly quitting: boolean;
}

export const emptyList: ListState = {cursorId: null, lastIndex: 0, top: 0, filter: '', marks: []};

export function initialUi(options: {
  chat: ChatState;
  now: number;
  size: Size;
  pane?: PaneId;
  filter?: string;
  /** The `:` lines of earlier consoles, oldest first. */
  history?: readonly string[];
}): UiState {
  const pane = options.pane ?? 'pools';
  const lists = Object.fromEntries(PANE_IDS.map((id) => [id, emptyList])) as Record<PaneId, ListState>;
  if (options.filter) lists[pane] = {...emptyList, filter: options.filter};
  return {
    size: options.size,
    pane,
    lists,
    stack: [{kind: 'list', pane}],
    prompt: null,
    overlay: {kind: 'none'},
    dialogScroll: 0,
    message: null,
    history: options.history ?? [],
    busy: 0,
    chat: options.chat,
    loadedAt: options.now,
    audit: [],
    auditRevision: -1,
    drills: [],
    redraws: 0,
    quitting: false,
  };
}

export const topView = (ui: UiState): View => ui.stack[ui.stack.length - 1] ?? {kind: 'list', pane: ui.pane};
