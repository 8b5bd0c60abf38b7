// An action, declared once: its binding (keys, label, scope, tier, cmdlet), its handler and why it
// cannot run right now. keymap.ts derives the key table and the handler lookup from these.

import type {Binding} from './binding.js';
import type {ConsoleContext} from './console-context.js';
import type {KeyPress} from './input/key-name.js';

/** Whether an action changes data is not stated: it is its cmdlet's (findCmdlet(cmdlet).mutates). */
export interface ActionSpec extends Omit<Binding, 'mutates'> {
  /** `binding` is this action's keymap entry, with the operator's keys. */
  run(ctx: ConsoleContext, press: KeyPress, binding: Binding): void;
  /** A sentence shown instead of acting ("No room selected."), or null when the action can run. */
  disabledReason?(ctx: ConsoleContext): string | null;
}
