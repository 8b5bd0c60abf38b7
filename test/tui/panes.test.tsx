import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {PANE_IDS, type PaneId} from '../../src/tui/panes/pane-id.js';
import {keys} from '../helpers/keys.js';
import {renderApp, type RenderedApp} from '../helpers/render-app.js';
import {demoStore} from './demo-console.js';
import {rehearsals} from './demo-drill.js';

const open: RenderedApp[] = [];
afterEach(() => {
  for (const app of open.splice(0)) app.unmount();
});

// Every pane is shown with drills on record: a failover and a failback rehearsed, then a failover
// to a data centre marked down.
let drills: ReturnType<typeof rehearsals> | null = null;
const demoDrills = async () =>
  (drills ??= rehearsals(await demoStore(), [
    {procedure: 'failover'},
    {procedure: 'failback'},
    {procedure: 'failover', faults: ['dc2']},
  ]));

async function demoApp(size: {columns?: number; rows?: number} = {}): Promise<RenderedApp> {
  const demo = await demoStore();
  const app = await renderApp(demo.state, {messages: demo.messages, drills: await demoDrills(), ...size});
  open.push(app);
  return app;
}

async function show(app: RenderedApp, pane: PaneId): Promise<void> {
  const index = PANE_IDS.indexOf(pane) + 1;
  if (index <= 9) await app.press(String(index));
  else await app.press(':', ...pane, keys.enter);
}

describe('every pane on the demo store at 100x30', () => {
  it.each(PANE_IDS)('%s', async (pane) => {
    const app = await demoApp();
    await show(app, pane);
    expect(app.lastFrame()).toMatchSnapshot();
  });
});

describe('the smallest supported terminal, 80x24', () => {
  it.each(PANE_IDS)('fits the %s pane into 23 lines of at most 80 columns', async (pane) => {
    const app = await demoApp({columns: 80, rows: 24});
    await show(app, pane);
    const lines = app.lastFrame().split('\n');
    expect(lines).toHaveLength(23);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
    expect(lines[2]).toMatch(/^┌─ /);
    expect(lines[20]).toMatch(/^└─+┘$/);
  });
});

describe('detail views', () => {
  it('shows a room with its settings, effective members and history', async () => {
    const app = await demoApp();
    await show(app, 'rooms');
    await app.press(keys.enter);
    const frame = app.lastFrame();
    expect(frame).toContain('Rooms › pc1.dc1.example.org\\ItRoom');
    expect(frame).toMatch(/Effective members \(\d+\)/);
    expect(frame).toMatch(/History \(\d+ messages\)/);
    expect(frame).toMatchSnapshot();
  });

  it('shows a pool with its servers grouped by data centre', async () => {
    const app = await demoApp();
    await app.press(keys.enter);
    const frame = app.lastFrame();
    expect(frame).toContain('Data centre dc1');
    expect(frame).toContain('Data centre dc2');
    expect(frame).toMatch(/chat5\.dc2\.example\.org\s+: standby/);
    expect(frame).toMatchSnapshot();
  });

  it('shows the users a policy effectively applies to', async () => {
    const app = await demoApp();
    await show(app, 'policies');
    await app.press(keys.end, keys.enter);
    expect(app.lastFrame()).toMatch(/Applies to \(\d+ users?\)/);
    expect(app.lastFrame()).toMatchSnapshot();
  });

  it('goes back to the list with Esc, keeping the cursor where it was', async () => {
    const app = await demoApp();
    await show(app, 'rooms');
    await app.press('j', 'j', keys.enter, keys.esc);
    expect(app.lastFrame()).toMatch(/› +EmeaRoom/);
    expect(app.lastFrame()).not.toContain('Rooms ›');
  });
});

describe('the help overlay', () => {
  it('lists the keys of the focused pane from the keymap', async () => {
    const app = await demoApp();
    await show(app, 'rooms');
    await app.press('?');
    const frame = app.lastFrame();
    expect(frame).toContain('Keys: Rooms');
    expect(frame).toMatch(/d\s+Remove the selected or marked rooms/);
    await app.press(keys.esc);
    expect(app.lastFrame()).not.toContain('Keys: Rooms');
  });
});

describe('the Drills pane', () => {
  it('shows on % from another pane, newest drill first, with its outcome, seconds and steps done', async () => {
    const app = await demoApp();
    await show(app, 'rooms');
    await app.press('%');
    const rows = app
      .lastFrame()
      .split('\n')
      .filter((line) => line.includes('rehearsal'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/11:06 +failover .* failed +24 +0\/7/);
    expect(rows[1]).toMatch(/11:03 +failback .* succeeded +168 +7\/7/);
    expect(rows[2]).toMatch(/11:00 +failover .* succeeded +168 +7\/7/);
  });

  it('opens a drill on Enter with every step, its outcome, seconds, command line and error', async () => {
    const app = await demoApp({rows: 60});
    await show(app, 'drills');
    await app.press(keys.enter);
    const frame = app.lastFrame();
    expect(frame).toContain('Drills › ');
    expect(frame).toMatch(/Faults +: dc2/);
    expect(frame).toMatch(/Steps done +: 0 of 7/);
    expect(frame).toMatch(/Step 1 of 7 \(failover step \d+\): /);
    expect(frame).toMatch(/Step 7 of 7 \(failover step \d+\): /);
    expect(frame).toMatch(/Error +: /);
    expect(frame).toMatchSnapshot();
  });

  it('shows a succeeded drill’s steps with the command line each ran', async () => {
    const app = await demoApp({rows: 60});
    await show(app, 'drills');
    await app.press('j', keys.enter);
    const frame = app.lastFrame();
    expect(frame).toMatch(/Outcome +: succeeded/);
    expect(frame).toMatch(/Command +: Set-CsPersistentChatActiveServer -Identity /);
    expect(frame).not.toMatch(/Error +: /);
  });

  it('says how to run one when the store has no drills', async () => {
    const demo = await demoStore();
    const app = await renderApp(demo.state, {messages: demo.messages});
    open.push(app);
    await app.press('%');
    expect(app.lastFrame()).toContain('Drills (0/0)');
    expect(app.lastFrame()).toMatchSnapshot();
  });
});
