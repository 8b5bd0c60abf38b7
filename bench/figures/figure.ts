// One row of issue 12's table: a figure beside its baseline, both measured in the same run.

export interface Figure {
  readonly id: string;
  /** What was measured, and on which store. */
  readonly what: string;
  /** Milliseconds, or null when the figure is not measured yet. */
  readonly value: number | null;
  readonly baseline: number | null;
  readonly baselineWhat: string;
  /** value / baseline. */
  readonly ratio: number | null;
  readonly goal: string;
  readonly met: boolean;
  readonly note?: string;
}

/** A figure whose goal is a ratio to its baseline (and, for some, a bound in milliseconds too). */
export function ratioFigure(row: {
  id: string;
  what: string;
  value: number;
  baseline: number;
  baselineWhat: string;
  maxRatio: number;
  maxMs?: number;
  goal: string;
  note?: string;
}): Figure {
  const ratio = row.value / row.baseline;
  const met = ratio <= row.maxRatio && (row.maxMs === undefined || row.value <= row.maxMs);
  return {
    id: row.id,
    what: row.what,
    value: row.value,
    baseline: row.baseline,
    baselineWhat: row.baselineWhat,
    ratio,
    goal: row.goal,
    met,
    ...(row.note === undefined ? {} : {note: row.note}),
  };
}

export const notMeasured = (id: string, what: string, goal: string, reason: string): Figure => ({
  id,
  what,
  value: null,
  baseline: null,
  baselineWhat: '',
  ratio: null,
  goal,
  met: false,
  note: `not measured: ${reason}`,
});
