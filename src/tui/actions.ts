// Every keymap action's handler, by id: a missing handler is a type error.

import type {Action} from './action.js';
import type {ActionId} from './keymap.js';
import {paneActions} from './pane-actions.js';
import {viewActions} from './view-actions.js';

export const ACTIONS: Readonly<Record<ActionId, Action>> = {...viewActions, ...paneActions} satisfies Record<
  ActionId,
  Action
>;

export type {Action};
