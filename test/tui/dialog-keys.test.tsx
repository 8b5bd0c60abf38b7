import {afterEach, describe, expect, it} from 'vitest';
import {FORM_KEYS} from '../../src/tui/forms/form-keys.js';
import {PICKER_KEYS} from '../../src/tui/forms/principal-picker.js';
import {dialogHints, type DialogKeys} from '../../src/tui/input/dialog-keys.js';
import {ASK_KEYS, CONFIRM_KEYS, HELP_KEYS, TYPED_KEYS} from '../../src/tui/input/overlay-keys.js';
import {COMMAND_KEYS, FILTER_KEYS} from '../../src/tui/input/prompt-keys.js';
import {EDITOR_KEYS} from '../../src/tui/servers-editor.js';
import {keys} from '../helpers/keys.js';
import {renderApp, type RenderedApp} from '../helpers/render-app.js';
import {demoStore} from './demo-console.js';

const TABLES: readonly (readonly [string, DialogKeys<never>, string])[] = [
  ['confirm', CONFIRM_KEYS, 'y confirm  Enter focused button  Tab switch  Esc cancel  ↑↓/PgUp/PgDn scroll'],
  ['typed', TYPED_KEYS, 'Enter confirm when the text matches  Esc cancel  ↑↓/PgUp/PgDn scroll'],
  ['ask', ASK_KEYS, 'y yes  n/Esc no  Enter focused button  ↑↓/PgUp/PgDn scroll'],
  ['help', HELP_KEYS, '↑↓ scroll  Esc close'],
  ['form', FORM_KEYS, 'Tab/↓ next  Space/←→ change or pick  Enter save  Esc cancel'],
  ['picker', PICKER_KEYS, 'Space toggle  Enter apply  Esc back'],
  ['active-server editor', EDITOR_KEYS, 'Space toggle  Enter save  Esc cancel'],
  [
    'command prompt',
    COMMAND_KEYS,
    'Enter run  Tab complete  Ctrl-N/P other match  ↑↓ history  Ctrl-R search history  Esc cancel',
  ],
  ['filter prompt', FILTER_KEYS, 'type to filter  Enter keep  Esc clear'],
];

describe('the dialog key tables', () => {
  it.each(TABLES)('render the %s hints from the table', (_name, table, hints) => {
    expect(dialogHints(table)).toBe(hints);
  });

  it.each(TABLES)('give every %s key one meaning, and every Esc a way out', (_name, table) => {
    const all = table.keys.flatMap((k) => k.keys);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain('esc');
    expect(all).toContain('ctrl-c');
  });
});

const open: RenderedApp[] = [];
afterEach(() => {
  for (const app of open.splice(0)) app.unmount();
});

async function demoApp(): Promise<RenderedApp> {
  const demo = await demoStore();
  const app = await renderApp(demo.state, {messages: demo.messages});
  open.push(app);
  return app;
}

/** The hint line: just above the message area, which an open prompt starts (and may take two rows). */
const footer = (frame: string): string => {
  const lines = frame.split('\n');
  const prompt = lines.findIndex((line) => /^[:/]/.test(line));
  return (prompt > 0 ? lines[prompt - 1] : lines.at(-2))?.trim() ?? '';
};

describe('the footer of an open dialog', () => {
  it.each([
    ['a confirmation', ['3', 'd'], CONFIRM_KEYS],
    ['a typed confirmation', ['1', 'f'], TYPED_KEYS],
    ['the help overlay', ['?'], HELP_KEYS],
    ['a form', ['3', 'n'], FORM_KEYS],
    ['the active-server editor', ['2', 'e'], EDITOR_KEYS],
    ['the command prompt', [':'], COMMAND_KEYS],
    ['the filter prompt', ['3', '/'], FILTER_KEYS],
  ] as const)('shows the hints of %s from its key table', async (_name, sequence, table) => {
    const app = await demoApp();
    await app.press(...sequence);
    expect(footer(app.lastFrame())).toBe(dialogHints(table as DialogKeys<never>));
    await app.press(keys.esc);
  });
});
