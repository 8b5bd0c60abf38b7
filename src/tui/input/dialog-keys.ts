// A dialog's keys, declared once: which keys, the footer hint, and what they do. The dialog's
// handler and its footer hints both read the same table, so a hint cannot promise a key that
// does nothing.

import type {ConsoleContext} from '../console-context.js';
import type {KeyPress} from './key-name.js';

export interface KeyHint {
  /** The keys as the footer shows them ("Tab/↓", "n/Esc"). */
  readonly keys: string;
  readonly label: string;
}

export interface DialogKey<S> {
  /** Key names (KeyPress.name) that do this. */
  readonly keys: readonly string[];
  /** Absent for keys the footer leaves out (aliases, readline editing). */
  readonly hint?: KeyHint;
  readonly run: (ctx: ConsoleContext, state: S, press: KeyPress) => void;
}

export interface DialogKeys<S> {
  readonly keys: readonly DialogKey<S>[];
  /** Every other key: typing, in dialogs that have text; its hint comes first. */
  readonly typing?: {
    readonly hint?: string;
    readonly run: (ctx: ConsoleContext, state: S, press: KeyPress) => void;
  };
}

export function handleDialogKey<S>(
  table: DialogKeys<S>,
  ctx: ConsoleContext,
  state: S,
  press: KeyPress,
): void {
  const entry = table.keys.find((k) => k.keys.includes(press.name));
  if (entry) entry.run(ctx, state, press);
  else table.typing?.run(ctx, state, press);
}

export function dialogHints(table: DialogKeys<never>): string {
  const hints = table.keys.flatMap((k) => (k.hint ? [`${k.hint.keys} ${k.hint.label}`] : []));
  return [...(table.typing?.hint ? [table.typing.hint] : []), ...hints].join('  ');
}
