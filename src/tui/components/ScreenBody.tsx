// The body between the header and the footer: the open dialog, else the view on top of the stack.

import type {Binding} from '../binding.js';

import {PANES} from '../panes/index.js';
import type {UiState} from '../state/ui-state.js';
import {topView} from '../state/ui-state.js';
import type {Theme} from '../theme.js';
import {helpLines} from '../help-content.js';
import {dialogWindow, type DialogBody} from '../views/dialog-lines.js';
import {listBody} from '../views/list-lines.js';
import {scrolled, viewTextLines} from '../views/text-lines.js';
import {Frame} from './Frame.js';
import type {Line} from './segments.js';
import {displaySafe} from '../../lang/display-safe.js';

export interface Props {
  readonly ui: UiState;
  readonly theme: Theme;
  readonly dialog: DialogBody | null;
  readonly keymap: readonly Binding[];
  readonly width: number;
  readonly height: number;
  /** Data rows that fit a list. */
  readonly rows: number;
}

function helpBody(ui: UiState, keymap: readonly Binding[], theme: Theme): {title: string; lines: Line[]} {
  const view = topView(ui);
  const lines = helpLines(
    keymap,
    {kind: view.kind, pane: view.kind === 'result' ? null : view.pane},
    theme.ascii,
  );
  const width = Math.max(0, ...lines.map((l) => l.keys.length));
  return {
    title: `Keys: ${view.kind === 'result' ? 'result' : PANES[view.pane].title}`,
    lines: lines.map((l): Line =>
      l.heading
        ? [{text: l.text, bold: true, color: theme.accent}]
        : [{text: `  ${l.keys.padEnd(width)}  `, bold: true}, {text: l.text}],
    ),
  };
}

export function ScreenBody({ui, theme, dialog, keymap, width, height, rows}: Props) {
  const text = height - 2;
  if (ui.overlay.kind === 'help') {
    const help = helpBody(ui, keymap, theme);
    return (
      <Frame
        title={help.title}
        lines={scrolled(help.lines, ui.overlay.scroll, text, theme)}
        width={width}
        height={height}
        theme={theme}
      />
    );
  }
  if (dialog) {
    const shown = dialogWindow(dialog, width - 4, text);
    return (
      <Frame
        title={dialog.title}
        lines={[...scrolled(shown.body, ui.dialogScroll, shown.room, theme), ...shown.pinned].slice(0, text)}
        width={width}
        height={height}
        theme={theme}
      />
    );
  }
  const view = topView(ui);
  if (view.kind === 'list') {
    const body = listBody(ui, view.pane, theme, width - 4, rows);
    return (
      <Frame
        title={body.title}
        lines={body.lines}
        table={body.table}
        width={width}
        height={height}
        theme={theme}
      />
    );
  }
  const title =
    view.kind === 'detail'
      ? `${PANES[view.pane].title} ${theme.glyphs.crumb} ${displaySafe(view.id)}`
      : `Result of ${displaySafe(view.title)}`;
  const lines = viewTextLines(ui, view, theme, width - 4);
  return (
    <Frame
      title={title}
      lines={scrolled(lines, view.scroll, text, theme)}
      width={width}
      height={height}
      theme={theme}
    />
  );
}
