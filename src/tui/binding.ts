// What a key binding is, and how a key finds one: the scopes that apply, innermost first. The
// table of bindings itself is keymap.ts, derived from the action declarations.

import type {PaneId} from './panes/pane-id.js';
import {ASCII_GLYPHS, UNICODE_GLYPHS, type Glyphs} from './theme.js';

/** Where a binding applies: everywhere, in any scrollable view, only in lists, or in one pane (list and detail). */
export type Scope = 'global' | 'view' | 'list' | PaneId;

export type Tier = 0 | 1 | 2;

export interface Binding {
  readonly id: string;
  readonly keys: readonly string[];
  /** Short, for the footer. */
  readonly label: string;
  /** One sentence, for the help overlay and command completion. */
  readonly description: string;
  readonly scope: Scope;
  /** Changes the store: refused in read-only mode, before anything else happens. */
  readonly mutates: boolean;
  /** 0 acts at once, 1 asks with Cancel focused, 2 asks for the target's name to be typed. */
  readonly tier: Tier;
  readonly onScreen: boolean;
  /** The cmdlet the action runs, for the role check. */
  readonly cmdlet?: string;
}

/** The scopes that apply, innermost first: the pane, the kind of view, then global. */
export const scopesFor = (view: {
  kind: 'list' | 'detail' | 'result';
  pane: PaneId | null;
}): readonly Scope[] => {
  const scopes: Scope[] = [];
  if (view.pane && view.kind !== 'result') scopes.push(view.pane);
  if (view.kind === 'list') scopes.push('list');
  scopes.push('view', 'global');
  return scopes;
};

export const findBinding = <B extends Binding>(
  keymap: readonly B[],
  scopes: readonly Scope[],
  key: string,
): B | undefined => {
  for (const scope of scopes) {
    const hit = keymap.find((b) => b.scope === scope && b.keys.includes(key));
    if (hit) return hit;
  }
  return undefined;
};

const KEY_LABELS: Readonly<Record<string, string>> = {
  pgup: 'PgUp',
  pgdn: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  'shift-tab': 'Shift-Tab',
  space: 'Space',
};

const isArrow = (key: string): key is keyof Glyphs['keys'] =>
  key === 'up' || key === 'down' || key === 'left' || key === 'right';

export const keyLabel = (key: string, ascii = false): string => {
  if (isArrow(key)) return (ascii ? ASCII_GLYPHS : UNICODE_GLYPHS).keys[key];
  if (KEY_LABELS[key]) return KEY_LABELS[key];
  const ctrl = /^ctrl-(.)$/.exec(key);
  if (ctrl?.[1]) return `Ctrl-${ctrl[1].toUpperCase()}`;
  return key;
};
