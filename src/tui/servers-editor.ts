// Editing a pool's active-server list. Every toggle is previewed with the cmdlet itself
// (-WhatIf), so the 4-active limit and the proximity warning show before anything is saved.

import type {ConsoleContext} from './console-context.js';
import {displaySafe} from './display-safe.js';
import {modifier, quote} from './forms/quote.js';
import type {KeyPress} from './input/key-name.js';
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

async function save(ctx: ConsoleContext, editor: ActiveEditorState): Promise<void> {
  const run = await ctx.run(activeServersLine(editor));
  if (run?.ok) ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
}

export function handleEditorKey(ctx: ConsoleContext, editor: ActiveEditorState, press: KeyPress): void {
  switch (press.name) {
    case 'esc':
    case 'ctrl-c':
      ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
      return ctx.say('info', 'Cancelled; the active list was not changed.');
    case 'up':
    case 'k':
      return show(ctx, moveEditor(editor, -1));
    case 'down':
    case 'j':
      return show(ctx, moveEditor(editor, 1));
    case 'home':
    case 'g':
      return show(ctx, moveEditor(editor, -editor.servers.length));
    case 'end':
    case 'G':
      return show(ctx, moveEditor(editor, editor.servers.length));
    case 'space': {
      const next = toggleServer(editor);
      show(ctx, next);
      if (editorChanged(next)) void ctx.track(preview(ctx, next));
      return;
    }
    case 'enter':
      if (!editorChanged(editor)) {
        ctx.dispatch({type: 'overlay', overlay: {kind: 'none'}});
        return ctx.say('info', 'No changes to save.');
      }
      return void ctx.track(save(ctx, editor));
    default:
  }
}
