// The `?` overlay, generated from the keymap for the focused context (k9s, lazygit).

import {keyLabel, scopesFor, type Binding, type Scope} from './binding.js';
import {PANE_TITLES, isPaneId, type PaneId} from './panes/pane-id.js';
import {topView, type UiState} from './state/ui-state.js';

export interface HelpLine {
  readonly keys: string;
  readonly text: string;
  readonly heading?: boolean;
}

const scopeTitle = (scope: Scope): string =>
  isPaneId(scope)
    ? PANE_TITLES[scope]
    : scope === 'list'
      ? 'Lists'
      : scope === 'view'
        ? 'Moving'
        : 'Everywhere';

const isPaneJump = (b: Binding): boolean => /^pane\.\d+$/.test(b.id);

/** The keys that show a pane, in Tab order, with runs of digits folded: "1-9 0 @". */
export function paneKeysHint(keymap: readonly Binding[], ascii = false): string {
  const keys = keymap.filter(isPaneJump).map((b) => keyLabel(b.keys[0] ?? '', ascii));
  const parts: string[] = [];
  for (let i = 0; i < keys.length;) {
    let j = i;
    while (/^\d$/.test(keys[j] ?? '') && Number(keys[j + 1]) === Number(keys[j]) + 1) j++;
    parts.push(j - i >= 2 ? `${keys[i]}-${keys[j]}` : keys.slice(i, j + 1).join(' '));
    i = j + 1;
  }
  return parts.join(' ');
}

export function helpLines(
  keymap: readonly Binding[],
  view: {kind: 'list' | 'detail' | 'result'; pane: PaneId | null},
  ascii = false,
): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const scope of scopesFor(view)) {
    const bindings = keymap.filter((b) => b.scope === scope && !isPaneJump(b));
    if (bindings.length === 0) continue;
    lines.push({keys: '', text: scopeTitle(scope), heading: true});
    for (const b of bindings) {
      const tier = b.tier === 2 ? ' (type the name to confirm)' : b.tier === 1 ? ' (asks first)' : '';
      lines.push({keys: b.keys.map((k) => keyLabel(k, ascii)).join(' '), text: `${b.description}${tier}`});
    }
    if (scope === 'global')
      lines.push({
        keys: paneKeysHint(keymap, ascii),
        text: 'Show a pane by its key, in Tab order; Activity is the audit log.',
      });
  }
  lines.push(
    {keys: '', text: 'Command mode', heading: true},
    {
      keys: ':',
      text: `Type a cmdlet line (Tab completes names, parameters and identities; ${keyLabel('up', ascii)}/${keyLabel('down', ascii)} history, kept across restarts; Ctrl-R searches it).`,
    },
    {keys: ':q', text: 'Quit; :rooms, :pools ... show a pane; any action id (room.new) runs it.'},
  );
  return lines;
}

/** Lines the `?` overlay has for the view under it, for scrolling. */
export const helpLineCount = (keymap: readonly Binding[], ui: UiState): number => {
  const view = topView(ui);
  return helpLines(keymap, {kind: view.kind, pane: view.kind === 'result' ? null : view.pane}).length;
};
