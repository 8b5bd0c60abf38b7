// Editing a pool's active-server list. Every toggle is previewed with the cmdlet itself
// (-WhatIf), so the 4-active limit and the proximity warning show before anything is saved.

import type {ConsoleContext} from './console-context.js';
import {displaySafe} from '../lang/display-safe.js';
import {modifier, quote} from './forms/quote.js';
import {confirmTypedLine} from './confirmations.js';
import {highImpactPreview} from './high-impact.js';
import type {DialogKeys} from './input/dialog-keys.js';
import {editorChanged, moveEditor, toggleServer, type ActiveEditorState} from './state/active-editor.js';

export function activeServersLine(editor: Pick<ActiveEditorState, 'pool' | 'chosen'>): string {
  const list = editor.chosen.length === 0 ? '$Null' : modifier('replace', editor.chosen);
  return `Set-CsPersistentChatActiveServer -Identity ${quote(`service:PersistentChatServer:${editor.pool}`)} -ActiveServers ${list}`;
}

const show = (ctx: ConsoleContext, editor: ActiveEditorState) =>
  ctx.dispatch({type: 'overlay', overlay: {kind: 'activeServers', editor}});

export function openEditor(ctx: ConsoleContext, poolFqdn: string): void {
  const pool = ctx.ui.chat.topology.persistentChatPools.find((p) => p.fqdn === poolFqdn);
  if (!pool) return ctx.say('error', `Pool ${poolFqdn} is not in the topology.`);
  show(ctx, {
    pool: pool.fqdn,
    servers: pool.servers.map((s) => ({fqdn: s.fqdn, dataCenter: s.dataCenter})),
    original: [...pool.activeServers],
    chosen: [...pool.activeServers],
    cursor: 0,
    preview: null,
  });
}

async function preview(ctx: ConsoleContext, editor: ActiveEditorState): Promise<void> {
  const line = activeServersLine(editor);
  show(ctx, {...editor, preview: {line, loading: true, errors: [], warnings: []}});
  const run = await ctx.run(`${line} -WhatIf`, {silent: true});
  const overlay = ctx.ui.overlay;
  if (overlay.kind !== 'activeServers' || overlay.editor.preview?.line !== line) return;
  show(ctx, {
    ...overlay.editor,
    preview: {
      line,
      loading: false,
      errors: (run?.errors ?? []).map((e) => `${displaySafe(e.message)} [${displaySafe(e.errorId)}]`),
      warnings: (run?.warnings ?? []).map((w) => `${displaySafe(w.message)} [${displaySafe(w.warningId)}]`),
    },
  });
}

/**
 * Saving asks what the same line asks at `:` and in the wizard (high-impact.ts decides): a list
 * replaced or cleared gets the -WhatIf preview and the pool's name typed.
 */
async function save(ctx: ConsoleContext, editor: ActiveEditorState): Promise<void> {
  const line = activeServersLine(editor);
  const preview = highImpactPreview(line);
  if (preview !== null) return confirmTypedLine(ctx, line, preview);
  const run = await ctx.run(line);
  if (run?.ok) ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
}

const move =
  (delta: (editor: ActiveEditorState) => number) => (ctx: ConsoleContext, editor: ActiveEditorState) =>
    show(ctx, moveEditor(editor, delta(editor)));

export const EDITOR_KEYS: DialogKeys<ActiveEditorState> = {
  keys: [
    {
      keys: ['space'],
      hint: {keys: 'Space', label: 'toggle'},
      run(ctx, editor) {
        const next = toggleServer(editor);
        show(ctx, next);
        if (editorChanged(next)) void ctx.track(preview(ctx, next));
      },
    },
    {
      keys: ['enter'],
      hint: {keys: 'Enter', label: 'save'},
      run(ctx, editor) {
        if (!editorChanged(editor)) {
          ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
          return ctx.say('info', 'No changes to save.');
        }
        void ctx.track(save(ctx, editor));
      },
    },
    {
      keys: ['esc', 'ctrl-c'],
      hint: {keys: 'Esc', label: 'cancel'},
      run(ctx) {
        ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
        ctx.say('info', 'Cancelled; the active list was not changed.');
      },
    },
    {keys: ['up', 'k'], run: move(() => -1)},
    {keys: ['down', 'j'], run: move(() => 1)},
    {keys: ['home', 'g'], run: move((e) => -e.servers.length)},
    {keys: ['end', 'G'], run: move((e) => e.servers.length)},
  ],
};
