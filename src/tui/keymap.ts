// The one keymap table. The footer, the `?` overlay, `:` completion, user overrides and the
// read-only gate all read it; handlers live in actions.ts, keyed by the same ids.

import type {PaneId} from './panes/pane-id.js';

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

const nav = <I extends string>(
  id: I,
  keys: readonly string[],
  label: string,
  description: string,
  onScreen = false,
) => ({id, keys, label, description, scope: 'view', mutates: false, tier: 0, onScreen}) as const;

const jump = <N extends number>(n: N) =>
  ({
    id: `pane.${n}`,
    keys: [String(n)],
    label: `pane ${n}`,
    description: `Show pane ${n}.`,
    scope: 'global',
    mutates: false,
    tier: 0,
    onScreen: false,
  }) as const;

export const BINDINGS = [
  {
    id: 'app.quit',
    keys: ['q'],
    label: 'quit',
    description: 'Quit the console.',
    scope: 'global',
    mutates: false,
    tier: 0,
    onScreen: true,
  },
  {
    id: 'app.interrupt',
    keys: ['ctrl-c'],
    label: 'quit',
    description: 'Close the dialog or prompt; at the top level, quit.',
    scope: 'global',
    mutates: false,
    tier: 0,
    onScreen: false,
  },
  {
    id: 'app.help',
    keys: ['?'],
    label: 'help',
    description: 'Show the keys of this view.',
    scope: 'global',
    mutates: false,
    tier: 0,
    onScreen: true,
  },
  {
    id: 'app.command',
    keys: [':'],
    label: 'cmd',
    description: 'Run a cmdlet line (command mode).',
    scope: 'global',
    mutates: false,
    tier: 0,
    onScreen: true,
  },
  {
    id: 'app.reload',
    keys: ['R', 'ctrl-r'],
    label: 'reload',
    description: 'Reload the data from the store.',
    scope: 'global',
    mutates: false,
    tier: 0,
    onScreen: false,
  },
  {
    id: 'app.redraw',
    keys: ['ctrl-l'],
    label: 'redraw',
    description: 'Redraw the whole screen.',
    scope: 'global',
    mutates: false,
    tier: 0,
    onScreen: false,
  },
  {
    id: 'app.activity',
    keys: ['@'],
    label: 'activity',
    description: 'Show the activity log (audit entries).',
    scope: 'global',
    mutates: false,
    tier: 0,
    onScreen: false,
  },
  {
    id: 'pane.next',
    keys: ['tab'],
    label: 'next pane',
    description: 'Show the next pane.',
    scope: 'global',
    mutates: false,
    tier: 0,
    onScreen: false,
  },
  {
    id: 'pane.prev',
    keys: ['shift-tab'],
    label: 'prev pane',
    description: 'Show the previous pane.',
    scope: 'global',
    mutates: false,
    tier: 0,
    onScreen: false,
  },
  jump(1),
  jump(2),
  jump(3),
  jump(4),
  jump(5),
  jump(6),
  jump(7),
  jump(8),
  jump(9),
  {
    id: 'view.back',
    keys: ['esc'],
    label: 'back',
    description: 'Go back one level; never changes data.',
    scope: 'global',
    mutates: false,
    tier: 0,
    onScreen: false,
  },
  nav('cursor.up', ['up', 'k'], 'up', 'Move up one row.'),
  nav('cursor.down', ['down', 'j'], 'down', 'Move down one row.'),
  nav('cursor.pageUp', ['pgup'], 'page up', 'Move up one page.'),
  nav('cursor.pageDown', ['pgdn'], 'page down', 'Move down one page.'),
  nav('cursor.halfUp', ['ctrl-u'], 'half up', 'Move up half a page.'),
  nav('cursor.halfDown', ['ctrl-d'], 'half down', 'Move down half a page.'),
  nav('cursor.first', ['home', 'g'], 'first', 'Go to the first row.'),
  nav('cursor.last', ['end', 'G'], 'last', 'Go to the last row.'),
  nav('value.copy', ['y'], 'copy', 'Copy the selected identity to the clipboard (OSC 52).'),
  {
    id: 'list.open',
    keys: ['enter'],
    label: 'open',
    description: 'Open the selected row.',
    scope: 'list',
    mutates: false,
    tier: 0,
    onScreen: true,
  },
  {
    id: 'list.filter',
    keys: ['/'],
    label: 'filter',
    description: 'Filter the list as you type; Enter keeps, Esc clears.',
    scope: 'list',
    mutates: false,
    tier: 0,
    onScreen: true,
  },
  {
    id: 'mark.toggle',
    keys: ['space'],
    label: 'mark',
    description: 'Mark or unmark the selected row.',
    scope: 'list',
    mutates: false,
    tier: 0,
    onScreen: false,
  },
  {
    id: 'mark.all',
    keys: ['v'],
    label: 'mark all',
    description: 'Mark every visible row.',
    scope: 'list',
    mutates: false,
    tier: 0,
    onScreen: false,
  },
  {
    id: 'mark.clear',
    keys: ['U'],
    label: 'unmark',
    description: 'Clear all marks.',
    scope: 'list',
    mutates: false,
    tier: 0,
    onScreen: false,
  },

  {
    id: 'pool.failover',
    keys: ['f'],
    label: 'fail over',
    description: 'Switch the pool to its backup databases (FailedOver).',
    scope: 'pools',
    mutates: true,
    tier: 2,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatState',
  },
  {
    id: 'pool.failback',
    keys: ['b'],
    label: 'fail back',
    description: 'Return the pool to its primary databases (Normal).',
    scope: 'pools',
    mutates: true,
    tier: 2,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatState',
  },

  {
    id: 'server.activate',
    keys: ['a'],
    label: 'activate',
    description: 'Add the selected or marked servers to the active list.',
    scope: 'servers',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatActiveServer',
  },
  {
    id: 'server.standby',
    keys: ['s'],
    label: 'standby',
    description: 'Remove the selected or marked servers from the active list.',
    scope: 'servers',
    mutates: true,
    tier: 1,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatActiveServer',
  },
  {
    id: 'server.edit',
    keys: ['e'],
    label: 'edit list',
    description: "Edit the pool's active list, with the limit and warnings shown before saving.",
    scope: 'servers',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatActiveServer',
  },

  {
    id: 'room.new',
    keys: ['n'],
    label: 'new',
    description: 'Create a room.',
    scope: 'rooms',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'New-CsPersistentChatRoom',
  },
  {
    id: 'room.edit',
    keys: ['e'],
    label: 'edit',
    description: 'Edit the selected room.',
    scope: 'rooms',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatRoom',
  },
  {
    id: 'room.toggle',
    keys: ['x'],
    label: 'disable/enable',
    description: 'Disable or re-enable the selected room (keeps its history).',
    scope: 'rooms',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatRoom',
  },
  {
    id: 'room.remove',
    keys: ['d'],
    label: 'remove',
    description: 'Remove the selected or marked rooms and their history.',
    scope: 'rooms',
    mutates: true,
    tier: 1,
    onScreen: true,
    cmdlet: 'Remove-CsPersistentChatRoom',
  },

  {
    id: 'category.new',
    keys: ['n'],
    label: 'new',
    description: 'Create a category.',
    scope: 'categories',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'New-CsPersistentChatCategory',
  },
  {
    id: 'category.edit',
    keys: ['e'],
    label: 'edit',
    description: 'Edit the selected category.',
    scope: 'categories',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatCategory',
  },
  {
    id: 'category.remove',
    keys: ['d'],
    label: 'remove',
    description: 'Remove the selected or marked categories (only empty ones).',
    scope: 'categories',
    mutates: true,
    tier: 1,
    onScreen: true,
    cmdlet: 'Remove-CsPersistentChatCategory',
  },

  {
    id: 'policy.new',
    keys: ['n'],
    label: 'new',
    description: 'Create a policy.',
    scope: 'policies',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'New-CsPersistentChatPolicy',
  },
  {
    id: 'policy.edit',
    keys: ['e'],
    label: 'edit',
    description: 'Edit the selected policy.',
    scope: 'policies',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatPolicy',
  },
  {
    id: 'policy.remove',
    keys: ['d'],
    label: 'remove',
    description: 'Remove the selected policy (Global is reset instead).',
    scope: 'policies',
    mutates: true,
    tier: 1,
    onScreen: true,
    cmdlet: 'Remove-CsPersistentChatPolicy',
  },

  {
    id: 'addin.new',
    keys: ['n'],
    label: 'new',
    description: 'Register an add-in.',
    scope: 'addins',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'New-CsPersistentChatAddin',
  },
  {
    id: 'addin.edit',
    keys: ['e'],
    label: 'edit',
    description: 'Edit the selected add-in.',
    scope: 'addins',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatAddin',
  },
  {
    id: 'addin.remove',
    keys: ['d'],
    label: 'remove',
    description: 'Remove the selected or marked add-ins.',
    scope: 'addins',
    mutates: true,
    tier: 1,
    onScreen: true,
    cmdlet: 'Remove-CsPersistentChatAddin',
  },

  {
    id: 'compliance.new',
    keys: ['n'],
    label: 'new',
    description: 'Create a compliance configuration.',
    scope: 'compliance',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'New-CsPersistentChatComplianceConfiguration',
  },
  {
    id: 'compliance.edit',
    keys: ['e'],
    label: 'edit',
    description: 'Edit the selected compliance configuration.',
    scope: 'compliance',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatComplianceConfiguration',
  },
  {
    id: 'compliance.remove',
    keys: ['d'],
    label: 'remove',
    description: 'Remove the selected compliance configuration (Global is reset instead).',
    scope: 'compliance',
    mutates: true,
    tier: 1,
    onScreen: true,
    cmdlet: 'Remove-CsPersistentChatComplianceConfiguration',
  },

  {
    id: 'configuration.new',
    keys: ['n'],
    label: 'new',
    description: 'Create a configuration for a site or pool.',
    scope: 'configuration',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'New-CsPersistentChatConfiguration',
  },
  {
    id: 'configuration.edit',
    keys: ['e'],
    label: 'edit',
    description: 'Edit the selected configuration.',
    scope: 'configuration',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatConfiguration',
  },
  {
    id: 'configuration.remove',
    keys: ['d'],
    label: 'remove',
    description: 'Remove the selected configuration (Global is reset instead).',
    scope: 'configuration',
    mutates: true,
    tier: 1,
    onScreen: true,
    cmdlet: 'Remove-CsPersistentChatConfiguration',
  },

  {
    id: 'endpoint.new',
    keys: ['n'],
    label: 'new',
    description: 'Create an endpoint (contact object) for a pool.',
    scope: 'endpoints',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'New-CsPersistentChatEndpoint',
  },
  {
    id: 'endpoint.remove',
    keys: ['d'],
    label: 'remove',
    description: 'Remove the selected endpoint.',
    scope: 'endpoints',
    mutates: true,
    tier: 1,
    onScreen: true,
    cmdlet: 'Remove-CsPersistentChatEndpoint',
  },

  {
    id: 'principal.grant',
    keys: ['a'],
    label: 'assign policy',
    description: 'Assign a per-user policy to the selected user.',
    scope: 'principals',
    mutates: true,
    tier: 0,
    onScreen: true,
    cmdlet: 'Grant-CsPersistentChatPolicy',
  },
] as const satisfies readonly Binding[];

export type ActionId = (typeof BINDINGS)[number]['id'];

export const ACTION_IDS: readonly ActionId[] = BINDINGS.map((b) => b.id);

/** A binding after the user's overrides: same fields, keys possibly replaced. */
export type ResolvedBinding = Binding & {readonly id: ActionId};

export const bindingById = (keymap: readonly ResolvedBinding[], id: ActionId): ResolvedBinding | undefined =>
  keymap.find((b) => b.id === id);

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

export const findBinding = (
  keymap: readonly ResolvedBinding[],
  scopes: readonly Scope[],
  key: string,
): ResolvedBinding | undefined => {
  for (const scope of scopes) {
    const hit = keymap.find((b) => b.scope === scope && b.keys.includes(key));
    if (hit) return hit;
  }
  return undefined;
};

const KEY_LABELS: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
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

const ASCII_KEY_LABELS: Readonly<Record<string, string>> = {
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
};

export const keyLabel = (key: string, ascii = false): string => {
  if (ascii && ASCII_KEY_LABELS[key]) return ASCII_KEY_LABELS[key];
  if (KEY_LABELS[key]) return KEY_LABELS[key];
  const ctrl = /^ctrl-(.)$/.exec(key);
  if (ctrl?.[1]) return `Ctrl-${ctrl[1].toUpperCase()}`;
  return key;
};
