import {describe, expect, it} from 'vitest';
import {resolveKeymap} from '../../src/tui/keys-config.js';
import {keys} from '../helpers/keys.js';
import {type RenderedApp} from '../helpers/render-app.js';
import {demoApps} from './demo-console.js';

const demoApp = demoApps();

const lastAudit = (app: RenderedApp): string | undefined =>
  [...app.store!.ports().audit.scan({})].at(-1)?.command;

const pool1 = (app: RenderedApp) =>
  app.session.state.topology.persistentChatPools.find((p) => p.fqdn === 'pc1.dc1.example.org')!;

describe('the active-server editor', () => {
  it('previews the 4-active limit and the proximity warning with the cmdlet before saving', async () => {
    const app = await demoApp();
    await app.press('2', 'e');
    expect(app.lastFrame()).toContain('Active servers of pc1.dc1.example.org (4 of at most 4)');
    // chat5 (dc2) on: five active.
    await app.press(keys.down, keys.down, keys.down, keys.down, keys.space);
    let frame = await app.waitForFrame((f) => f.includes('[ActiveServerLimit]'));
    expect(frame).toContain('✖');
    // chat1 off: four again, but chat5 is far from the database in dc1.
    await app.press(keys.home, keys.space);
    frame = await app.waitForFrame((f) => !f.includes('Checking') && !f.includes('[ActiveServerLimit]'));
    expect(frame).toMatch(/! .*chat5\.dc2\.example\.org/);
    expect(pool1(app).activeServers).toHaveLength(4);
    expect(pool1(app).activeServers).toContain('chat1.dc1.example.org');

    // Replacing the list is high impact: Enter asks what the same line asks at `:`.
    await app.press(keys.enter);
    frame = app.lastFrame();
    expect(frame).toContain('Type pc1.dc1.example.org to confirm:');
    expect(frame).toContain('Preview:');
    expect(pool1(app).activeServers).toContain('chat1.dc1.example.org');
    await app.type('pc1.dc1.example.org');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain(
      'ran: Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org',
    );
    expect(lastAudit(app)).toBe(
      'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org" -ActiveServers @{Replace="chat2.dc1.example.org","chat3.dc1.example.org","chat4.dc1.example.org","chat5.dc2.example.org"}',
    );
    expect(pool1(app).activeServers).toContain('chat5.dc2.example.org');
    expect(pool1(app).activeServers).not.toContain('chat1.dc1.example.org');
  });

  it('changes nothing when left with Esc', async () => {
    const app = await demoApp();
    const before = pool1(app).activeServers;
    await app.press('2', 'e', keys.space, keys.esc);
    expect(pool1(app).activeServers).toEqual(before);
  });

  it('puts a server on standby after asking', async () => {
    const app = await demoApp();
    await app.press('2', keys.end, keys.up, keys.up, keys.up, keys.up, keys.up, 's');
    expect(app.lastFrame()).toContain('Put on standby: chat4.dc1.example.org?');
    await app.press('y');
    expect(pool1(app).activeServers).not.toContain('chat4.dc1.example.org');
  });

  it('reports the limit when one more server is activated', async () => {
    const app = await demoApp();
    await app.press('2', keys.down, keys.down, keys.down, keys.down, 'a');
    expect(app.lastFrame()).toMatch(/✖ Set-CsPersistentChatActiveServer \[ActiveServerLimit\]/);
    expect(pool1(app).activeServers).toHaveLength(4);
  });
});

describe('failing a pool over', () => {
  it('previews the change and needs the pool name typed', async () => {
    const app = await demoApp();
    await app.press('f');
    const frame = await app.waitForFrame((f) => f.includes('Preview:'));
    expect(frame).toContain('Fail over pool pc1.dc1.example.org?');
    expect(frame).toContain('What if:');
    await app.type('pc1');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain('Type pc1.dc1.example.org exactly to confirm');
    expect(pool1(app).poolState).toBe('Normal');
    await app.press(keys.ctrlU);
    await app.type('pc1.dc1.example.org');
    await app.press(keys.enter);
    expect(lastAudit(app)).toBe(
      'Set-CsPersistentChatState -Identity "service:PersistentChatServer:pc1.dc1.example.org" -PoolState FailedOver',
    );
    expect(pool1(app).poolState).toBe('FailedOver');
    await app.press('f');
    expect(app.lastFrame()).toContain('! Pool pc1.dc1.example.org is already FailedOver.');
  });
});

describe('editing a room', () => {
  it('loads the current values and writes only what changed', async () => {
    const app = await demoApp();
    await app.press('3', 'e');
    let frame = await app.waitForFrame((f) => f.includes('Privacy') && !f.includes('Loading'));
    expect(frame).toMatch(/Description\s+: General IT chat room/);
    expect(frame).toMatch(/Privacy\s+: Closed/);
    while (!/› Privacy/.test(app.lastFrame())) await app.press(keys.down);
    await app.press(keys.right);
    frame = app.lastFrame();
    expect(frame).toContain(
      'Runs: Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Privacy Secret',
    );
    await app.press(keys.enter);
    expect(app.session.state.rooms.find((r) => r.name === 'ItRoom')?.privacy).toBe('Secret');
  });

  it('picks members from the principals the category allows', async () => {
    const app = await demoApp();
    await app.press('3', 'e');
    await app.waitForFrame((f) => f.includes('Members') && !f.includes('Loading'));
    while (!/› Members/.test(app.lastFrame())) await app.press(keys.down);
    await app.press(keys.space);
    let frame = await app.waitForFrame((f) => f.includes('Eligible principals'));
    expect(frame).toMatch(/\[x\] .*sip:ana@example\.org/);
    expect(frame).toMatch(/\[ \] .*sip:carl@example\.org/);
    while (!/› \[ \] .*sip:carl@example\.org/.test(app.lastFrame())) await app.press(keys.down);
    await app.press(keys.space, keys.enter);
    frame = app.lastFrame();
    expect(frame).toMatch(/Members\s+: sip:ana@example\.org, sip:ben@example\.org, sip:carl@example\.org/);
    expect(frame).toContain('@{Add="sip:carl@example.org"}');
    await app.press(keys.enter);
    expect(app.session.state.rooms.find((r) => r.name === 'ItRoom')?.members).toContain(
      'sip:carl@example.org',
    );
  });

  it('disables and enables a room with x', async () => {
    const app = await demoApp();
    await app.press('3', 'j', 'x');
    expect(app.lastFrame()).toMatch(/LisbonRoom .* disabled/);
    expect(app.session.state.rooms.find((r) => r.name === 'LisbonRoom')?.disabled).toBe(true);
    await app.press('x');
    expect(app.session.state.rooms.find((r) => r.name === 'LisbonRoom')?.disabled).toBe(false);
  });
});

describe('policies', () => {
  it('asks again when the cmdlet finds the policy still assigned', async () => {
    const app = await demoApp();
    await app.press('5');
    while (!/› +Tag:DC1UsersPersistentChatPolicy/.test(app.lastFrame())) await app.press(keys.down);
    await app.press('d', 'y');
    const frame = await app.waitForFrame((f) => f.includes('Remove-CsPersistentChatPolicy: confirm'));
    expect(frame).toContain('[ Cancel ]');
    await app.press('y');
    await app.waitForFrame((f) => f.includes('ran: Remove-CsPersistentChatPolicy'));
    expect(app.lastFrame()).toMatch(/! 2 user\(s\) no longer hold Tag:DC1UsersPersistentChatPolicy/);
    expect(app.session.state.policies.map((p) => p.identity)).not.toContain(
      'Tag:DC1UsersPersistentChatPolicy',
    );
  });

  it('asks in the console whose session asked, when two consoles run in one process', async () => {
    const first = await demoApp();
    const second = await demoApp();
    await first.press('5');
    while (!/› +Tag:DC1UsersPersistentChatPolicy/.test(first.lastFrame())) await first.press(keys.down);
    await first.press('d', 'y');
    await first.waitForFrame((f) => f.includes('Remove-CsPersistentChatPolicy: confirm'));
    expect(second.lastFrame()).not.toContain('Remove-CsPersistentChatPolicy: confirm');
    await first.press('y');
    await first.waitForFrame((f) => f.includes('ran: Remove-CsPersistentChatPolicy'));
    expect(first.session.state.policies.map((p) => p.identity)).not.toContain(
      'Tag:DC1UsersPersistentChatPolicy',
    );
  });

  it('assigns a per-user policy to a user from the Principals pane', async () => {
    const app = await demoApp();
    await app.press(':', ...'principals', keys.enter);
    while (!/› +user +Sam Rivera/.test(app.lastFrame())) await app.press(keys.down);
    await app.press('a');
    expect(app.lastFrame()).toContain('Assign a policy to Sam Rivera');
    await app.press(keys.right);
    await app.press(keys.enter);
    // The whole line that ran, wrapped onto a second line rather than cut at the width.
    expect(app.lastFrame()).toMatch(
      /✔ Grant-CsPersistentChatPolicy -Identity "sip:sam\.rivera@example\.org" -PolicyName *\n +"DC1PersistentChatPolicy"/,
    );
    expect(app.lastFrame()).toMatch(/› +user +Sam Rivera .* Tag:DC1/);
    expect(
      app.session.state.directory.users.find((u) => u.displayName === 'Sam Rivera')?.persistentChatPolicy,
    ).toMatch(/^DC1/);
  });
});

describe('roles', () => {
  it('refuses an action the role may not run, before it opens anything', async () => {
    const app = await demoApp({user: 'visitor'});
    await app.press('3', 'd');
    expect(app.lastFrame()).toContain(
      '✖ Access denied: role CsViewOnlyAdministrator may not run Remove-CsPersistentChatRoom.',
    );
    expect(app.lastFrame()).not.toContain('[ Cancel ]');
  });
});

describe('key overrides', () => {
  it('drive the footer and the dispatcher, and a bad entry shows as a start-up warning', async () => {
    const {keymap, warnings} = resolveKeymap({bindings: {'room.remove': 'D', 'room.explode': 'z'}});
    const app = await demoApp({props: {keymap, startupWarnings: warnings}});
    expect(app.lastFrame()).toContain('! keys.json: unknown action "room.explode" ignored.');
    await app.press('3');
    expect(app.lastFrame()).toContain('D remove');
    await app.press('d');
    expect(app.lastFrame()).not.toContain('Remove room');
    await app.press('D');
    expect(app.lastFrame()).toContain('Remove room pc1.dc1.example.org\\ItRoom?');
  });
});
