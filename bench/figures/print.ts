// The figures as a table for people, or as one JSON object for tools.

import type {Figure} from './figure.js';

const ms = (value: number | null): string =>
  value === null ? '-' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)} ms`;

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.id,
    f.what,
    ms(f.value),
    f.baseline === null ? '-' : `${ms(f.baseline)} (${f.baselineWhat})`,
    f.ratio === null ? '-' : `${f.ratio.toFixed(2)}x`,
    f.goal,
    f.value === null ? 'not measured' : f.met ? 'met' : 'MISSED',
  ]);
  const header = ['figure', 'what', 'value', 'baseline', 'ratio', 'goal', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const notes = figures.filter((f) => f.note !== undefined).map((f) => `${f.id}: ${f.note}`);
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', ...notes].join('\n');
}

export const json = (figures: readonly Figure[], context: Record<string, unknown>): string =>
  JSON.stringify({...context, figures}, null, 2);
