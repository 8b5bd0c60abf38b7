import {afterEach, describe, expect, it} from 'vitest';
import type {ChatState, Room} from '../../src/domain/types.js';
import {BINDINGS, type Scope} from '../../src/tui/keymap.js';
import {PANE_KEYS, isPaneId} from '../../src/tui/panes/pane-id.js';
import {keys} from '../helpers/keys.js';
import {renderApp, type RenderedApp, type RenderOptions} from '../helpers/render-app.js';
import {demoStore} from './demo-console.js';

const open: RenderedApp[] = [];
afterEach(() => {
  for (const app of open.splice(0)) app.unmount();
});

async function appOn(state: ChatState, options: RenderOptions = {}): Promise<RenderedApp> {
  const app = await renderApp(state, options);
  open.push(app);
  return app;
}

async function demoApp(options: RenderOptions = {}): Promise<RenderedApp> {
  const demo = await demoStore();
  return appOn(demo.state, {messages: demo.messages, ...options});
}

const paneKey = (scope: Scope): string[] => (isPaneId(scope) ? [PANE_KEYS[scope]] : []);

const withRoom = (state: ChatState, fields: Partial<Room>): ChatState => {
  const template = state.rooms[0]!;
  return {...state, rooms: [{...template, id: 'hostile', ...fields}, ...state.rooms]};
};

describe('read-only mode', () => {
  const mutating = BINDINGS.filter((b) => b.mutates);

  it.each(mutating.map((b) => [b.id, b] as const))(
    'refuses %s before it opens anything',
    async (_id, binding) => {
      const app = await demoApp({readOnly: true});
      const before = app.session.state;
      await app.press(...paneKey(binding.scope));
      await app.press(...binding.keys.slice(0, 1));
      const frame = app.lastFrame();
      expect(frame).toContain('! read-only mode');
      expect(frame).not.toMatch(/Runs:|\[ Cancel \]|Type .* to confirm/);
      expect(app.session.state).toBe(before);
    },
  );
});

describe('keys that must never change data', () => {
  it('Esc, Backspace, Delete, Ctrl-D, Ctrl-K and Enter in lists leave the store as it was', async () => {
    const app = await demoApp();
    const before = app.session.state;
    for (const pane of ['1', '2', '3', '4', '5', '6', '7', '8', '9']) {
      await app.press(
        pane,
        keys.backspace,
        '\x1b[3~',
        keys.ctrlD,
        keys.ctrlK,
        keys.esc,
        keys.enter,
        keys.esc,
        keys.esc,
      );
    }
    expect(app.session.state).toBe(before);
    expect(app.store!.ports().audit.scan({})).toHaveLength(0);
  });

  it('Esc backs out of every view and dialog without quitting', async () => {
    let exited = false;
    const app = await demoApp({props: {onExit: () => (exited = true)}});
    await app.press('3', keys.enter, '?', keys.esc, keys.esc, 'e');
    await app.waitForFrame((f) => f.includes('Edit room'));
    await app.press(keys.esc, keys.esc, keys.esc, keys.esc);
    expect(exited).toBe(false);
    expect(app.lastFrame()).toContain('Rooms (');
  });
});

describe('quitting', () => {
  it.each([
    ['q', ['q']],
    ['Ctrl-C at the top level', [keys.ctrlC]],
    [':q', [':', 'q', keys.enter]],
  ])('quits with %s', async (_name, sequence) => {
    let exited = false;
    const app = await demoApp({props: {onExit: () => (exited = true)}});
    await app.press(...sequence);
    expect(exited).toBe(true);
  });

  it('takes Ctrl-C in a dialog as Cancel, not as quit', async () => {
    let exited = false;
    const app = await demoApp({props: {onExit: () => (exited = true)}});
    await app.press('3', 'd', keys.ctrlC);
    expect(exited).toBe(false);
    expect(app.lastFrame()).toContain('Cancelled');
  });

  it('types q into a form instead of quitting', async () => {
    let exited = false;
    const app = await demoApp({props: {onExit: () => (exited = true)}});
    await app.press('3', 'n', 'q');
    expect(exited).toBe(false);
    expect(app.lastFrame()).toMatch(/Name\*\s+: q_/);
  });
});

describe('display safety', () => {
  it('shows a room name with escape sequences in visible notation', async () => {
    const demo = await demoStore();
    const app = await appOn(withRoom(demo.state, {name: 'Evil\x1b[2J\x1b]52;c;aGk=\x07\u202eRoom'}));
    await app.press('3', keys.enter);
    const frame = app.lastFrame();
    expect(frame).toContain('Name        : Evil^[[2J^[]52;c;aGk=^G\\u{202e}Room');
    expect(frame).not.toContain('\x1b');
    expect(frame).not.toContain('\u202e');
    expect(frame).not.toContain('\x07');
  });

  it('keeps every line inside the frame when a name holds a carriage return or a line feed', async () => {
    const demo = await demoStore();
    const app = await appOn(withRoom(demo.state, {name: 'one\rtwo\nthree'}));
    await app.press('3', keys.enter);
    const lines = app.lastFrame().split('\n');
    expect(lines).toHaveLength(29);
    expect(app.lastFrame()).toContain('one^Mtwo^Jthree');
  });

  it('writes no escape sequences at all when colour is off (FORCE_COLOR=0), even with colour requested', async () => {
    const app = await demoApp({props: {color: true}});
    await app.press('3', 'j', keys.enter, keys.esc, '?', keys.esc, 'd', keys.esc);
    expect(app.frames.length).toBeGreaterThan(3);
    for (const frame of app.frames) expect(frame).not.toContain('\x1b[');
  });

  it('draws with ASCII only in ASCII mode', async () => {
    const app = await demoApp({props: {ascii: true}});
    await app.press('3');
    expect(app.lastFrame()).toMatch(/^[\x20-\x7e\n]*$/);
    expect(app.lastFrame()).toMatch(/> +ItRoom/);
  });
});

describe('large lists', () => {
  it('renders only the rows that fit, for 10,000 rooms', async () => {
    const demo = await demoStore();
    const template = demo.state.rooms[0]!;
    const rooms = Array.from({length: 10_000}, (_, i) => ({
      ...template,
      id: `r${i}`,
      name: `Room${String(i).padStart(5, '0')}`,
    }));
    const app = await appOn({...demo.state, rooms});
    await app.press('3');
    let frame = app.lastFrame();
    expect(frame).toContain('Rooms (10000/10000)');
    expect(frame.match(/Room\d{5}/g)).toHaveLength(22);
    await app.press(keys.end);
    frame = app.lastFrame();
    expect(frame).toMatch(/› +Room09999/);
    expect(frame.match(/Room\d{5}/g)).toHaveLength(22);
    await app.press(keys.pageUp);
    expect(app.lastFrame()).toMatch(/› +Room09978/);
  });

  it('filters 10,000 rows and keeps the count in the title', async () => {
    const demo = await demoStore();
    const template = demo.state.rooms[0]!;
    const rooms = Array.from({length: 10_000}, (_, i) => ({
      ...template,
      id: `r${i}`,
      name: `Room${String(i).padStart(5, '0')}`,
    }));
    const app = await appOn({...demo.state, rooms});
    await app.press('3', '/');
    await app.type('Room0999');
    expect(app.lastFrame()).toMatch(/Rooms \(10\/10000\) \/Room0999/);
  });
});

describe('copying', () => {
  it('copies the identity under the cursor with OSC 52 and shows it on the message line', async () => {
    const app = await demoApp();
    await app.press('3', 'y');
    expect(app.copied).toEqual([
      `\x1b]52;c;${Buffer.from('pc1.dc1.example.org\\ItRoom').toString('base64')}\x07`,
    ]);
    expect(app.lastFrame()).toContain('Copied: pc1.dc1.example.org\\ItRoom');
  });

  it('wraps the sequence for tmux', async () => {
    const app = await demoApp({props: {env: {TMUX: '/tmp/tmux-0/default,1,0'}}});
    await app.press('3', 'y');
    const payload = Buffer.from('pc1.dc1.example.org\\ItRoom').toString('base64');
    expect(app.copied).toEqual([`\x1bPtmux;\x1b\x1b]52;c;${payload}\x07\x1b\\`]);
  });
});
