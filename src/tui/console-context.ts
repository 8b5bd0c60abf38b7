// What an action, a dialog's keys or a side load may ask of the console: the state on screen, the
// targets, running a cmdlet line, saying something, dispatching a UI event. The controller
// implements it; nothing here knows the controller.

import type {Binding} from './binding.js';
import type {Row} from './panes/pane.js';
import type {ConsoleDrills, ConsoleTransfers, LineRun} from './session-port.js';
import type {UiEvent} from './state/reducer.js';
import type {Expectation, MessageLevel, UiState} from './state/ui-state.js';

export interface RunRequest {
  readonly expect?: readonly Expectation[];
  /** No message on success (loads for detail views). */
  readonly quiet?: boolean;
  /** No message at all: the caller shows the outcome itself (previews). */
  readonly silent?: boolean;
}

export interface ConsoleContext {
  readonly ui: UiState;
  /** The store's drills; null when the store keeps none (a store in memory). */
  readonly drills: ConsoleDrills | null;
  /** Export and import apart from the console; null when the store is not on disk. */
  readonly transfers: ConsoleTransfers | null;
  /** The operator the console acts as. */
  readonly user: string;
  /** The keymap after the operator's overrides. */
  readonly keymap: readonly Binding[];
  dispatch(event: UiEvent): void;
  /** Runs one cmdlet line through the session; null when it did not run (read-only, store failure). */
  run(line: string, request?: RunRequest): Promise<LineRun | null>;
  /** Counts the promise as work under way (tests wait for it). */
  track<T>(promise: Promise<T>): Promise<T>;
  say(level: MessageLevel, text: string, detail?: string): void;
  /** The object under the cursor (list) or on screen (detail). */
  current(): string | null;
  /** Marked rows that are still visible, else the current one. */
  targets(): string[];
  /** The focused pane's visible rows. */
  rows(): readonly Row[];
  listHeight(): number;
  textHeight(): number;
  /** Keeps what the focused view shows in step with the data. */
  afterDataChange(): void;
  /** Runs a keymap action by id, through the read-only, role and disabled checks. */
  invoke(id: string): void;
  /** Answers the confirmation a running cmdlet asked for. */
  answer(yes: boolean): void;
  /** The console's clock (ms), for timing what runs. */
  now(): number;
  copy(text: string): void;
  reload(): Promise<void>;
  redraw(): void;
  quit(): void;
}
