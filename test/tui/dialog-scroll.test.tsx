import {afterEach, describe, expect, it} from 'vitest';
import type {Overlay} from '../../src/tui/state/ui-state.js';
import {keys} from '../helpers/keys.js';
import {renderApp, type RenderedApp} from '../helpers/render-app.js';
import {demoStore} from './demo-console.js';

const open: RenderedApp[] = [];
afterEach(() => {
  for (const app of open.splice(0)) app.unmount();
});

async function consoleAt80x24(): Promise<RenderedApp> {
  const demo = await demoStore();
  const app = await renderApp(demo.state, {messages: demo.messages, columns: 80, rows: 24});
  open.push(app);
  return app;
}

const LONG = Array.from({length: 30}, (_, i) => `Effect ${i + 1} of the change, on its own line.`);
const pending = {line: 'Get-CsPersistentChatRoom', expect: [], clearMarks: false};

/** Fits 80x24: the root box is 23 lines, no line wider than the terminal. */
function expectFitted(frame: string): void {
  const lines = frame.split('\n');
  expect(lines).toHaveLength(23);
  for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
}

describe('a dialog with a long body at 80x24', () => {
  it('keeps the failover prompt and input under a preview that scrolls', async () => {
    const app = await consoleAt80x24();
    await app.press('1', 'f');
    let frame = app.lastFrame();
    expectFitted(frame);
    expect(frame).toContain('Type pc1.dc1.example.org to confirm:');
    expect(frame).toContain('> _');
    expect(frame).toMatch(/… \d+ more lines \(↓, PgDn\)/);
    expect(frame).not.toContain('[BackupStoreOffline]');
    await app.press(keys.pageDown);
    frame = app.lastFrame();
    expect(frame).toContain('[BackupStoreOffline]');
    expect(frame).toContain('Type pc1.dc1.example.org to confirm:');
    expect(frame).not.toContain('more lines');
    await app.press(keys.pageUp);
    expect(app.lastFrame()).toContain('! High impact.');
  });

  it('keeps the typed prompt of a bulk removal of every room in the frame', async () => {
    const app = await consoleAt80x24();
    await app.press('3', 'v', 'd');
    const frame = app.lastFrame();
    expectFitted(frame);
    expect(frame).toMatch(/Type \d+ rooms to confirm:/);
    expect(frame).toContain('> _');
    await app.press(keys.end, keys.pageDown, keys.pageDown);
    expect(app.lastFrame()).toMatch(/What if: .*HelpDeskChatRoom/s);
    expect(app.lastFrame()).toMatch(/Type \d+ rooms to confirm:/);
  });

  it.each<[string, Overlay, RegExp]>([
    [
      'a confirmation',
      {kind: 'confirm', title: 'Long', lines: LONG, focus: 'cancel', run: pending},
      /\[ Cancel \] +Confirm \(y\)/,
    ],
    [
      'a cmdlet question',
      {kind: 'ask', title: 'Long', message: LONG.join(' '), focus: 'cancel'},
      /\[ Cancel \] +Yes \(y\)/,
    ],
  ])('keeps the buttons of %s in the frame and scrolls its body', async (_name, overlay, buttons) => {
    const app = await consoleAt80x24();
    app.controller.dispatch({type: 'overlay', overlay});
    await app.press(keys.down);
    await app.press(keys.up);
    let frame = app.lastFrame();
    expectFitted(frame);
    expect(frame).toMatch(buttons);
    expect(frame).toContain('Effect 1 of');
    expect(frame).not.toContain('Effect 30 of');
    await app.press(keys.pageDown, keys.pageDown, keys.pageDown);
    frame = app.lastFrame();
    expect(frame).toContain('Effect 30 of');
    expect(frame).toMatch(buttons);
    expect(frame.split('\n').at(-2)).toContain('↑↓/PgUp/PgDn scroll');
  });

  it('keeps the line a form runs pinned under its fields', async () => {
    const app = await consoleAt80x24();
    await app.press('3', 'n');
    await app.type('Room');
    for (let i = 0; i < 3; i++) await app.press(keys.tab);
    await app.type(LONG.slice(0, 12).join(' '));
    const frame = app.lastFrame();
    expectFitted(frame);
    expect(frame).toMatch(/› Description/);
    expect(frame).toContain('Runs: New-CsPersistentChatRoom -Name "Room"');
    expect(frame).toContain('12 of the change, on its own line."');
  });

  it('keeps what the active-server check found pinned under the servers', async () => {
    const app = await consoleAt80x24();
    await app.press('2', 'e', keys.end, keys.space);
    const frame = app.lastFrame();
    expectFitted(frame);
    expect(frame).toMatch(/› \[x\] chat8/);
    expect(frame).toMatch(/\[TooManyActiveServers\]|✖/);
  });
});
