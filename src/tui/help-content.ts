// The `?` overlay, generated from the keymap for the focused context (k9s, lazygit).

import {keyLabel, scopesFor, type ResolvedBinding, type Scope} from './keymap.js';
import {PANE_TITLES, isPaneId, type PaneId} from './panes/pane-id.js';

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

export function helpLines(
  keymap: readonly ResolvedBinding[],
  view: {kind: 'list' | 'detail' | 'result'; pane: PaneId | null},
  ascii = false,
): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const scope of scopesFor(view)) {
    const bindings = keymap.filter((b) => b.scope === scope && !/^pane\.\d$/.test(b.id));
    if (bindings.length === 0) continue;
    lines.push({keys: '', text: scopeTitle(scope), heading: true});
    for (const b of bindings) {
      const tier = b.tier === 2 ? ' (type the name to confirm)' : b.tier === 1 ? ' (asks first)' : '';
      lines.push({keys: b.keys.map((k) => keyLabel(k, ascii)).join(' '), text: `${b.description}${tier}`});
    }
    if (scope === 'global') lines.push({keys: '1-9', text: 'Jump to pane 1 to 9.'});
  }
  lines.push(
    {keys: '', text: 'Command mode', heading: true},
    {keys: ':', text: 'Type a cmdlet line (Tab completes names, parameters and identities; ↑/↓ history).'},
    {keys: ':q', text: 'Quit; :rooms, :pools ... show a pane; any action id (room.new) runs it.'},
  );
  return lines;
}
