// Editing the text of a typed (tier-2) confirmation: printable keys add, Backspace, Ctrl-U and
// Ctrl-W erase. The typed dialog and the wizard's high-impact steps share these keys.

import type {ConsoleContext} from '../console-context.js';
import type {DialogKey, DialogKeys} from './dialog-keys.js';

type Edit<S> = (ctx: ConsoleContext, state: S, text: string) => void;

export const typedEditKeys = <S>(text: (state: S) => string, edit: Edit<S>): DialogKey<S>[] => [
  {keys: ['backspace'], run: (ctx, s) => edit(ctx, s, [...text(s)].slice(0, -1).join(''))},
  {keys: ['ctrl-u'], run: (ctx, s) => edit(ctx, s, '')},
  {keys: ['ctrl-w'], run: (ctx, s) => edit(ctx, s, text(s).replace(/\S+\s*$/u, ''))},
];

export const typedTyping = <S>(
  text: (state: S) => string,
  edit: Edit<S>,
): NonNullable<DialogKeys<S>['typing']> => ({
  run(ctx, s, press) {
    if (press.text !== '') edit(ctx, s, text(s) + press.text);
  },
});
