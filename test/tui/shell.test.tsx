import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {demoApps} from './demo-console.js';

const demoApp = demoApps();

describe('the header', () => {
  it('names the deployment, the operator and role, the revision and how old the data is', async () => {
    let now = Date.parse('2026-01-15T12:00:00Z');
    const app = await demoApp({props: {now: () => now}});
    expect(app.lastFrame().split('\n')[0]).toMatch(
      /^ pchat {2}example\.org \(2 pools\) · admin \(CsAdministrator\) +rev \d+ · data just now/,
    );
    now += 125_000;
    await app.press('j');
    expect(app.lastFrame().split('\n')[0]).toContain('data 2m ago');
  });

  it('shows the busy glyph while a line waits for the operator', async () => {
    const app = await demoApp();
    await app.press(':');
    await app.type('Clear-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -EndDate "1/1/2030"');
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes(': confirm'));
    expect(app.lastFrame().split('\n')[0]).toContain('◆ busy');
    await app.press('n');
    await app.waitForFrame((f) => !f.split('\n')[0]!.includes('busy'));
  });

  it('shows the READ-ONLY badge in read-only mode', async () => {
    const app = await demoApp({readOnly: true});
    expect(app.lastFrame().split('\n')[0]).toContain('READ-ONLY');
  });
});

describe('starting in a pane', () => {
  it('opens the pane and filter given on the command line', async () => {
    const app = await demoApp({props: {view: 'rooms', filter: 'help'}});
    expect(app.lastFrame()).toMatch(/Rooms \(2\/\d+\) \/help/);
  });
});

describe('global keys', () => {
  it('reloads with R and says which revision it read', async () => {
    const app = await demoApp();
    await app.press('R');
    expect(app.lastFrame()).toMatch(/✔ Reloaded revision \d+/);
  });

  it('redraws with Ctrl-L', async () => {
    let redraws = 0;
    const app = await demoApp({props: {onRedraw: () => redraws++}});
    const frames = app.frames.length;
    await app.press(keys.ctrlL);
    expect(redraws).toBe(1);
    // A new frame is written after the screen was cleared.
    expect(app.frames.length).toBeGreaterThan(frames);
    expect(app.lastFrame()).toContain('Pools (');
    await app.press(keys.ctrlL);
    expect(redraws).toBe(2);
  });

  it('moves between panes with Tab, Shift-Tab and digits', async () => {
    const app = await demoApp();
    await app.press(keys.tab);
    expect(app.lastFrame()).toContain('Active servers (');
    await app.press(keys.shiftTab, keys.shiftTab);
    expect(app.lastFrame()).toContain('Drills (');
    await app.press('4');
    expect(app.lastFrame()).toContain('Categories (');
  });

  it('keeps an error on screen until the next key, and writes it to the log', async () => {
    const logged: string[] = [];
    const app = await demoApp({props: {log: (l) => logged.push(l)}});
    await app.press(':');
    await app.type('Get-CsPersistentChatRoom -Identity "nope\\nothing"');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain('✖ Get-CsPersistentChatRoom [RoomNotFound]');
    expect(logged.some((l) => l.startsWith('ERROR Get-CsPersistentChatRoom [RoomNotFound]'))).toBe(true);
    await app.press('j');
    expect(app.lastFrame().split('\n').at(-1)).not.toContain('RoomNotFound');
  });
});

describe('keys that arrive together', () => {
  it('are handled one by one, as when typed fast over SSH', async () => {
    const app = await demoApp();
    await app.press('3');
    await app.press('jj\r');
    expect(app.lastFrame()).toContain('Rooms › pc1.dc1.example.org\\EmeaRoom');
  });
});

describe('marks', () => {
  it('marks with Space, marks all visible with v and clears with U', async () => {
    const app = await demoApp();
    await app.press('3', keys.space);
    expect(app.lastFrame()).toMatch(/Rooms \(\d+\/\d+\) {2}1 marked/);
    expect(app.lastFrame()).toMatch(/ ● ItRoom/);
    await app.press('v');
    expect(app.lastFrame()).toMatch(/Rooms \((\d+)\/\1\) {2}\1 marked/);
    await app.press('U');
    expect(app.lastFrame()).not.toContain('marked');
  });
});
