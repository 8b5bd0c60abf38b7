// The active-server editor: a checklist of one pool's servers, with the cmdlet's own verdict
// (the 4-active limit, the proximity warning) previewed by a -WhatIf run before anything is saved.

export interface ActivePreview {
  readonly line: string;
  readonly loading: boolean;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

export interface ActiveEditorState {
  readonly pool: string;
  readonly servers: readonly {readonly fqdn: string; readonly dataCenter: string | null}[];
  readonly original: readonly string[];
  readonly chosen: readonly string[];
  readonly cursor: number;
  readonly preview: ActivePreview | null;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const toggleServer = (editor: ActiveEditorState): ActiveEditorState => {
  const server = editor.servers[editor.cursor];
  if (!server) return editor;
  const on = editor.chosen.some((c) => same(c, server.fqdn));
  // Keep the pool's server order so the line reads the way the list does.
  const chosen = editor.servers
    .map((s) => s.fqdn)
    .filter((f) => (same(f, server.fqdn) ? !on : editor.chosen.some((c) => same(c, f))));
  return {...editor, chosen, preview: null};
};

export const moveEditor = (editor: ActiveEditorState, delta: number): ActiveEditorState => ({
  ...editor,
  cursor: Math.max(0, Math.min(editor.servers.length - 1, editor.cursor + delta)),
});

export const editorChanged = (editor: ActiveEditorState): boolean =>
  editor.chosen.length !== editor.original.length ||
  editor.chosen.some((c) => !editor.original.some((o) => same(o, c)));
