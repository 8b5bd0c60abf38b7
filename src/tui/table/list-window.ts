// Cursor and scrolling for long lists: the cursor is a stable id, the window follows it with a
// scroll-off margin (lazygit's scrollOffMargin), and only the rows in the window are rendered.

export const SCROLL_OFF = 2;

/**
 * A list's ids as the cursor reads them: an array, or a filtered list's view onto its whole list's
 * ids (rows.ts), which finds an id without a scan of the hits and is made without copying them.
 */
export interface Ids {
  readonly length: number;
  /** The position of the first row with this id, or -1. */
  indexOf(id: string): number;
  at(index: number): string | undefined;
}

/** Where the cursor is: the row with `cursorId`, else the nearest row to where it was. */
export function cursorIndex(ids: Ids, cursorId: string | null, lastIndex: number): number {
  if (ids.length === 0) return -1;
  if (cursorId !== null) {
    const found = ids.indexOf(cursorId);
    if (found >= 0) return found;
  }
  return Math.max(0, Math.min(ids.length - 1, lastIndex));
}

/** First visible row so that `index` stays `margin` rows away from either edge where possible. */
export function windowTop(
  index: number,
  previousTop: number,
  height: number,
  count: number,
  margin = SCROLL_OFF,
): number {
  if (height <= 0 || count <= height) return 0;
  const m = Math.max(0, Math.min(margin, Math.floor((height - 1) / 2)));
  let top = previousTop;
  if (index < top + m) top = index - m;
  if (index > top + height - 1 - m) top = index - height + 1 + m;
  return Math.max(0, Math.min(count - height, top));
}

export type Move = 'up' | 'down' | 'pageUp' | 'pageDown' | 'halfUp' | 'halfDown' | 'first' | 'last';

/** The row index after a move, clamped to the list. */
export function moveIndex(index: number, move: Move, count: number, height: number): number {
  if (count === 0) return -1;
  const page = Math.max(1, height - 1);
  const half = Math.max(1, Math.floor(height / 2));
  const delta: Record<Move, number> = {
    up: -1,
    down: 1,
    pageUp: -page,
    pageDown: page,
    halfUp: -half,
    halfDown: half,
    first: -Infinity,
    last: Infinity,
  };
  const next = index + delta[move];
  return Math.max(0, Math.min(count - 1, Number.isFinite(next) ? next : next < 0 ? 0 : count - 1));
}
