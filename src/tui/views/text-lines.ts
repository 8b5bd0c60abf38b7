// Detail and result views: sections of `label : value` lines, scrolled as text.

import stringWidth from 'string-width';
import {wrapLine, type Line} from '../components/segments.js';
import type {DetailSection} from '../panes/pane.js';
import type {ResultLine, UiState, View} from '../state/ui-state.js';
import {PANES} from '../panes/index.js';
import {paneData} from '../state/rows.js';
import type {Theme} from '../theme.js';

export function sectionLines(sections: readonly DetailSection[], theme: Theme): Line[] {
  const lines: Line[] = [];
  for (const section of sections) {
    if (lines.length > 0) lines.push([{text: ''}]);
    lines.push([{text: section.title, bold: true, color: theme.accent}]);
    const width = Math.max(0, ...section.lines.map((l) => stringWidth(l.label)));
    if (section.lines.length === 0) lines.push([{text: '  (none)', color: theme.muted}]);
    for (const l of section.lines)
      lines.push([
        {text: `  ${l.label}${' '.repeat(width - stringWidth(l.label))} : `, color: theme.muted},
        {text: l.value},
      ]);
  }
  return lines;
}

export function resultLines(lines: readonly ResultLine[], theme: Theme): Line[] {
  const color = (l: ResultLine) =>
    l.level === 'error'
      ? theme.error
      : l.level === 'warn'
        ? theme.warn
        : l.level === 'muted'
          ? theme.muted
          : undefined;
  return lines.length === 0
    ? [[{text: '(no output)', color: theme.muted}]]
    : lines.map((l) => [{text: l.text, color: color(l)}]);
}

/** Long lines continue on the next lines instead of being cut off. */
export const wrapped = (lines: readonly Line[], width: number): Line[] =>
  lines.flatMap((l) => wrapLine(l, width));

/** The window of `lines` starting at `scroll`, with a note when more lies below. */
export function scrolled(lines: readonly Line[], scroll: number, height: number, theme: Theme): Line[] {
  const top = Math.max(0, Math.min(scroll, Math.max(0, lines.length - height)));
  const shown = lines.slice(top, top + height);
  if (lines.length > top + height && shown.length > 0) {
    shown[shown.length - 1] = [
      {
        text: `${theme.glyphs.ellipsis} ${lines.length - top - height + 1} more lines (${theme.glyphs.keys.down}, PgDn)`,
        color: theme.muted,
      },
    ];
  }
  return shown;
}

/** Every line of a detail or result view, wrapped to `width`: what is drawn and what scrolls. */
export function viewTextLines(ui: UiState, view: View, theme: Theme, width: number): Line[] {
  if (view.kind === 'result') return wrapped(resultLines(view.lines, theme), width);
  if (view.kind !== 'detail') return [];
  const spec = PANES[view.pane];
  const sections = spec.detail?.(paneData(ui), view.id);
  const lines = sections
    ? [
        ...sectionLines([...sections, ...(view.extra?.sections ?? [])], theme),
        ...(view.extra?.loading ? [[{text: `Loading${theme.glyphs.etc}`, color: theme.muted}] as Line] : []),
      ]
    : [
        [
          {
            text: `This ${spec.noun} no longer exists (removed since it was opened). Esc goes back.`,
            color: theme.warn,
          },
        ] as Line,
      ];
  return wrapped(lines, width);
}
