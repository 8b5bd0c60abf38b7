// The Export/Import screen's keys, by phase, declared once with their footer hints. Choosing: Tab
// switches export and import, ↑↓ the field, ←→ its choice, typing edits the file name. An import's
// plan is read before the pool's name is typed to confirm it, since an import overwrites.

import type {ConsoleContext} from '../console-context.js';
import type {DialogKeys} from '../input/dialog-keys.js';
import {scrollKeys} from '../input/scroll-keys.js';
import {typedEditKeys, typedTyping} from '../input/typed-keys.js';
import {cancelTransfer, previewImport, runTransfer, showTransfer} from './transfer-run.js';
import {cycle, fieldName, FIELDS, type TransferScreen} from './transfer-state.js';

const close = (ctx: ConsoleContext): void => ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});

const editFile = (ctx: ConsoleContext, s: TransferScreen, fileName: string): void =>
  showTransfer(ctx, {...s, fileName, error: null});
const onFile = (s: TransferScreen): boolean => fieldName(s) === 'FileName';

const editTyped = (ctx: ConsoleContext, s: TransferScreen, typed: string): void =>
  showTransfer(ctx, {...s, typed, error: null});

function go(ctx: ConsoleContext, s: TransferScreen): void {
  if (s.mode === 'export') {
    if (s.fileName.trim() === '')
      return showTransfer(ctx, {...s, error: 'Type a file name for the archive.'});
    return runTransfer(ctx, s);
  }
  if (s.archives.length === 0)
    return showTransfer(ctx, {...s, error: 'No archive under exports/ to import.'});
  previewImport(ctx, s);
}

const CHOOSE_KEYS: DialogKeys<TransferScreen> = {
  keys: [
    {keys: ['enter'], hint: {keys: 'Enter', label: 'start'}, run: go},
    {
      keys: ['tab'],
      hint: {keys: 'Tab', label: 'export/import'},
      run: (ctx, s) =>
        showTransfer(ctx, {...s, mode: s.mode === 'export' ? 'import' : 'export', field: 0, error: null}),
    },
    {
      keys: ['up'],
      hint: {keys: '↑↓', label: 'field'},
      run: (ctx, s) => showTransfer(ctx, {...s, field: Math.max(0, s.field - 1)}),
    },
    {
      keys: ['down'],
      run: (ctx, s) => showTransfer(ctx, {...s, field: Math.min(FIELDS[s.mode].length - 1, s.field + 1)}),
    },
    {keys: ['left'], hint: {keys: '←→', label: 'choose'}, run: (ctx, s) => showTransfer(ctx, cycle(s, -1))},
    {keys: ['right'], run: (ctx, s) => showTransfer(ctx, cycle(s, 1))},
    {keys: ['esc', 'ctrl-c'], hint: {keys: 'Esc', label: 'close'}, run: close},
    ...typedEditKeys<TransferScreen>(
      (s) => s.fileName,
      (ctx, s, text) => onFile(s) && editFile(ctx, s, text),
    ),
  ],
  typing: typedTyping<TransferScreen>(
    (s) => s.fileName,
    (ctx, s, text) => onFile(s) && editFile(ctx, s, text),
  ),
};

const PREVIEW_KEYS: DialogKeys<TransferScreen> = {
  keys: [
    {
      keys: ['enter'],
      hint: {keys: 'Enter', label: 'import when the pool name matches'},
      run(ctx, s) {
        if (s.typed === s.pool) return runTransfer(ctx, s);
        showTransfer(ctx, {...s, error: `Type ${s.pool} exactly to import, or Esc to go back.`});
      },
    },
    {
      keys: ['esc', 'ctrl-c'],
      hint: {keys: 'Esc', label: 'back'},
      run: (ctx, s) => showTransfer(ctx, {...s, phase: 'choose', preview: [], typed: '', error: null}),
    },
    ...scrollKeys<TransferScreen>(),
    ...typedEditKeys<TransferScreen>((s) => s.typed, editTyped),
  ],
  typing: typedTyping<TransferScreen>((s) => s.typed, editTyped),
};

const RUNNING_KEYS: DialogKeys<TransferScreen> = {
  keys: [{keys: ['esc', 'ctrl-c'], hint: {keys: 'Esc', label: 'cancel'}, run: cancelTransfer}],
};

const DONE_KEYS: DialogKeys<TransferScreen> = {
  keys: [
    {keys: ['enter', 'esc', 'ctrl-c', 'q'], hint: {keys: 'Esc', label: 'close'}, run: close},
    ...scrollKeys<TransferScreen>(),
  ],
};

export function transferKeys(s: TransferScreen): DialogKeys<TransferScreen> {
  switch (s.phase) {
    case 'choose':
      return CHOOSE_KEYS;
    case 'preview':
      return PREVIEW_KEYS;
    case 'checking':
    case 'running':
      return RUNNING_KEYS;
    case 'done':
      return DONE_KEYS;
  }
}
