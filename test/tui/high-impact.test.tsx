import {afterEach, describe, expect, it} from 'vitest';
import {highImpactPreview} from '../../src/tui/high-impact.js';
import {BINDINGS} from '../../src/tui/keymap.js';
import {keys} from '../helpers/keys.js';
import {renderApp, type RenderedApp} from '../helpers/render-app.js';
import {demoStore} from './demo-console.js';

const POOL = 'service:PersistentChatServer:pc1.dc1.example.org';

describe('which typed lines are high impact', () => {
  it.each([
    [
      'Set-CsPersistentChatState -Identity "x" -PoolState FailedOver',
      'Set-CsPersistentChatState -Identity "x" -PoolState FailedOver -WhatIf',
    ],
    [
      `Set-CsPersistentChatActiveServer -Identity "${POOL}" -Swap`,
      `Set-CsPersistentChatActiveServer -Identity "${POOL}" -Swap -WhatIf`,
    ],
    [
      `Set-CsPersistentChatActiveServer -Identity "${POOL}" -Sw`,
      `Set-CsPersistentChatActiveServer -Identity "${POOL}" -Sw -WhatIf`,
    ],
    [
      `Set-CsPersistentChatActiveServer "${POOL}" -ActiveServers $Null`,
      `Set-CsPersistentChatActiveServer "${POOL}" -ActiveServers $Null -WhatIf`,
    ],
    [
      `Set-CsPersistentChatActiveServer "${POOL}" -ActiveServers @{Replace="a"}`,
      `Set-CsPersistentChatActiveServer "${POOL}" -ActiveServers @{Replace="a"} -WhatIf`,
    ],
    [
      'Get-CsPersistentChatState | Set-CsPersistentChatState -PoolState Normal',
      'Get-CsPersistentChatState | Set-CsPersistentChatState -PoolState Normal -WhatIf',
    ],
    [
      'Set-CsPersistentChatRoom -Identity "p\\r" -Disabled $True; Set-CsPersistentChatState -PoolState Normal',
      'Set-CsPersistentChatRoom -Identity "p\\r" -Disabled $True -WhatIf; Set-CsPersistentChatState -PoolState Normal -WhatIf',
    ],
  ])('previews %s with -WhatIf on every command that changes data', (line, preview) => {
    expect(highImpactPreview(line)).toBe(preview);
  });

  it.each([
    `Set-CsPersistentChatActiveServer "${POOL}" -ActiveServers @{Add="a"}`,
    `Set-CsPersistentChatActiveServer "${POOL}" -ActiveServers @{Remove="a"}`,
    `Set-CsPersistentChatActiveServer "${POOL}" -Swap -WhatIf`,
    'Set-CsPersistentChatRoom -Identity "p\\r" -Disabled $True',
    // ConfirmImpact High: the cmdlet asks its own question through the session instead.
    'Clear-CsPersistentChatRoom -Identity "p\\r" -EndDate "1/1/2020"',
    'Get-CsPersistentChatState',
    'Set-CsPersistentChatState -NoSuchParameter',
  ])('runs %s as typed', (line) => {
    expect(highImpactPreview(line)).toBeNull();
  });

  it('asks for a typed confirmation on every key whose cmdlet is high impact whatever its parameters', () => {
    const state = BINDINGS.filter((b) => b.cmdlet === 'Set-CsPersistentChatState');
    expect(state.length).toBeGreaterThan(0);
    for (const b of state) expect(b.tier).toBe(2);
  });
});

const open: RenderedApp[] = [];
afterEach(() => {
  for (const app of open.splice(0)) app.unmount();
});

async function demoApp(): Promise<RenderedApp> {
  const demo = await demoStore();
  const app = await renderApp(demo.state, {messages: demo.messages, columns: 80, rows: 24});
  open.push(app);
  return app;
}

const activeOf = (app: RenderedApp) =>
  app.session.state.topology.persistentChatPools.find((p) => p.fqdn === 'pc1.dc1.example.org')?.activeServers;

describe('swapping the active servers', () => {
  it('asks for the pool name with a preview when typed at :, changes nothing on Esc and swaps once typed', async () => {
    const app = await demoApp();
    const before = app.session.state;
    const active = activeOf(app);
    await app.press(':');
    await app.type(`Set-CsPersistentChatActiveServer -Identity "${POOL}" -Swap`);
    await app.press(keys.enter);
    let frame = app.lastFrame();
    expect(frame).toContain('Type pc1.dc1.example.org to confirm:');
    expect(frame).toContain('What if: Performing the operation "Set-CsPersistentChatActiveServer"');
    await app.press(keys.esc);
    expect(app.session.state).toBe(before);
    expect(app.lastFrame()).toContain('Cancelled; nothing was changed.');

    await app.press(':', keys.up, keys.enter);
    await app.type('pc1.dc1.example.org');
    await app.press(keys.enter);
    expect(activeOf(app)).not.toEqual(active);
    expect(activeOf(app)).toEqual([
      'chat5.dc2.example.org',
      'chat6.dc2.example.org',
      'chat7.dc2.example.org',
      'chat8.dc2.example.org',
    ]);
    frame = app.lastFrame();
    // The swap leaves no active server near the database: the warning and the whole line that ran.
    expect(frame).toContain('[ActiveServerFarFromDatabase]');
    expect(frame).toMatch(/ran: Set-CsPersistentChatActiveServer -Identity\s[^]*-Swap/);
  });

  it('asks the same on the Active servers pane with w', async () => {
    const app = await demoApp();
    const before = app.session.state;
    await app.press('2', 'w');
    const frame = app.lastFrame();
    expect(frame).toContain('Type pc1.dc1.example.org to confirm:');
    expect(frame).toContain('What if: Performing the operation "Set-CsPersistentChatActiveServer"');
    expect(frame).toMatch(/Runs: Set-CsPersistentChatActiveServer -Identity\s[^]*-Swap/);
    await app.press(keys.esc);
    expect(app.session.state).toBe(before);
    await app.press('w');
    await app.type('pc1.dc1.example.org');
    await app.press(keys.enter);
    expect(activeOf(app)).toEqual([
      'chat5.dc2.example.org',
      'chat6.dc2.example.org',
      'chat7.dc2.example.org',
      'chat8.dc2.example.org',
    ]);
  });

  it('runs nothing when the preview finds nothing to do', async () => {
    const app = await demoApp();
    const before = app.session.state;
    await app.press(':');
    await app.type(
      'Set-CsPersistentChatState -Identity "PersistentChatServer:nowhere.example.org" -PoolState FailedOver',
    );
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain('✖ Not run:');
    expect(app.session.state).toBe(before);
  });
});
