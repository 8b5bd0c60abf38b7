// The state as collection rows: one row per top-level field (pchat_store holds the revision that
// commits lock; the revision's row is its copy in the document). The domain returns a new object only for what it changed (it spreads the rest), so
// a field whose value is the very object of the state the change started from is not written.

import type {ChatState} from '../../domain/types.js';

export type CollectionName = Exclude<keyof ChatState, 'revision'>;

export interface CollectionRow {
  readonly name: string;
  readonly body: unknown;
  /** The field's place in the state document, so that a reader builds it in the same order. */
  readonly position: number;
}

/**
 * The rows that differ (by identity) between the state a change started from and its result, and
 * the revision's own row (the revision is a row too, so that its place in the document is kept).
 */
export function changedCollections(
  before: ChatState | null,
  after: ChatState,
  revision: number,
): CollectionRow[] {
  const rows: CollectionRow[] = [];
  Object.entries(after).forEach(([name, body], position) => {
    if (name === 'revision') rows.push({name, body: revision, position});
    else if (body !== undefined && (before === null || before[name as CollectionName] !== body))
      rows.push({name, body, position});
  });
  return rows;
}

/** Collections the result no longer has (an optional field dropped). */
export const droppedCollections = (before: ChatState | null, after: ChatState): string[] =>
  before === null
    ? []
    : Object.keys(before).filter(
        (name) => name !== 'revision' && after[name as CollectionName] === undefined,
      );

/**
 * The state with the newer rows (in document order) laid over the one held: fields keep their
 * order, so the state reads back as the file store's would.
 */
export function applyRows(
  held: ChatState | null,
  rows: readonly Pick<CollectionRow, 'name' | 'body'>[],
  removed: readonly string[],
): ChatState {
  const fields: Record<string, unknown> = {...(held ?? {})};
  for (const row of rows) fields[row.name] = row.body;
  for (const name of removed) delete fields[name];
  return fields as unknown as ChatState;
}
