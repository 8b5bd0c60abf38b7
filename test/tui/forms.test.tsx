import {afterEach, describe, expect, it} from 'vitest';
import {findCmdlet} from '../../src/cmdlets/catalog.js';
import {BINDINGS} from '../../src/tui/keymap.js';
import {PANE_KEYS, isPaneId} from '../../src/tui/panes/pane-id.js';
import {keys} from '../helpers/keys.js';
import {renderApp, type RenderedApp} from '../helpers/render-app.js';
import {demoStore} from './demo-console.js';

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

const formActions = BINDINGS.filter((b) => /\.(new|edit)$/.test(b.id) && b.id !== 'server.edit');

describe('every form the keymap opens', () => {
  it.each(formActions.map((b) => [b.id, b] as const))(
    '%s opens on a cmdlet of the table, shows its fields and writes nothing on Esc',
    async (_id, binding) => {
      const cmdlet = binding.cmdlet ?? '';
      expect(findCmdlet(cmdlet)).toBeDefined();
      const app = await demoApp();
      const before = app.session.state;
      const pane = binding.scope;
      if (!isPaneId(pane)) throw new Error(`${binding.id} is not a pane action`);
      await app.press(PANE_KEYS[pane], ...binding.keys.slice(0, 1));
      const frame = await app.waitForFrame((f) => f.includes('Runs: ') && !f.includes('Loading'));
      expect(frame).toContain(`Runs: ${cmdlet}`);
      expect(frame).toMatch(/› \w+/);
      await app.press(keys.esc);
      expect(app.session.state).toBe(before);
    },
  );
});

describe('configuration and compliance forms', () => {
  it('creates a configuration for a scope that has none, offered as a choice', async () => {
    const app = await demoApp();
    await app.press('8', 'n');
    expect(app.lastFrame()).toMatch(/› Identity\*\s+: _/);
    await app.press(keys.right);
    const identity = /› Identity\*\s+: (\S+)_/.exec(app.lastFrame())?.[1];
    expect(identity).toMatch(/^(Site|Service):/);
    await app.press(keys.tab);
    await app.type('120');
    await app.press(keys.enter);
    const created = app.session.state.configurations.find((c) => c.identity === identity);
    expect(created?.defaultChatHistory).toBe(120);
    expect(app.lastFrame()).toMatch(new RegExp(`› +${identity?.replace(/[.:]/g, (c) => `\\${c}`)}`));
  });

  it('edits a compliance run interval as a TimeSpan and refuses one out of range on its field', async () => {
    const app = await demoApp();
    await app.press('7', 'e');
    await app.waitForFrame((f) => f.includes('RunInterval') && !f.includes('Loading'));
    while (!/› RunInterval/.test(app.lastFrame())) await app.press(keys.down);
    await app.press(keys.ctrlU);
    await app.type('31.00:00:00');
    await app.press(keys.enter);
    expect(app.lastFrame()).toMatch(/RunInterval\s+: 31\.00:00:00[\s\S]*✖ .*\[OutOfRange\]/);
    await app.press(keys.ctrlU);
    await app.type('00:20:00');
    await app.press(keys.enter);
    expect(app.session.state.compliance.find((c) => c.identity === 'Global')?.runIntervalSeconds).toBe(1200);
  });
});
