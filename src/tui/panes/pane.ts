// What every pane is: a pure toRows over the data and a column table, plus an optional detail view.

import type {ChatState} from '../../domain/types.js';
import type {Column} from '../table/columns.js';
import type {PaneId} from './pane-id.js';

/** One list row. `id` is the stable identity (used in cmdlet lines); cells are display-safe text. */
export interface Row {
  readonly id: string;
  readonly cells: Readonly<Record<string, string>>;
  /** Shown dimmed (disabled rooms, standby servers...). */
  readonly dim?: boolean;
  /** Flagged with a warning glyph (an active server far from its database...). */
  readonly flag?: string;
}

/** One audit entry as the Activity pane shows it. */
export interface AuditRow {
  readonly seq: number;
  readonly time: string;
  readonly operator: string;
  readonly role: string;
  readonly command: string;
  readonly targets: string;
  readonly result: string;
  /** Where the command came from: console, exec, drill or init (empty for entries older than that field). */
  readonly via: string;
  readonly warnings: string;
}

/** One step of a drill as the Drills pane shows it: display-safe text, read from Get-PcDrill. */
export interface DrillStepRow {
  readonly number: string;
  readonly title: string;
  /** The command line the step ran. */
  readonly line: string;
  readonly outcome: string;
  /** Empty while the step has not ended. */
  readonly seconds: string;
  readonly warnings: readonly string[];
  readonly error: string;
}

/** One drill as the Drills pane shows it. */
export interface DrillRow {
  readonly identity: string;
  readonly procedure: string;
  readonly pool: string;
  readonly mode: string;
  readonly faults: string;
  readonly operator: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly outcome: string;
  readonly seconds: string;
  /** Steps that succeeded, out of all the procedure's steps. */
  readonly done: number;
  readonly steps: readonly DrillStepRow[];
}

export interface PaneData {
  readonly chat: ChatState;
  readonly audit: readonly AuditRow[];
  readonly drills: readonly DrillRow[];
}

export interface DetailLine {
  readonly label: string;
  readonly value: string;
}

export interface DetailSection {
  readonly title: string;
  readonly lines: readonly DetailLine[];
}

export interface PaneSpec {
  readonly id: PaneId;
  readonly title: string;
  /** Singular noun for messages and dialogs: "room". */
  readonly noun: string;
  readonly columns: readonly Column[];
  toRows(data: PaneData): readonly Row[];
  /** What the detail view shows; null when the object is gone. */
  detail?(data: PaneData, id: string): readonly DetailSection[] | null;
  /** Said when the pane has no rows at all. */
  readonly empty: string;
}
