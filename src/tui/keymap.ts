// The one keymap, derived from the action declarations (view-actions.ts, pane-actions.ts). The
// footer, the `?` overlay, `:` completion, user overrides, the read-only gate and the role check
// all read it; the controller finds each action's handler here by the same id.

import {findCmdlet} from '../cmdlets/catalog.js';
import type {ActionSpec} from './action.js';
import type {Binding} from './binding.js';
import {PANE_ACTIONS} from './pane-actions.js';
import {VIEW_ACTIONS} from './view-actions.js';
import {TRANSFER_ACTIONS} from './transfer/transfer-actions.js';
import {WIZARD_ACTIONS} from './wizard/wizard-actions.js';

export {findBinding, keyLabel, scopesFor, type Binding, type Scope, type Tier} from './binding.js';

export const ACTIONS = [...VIEW_ACTIONS, ...PANE_ACTIONS, ...WIZARD_ACTIONS, ...TRANSFER_ACTIONS] as const;

export type ActionId = (typeof ACTIONS)[number]['id'];

/** A binding after the user's overrides: same fields, keys possibly replaced. */
export type ResolvedBinding = Binding & {readonly id: ActionId};

/** An action changes data when its cmdlet does; one whose cmdlet is unknown counts as changing it. */
const mutates = (action: ActionSpec): boolean =>
  action.cmdlet === undefined ? false : (findCmdlet(action.cmdlet)?.mutates ?? true);

/** The binding half of a declaration: what the key table shows and checks. */
const bindingOf = (action: ActionSpec & {readonly id: ActionId}): ResolvedBinding => ({
  id: action.id,
  keys: action.keys,
  label: action.label,
  description: action.description,
  scope: action.scope,
  tier: action.tier,
  onScreen: action.onScreen,
  ...(action.cmdlet === undefined ? {} : {cmdlet: action.cmdlet}),
  mutates: mutates(action),
});

export const BINDINGS: readonly ResolvedBinding[] = ACTIONS.map(bindingOf);

export const ACTION_IDS: readonly ActionId[] = ACTIONS.map((a) => a.id);

const BY_ID: ReadonlyMap<string, ActionSpec> = new Map(ACTIONS.map((a) => [a.id, a]));

/** The declaration (handler, disabled reason) of an action id, if there is one. */
export const actionById = (id: string): ActionSpec | undefined => BY_ID.get(id);

export const bindingById = <B extends Binding>(keymap: readonly B[], id: string): B | undefined =>
  keymap.find((b) => b.id === id);
