// Editing a pool's active-server list. Every toggle is previewed with the cmdlet itself
// (-WhatIf), so the 4-active limit and the proximity warning show before anything is saved.

import type {ConsoleController} from './controller.js';
import {displaySafe} from '../lang/display-safe.js';
import {modifier, quote} from './forms/quote.js';
import type {KeyPress} from './input/key-name.js';
import {editorChanged, moveEditor, toggleServer, type ActiveEditorState} from './state/active-editor.js';

export function activeServersLine(editor: Pick<ActiveEditorState, 'pool' | 'chosen'>): string {
  const list = editor.chosen.length === 0 ? '$Null' : modifier('replace', editor.chosen);
  return `Set-CsPersistentChatActiveServer -Identity ${quote(`service:PersistentChatServer:${editor.pool}`)} -ActiveServers ${list}`;
}

const show = (ctrl: ConsoleController, editor: ActiveEditorState) =>
  ctrl.dispatch({type: 'overlay', overlay: {kind: 'activeServers', editor}});

export function openEditor(ctrl: ConsoleController, poolFqdn: string): void {
  const pool = ctrl.ui.chat.topology.persistentChatPools.find((p) => p.fqdn === poolFqdn);
  if (!pool) return ctrl.say('error', `Pool ${poolFqdn} is not in the topology.`);
  show(ctrl, {
    pool: pool.fqdn,
    servers: pool.servers.map((s) => ({fqdn: s.fqdn, dataCenter: s.dataCenter})),
    original: [...pool.activeServers],
    chosen: [...pool.activeServers],
    cursor: 0,
    preview: null,
  });
}

async function preview(ctrl: ConsoleController, editor: ActiveEditorState): Promise<void> {
  const line = activeServersLine(editor);
  show(ctrl, {...editor, preview: {line, loading: true, errors: [], warnings: []}});
  const run = await ctrl.run(`${line} -WhatIf`, {silent: true});
  const overlay = ctrl.ui.overlay;
  if (overlay.kind !== 'activeServers' || overlay.editor.preview?.line !== line) return;
  show(ctrl, {
    ...overlay.editor,
    preview: {
      line,
      loading: false,
      errors: (run?.errors ?? []).map((e) => `${displaySafe(e.message)} [${displaySafe(e.errorId)}]`),
      warnings: (run?.warnings ?? []).map((w) => `${displaySafe(w.message)} [${displaySafe(w.warningId)}]`),
    },
  });
}

async function save(ctrl: ConsoleController, editor: ActiveEditorState): Promise<void> {
  const run = await ctrl.run(activeServersLine(editor));
  if (run?.ok) ctrl.dispatch({type: 'overlay', overlay: {kind: 'none'}});
}

export function handleEditorKey(ctrl: ConsoleController, editor: ActiveEditorState, press: KeyPress): void {
  switch (press.name) {
    case 'esc':
    case 'ctrl-c':
      ctrl.dispatch({type: 'overlay', overlay: {kind: 'none'}});
      return ctrl.say('info', 'Cancelled; the active list was not changed.');
    case 'up':
    case 'k':
      return show(ctrl, moveEditor(editor, -1));
    case 'down':
    case 'j':
      return show(ctrl, moveEditor(editor, 1));
    case 'home':
    case 'g':
      return show(ctrl, moveEditor(editor, -editor.servers.length));
    case 'end':
    case 'G':
      return show(ctrl, moveEditor(editor, editor.servers.length));
    case 'space': {
      const next = toggleServer(editor);
      show(ctrl, next);
      if (editorChanged(next)) void ctrl.track(preview(ctrl, next));
      return;
    }
    case 'enter':
      if (!editorChanged(editor)) {
        ctrl.dispatch({type: 'overlay', overlay: {kind: 'none'}});
        return ctrl.say('info', 'No changes to save.');
      }
      return void ctrl.track(save(ctrl, editor));
    default:
  }
}
