import {afterEach, describe, expect, it} from 'vitest';
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

async function runAtPrompt(app: RenderedApp, line: string): Promise<void> {
  await app.press(':');
  await app.type(line);
  await app.press(keys.enter);
}

/** The lines below the body's bottom border and the footer: the message area. */
const messageArea = (frame: string): string[] => {
  const lines = frame.split('\n');
  const bottom = lines.findLastIndex((l) => l.startsWith('└'));
  return lines.slice(bottom + 2);
};

const DESCRIPTION = 'Questions about the IT estate, from printers and laptops to the chat servers themselves';

describe('the message area', () => {
  it('shows the whole line that ran, wrapped by display width, with the list giving up the rows', async () => {
    const app = await consoleAt80x24();
    await app.press('3');
    const line = `Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Description "${DESCRIPTION}"`;
    await runAtPrompt(app, line);
    const frame = app.lastFrame();
    const area = messageArea(frame);
    expect(area.length).toBeGreaterThan(1);
    expect(area.map((l) => l.trim()).join(' ')).toBe(`✔ ${line}`);
    for (const l of frame.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
    expect(frame.split('\n')).toHaveLength(23);
  });

  it('wraps the line an error came from under the error', async () => {
    const app = await consoleAt80x24();
    const line = `Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\NoSuchRoom" -Description "${DESCRIPTION}"`;
    await runAtPrompt(app, line);
    const area = messageArea(app.lastFrame()).map((l) => l.trim());
    expect(area[0]).toMatch(/^✖ /);
    expect(area.join(' ')).toContain(`ran: ${line}`);
    expect(app.lastFrame().split('\n')).toHaveLength(23);
  });

  it('takes at most a third of the screen and marks what it left out', async () => {
    const app = await consoleAt80x24();
    const long = Array.from({length: 40}, (_, i) => `word${i}`).join(' ');
    const line = `Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Description "${long} ${long}"`;
    await runAtPrompt(app, line);
    const frame = app.lastFrame();
    const area = messageArea(frame);
    expect(area).toHaveLength(8);
    expect(area[7]?.trimEnd()).toMatch(/…$/);
    expect(frame.split('\n')).toHaveLength(23);
    expect(frame).toContain('Pools (');
  });
});
