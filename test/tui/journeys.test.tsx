import {describe, expect, it} from 'vitest';
import {Session} from '../../src/session.js';
import {keys} from '../helpers/keys.js';
import {type RenderedApp} from '../helpers/render-app.js';
import {demoApps} from './demo-console.js';

const demoApp = demoApps();

const roomNames = (app: RenderedApp) => app.session.state.rooms.map((r) => r.name);

/** Another operator, on the same store. */
const elsewhere = (app: RenderedApp) =>
  Session.open({store: app.store!, origin: 'exec', user: 'admin', yes: true});

describe('filtering a list', () => {
  it('narrows the rows as you type, keeps the filter on Enter and clears it on Esc', async () => {
    const app = await demoApp();
    await app.press('3', '/');
    await app.type('help');
    let frame = app.lastFrame();
    expect(frame).toMatch(/Rooms \(2\/\d+\) \/help/);
    expect(frame).toContain('HelpRoom');
    expect(frame).not.toContain('LisbonRoom');
    expect(frame).toMatch(/\/help_ +2 of \d+/);
    await app.press(keys.enter);
    frame = app.lastFrame();
    expect(frame).toMatch(/Rooms \(2\/\d+\) \/help/);
    expect(frame).toContain('Enter open');
    await app.press(keys.esc);
    expect(app.lastFrame()).toContain('LisbonRoom');
    expect(app.lastFrame()).not.toContain('/help');
  });

  it('says why a filtered list is empty and how to get the rows back', async () => {
    const app = await demoApp();
    await app.press('3', '/');
    await app.type('zzzzqqq');
    expect(app.lastFrame()).toContain('No rooms match /zzzzqqq — Esc clears the filter.');
  });

  it('lets Backspace erase in the filter and trigger nothing else', async () => {
    const app = await demoApp();
    const before = app.session.state;
    await app.press('3', '/');
    await app.type('helpx');
    await app.press(keys.backspace);
    expect(app.lastFrame()).toMatch(/\/help_/);
    await app.press(
      keys.backspace,
      keys.backspace,
      keys.backspace,
      keys.backspace,
      keys.backspace,
      keys.backspace,
    );
    expect(app.session.state).toBe(before);
  });
});

describe('creating a room with the form', () => {
  it('runs New-CsPersistentChatRoom, shows the line it ran and puts the cursor on the new room', async () => {
    const app = await demoApp();
    await app.press('3', 'n');
    expect(app.lastFrame()).toContain('New room');
    await app.type('OpsRoom');
    await app.press(keys.tab, keys.right);
    await app.press(keys.enter);
    const frame = await app.waitForFrame((f) => f.includes('✔'));
    expect(frame).toMatch(
      /✔ New-CsPersistentChatRoom -Name "OpsRoom" -Category "pc1\.dc1\.example\.org\\\w+"/,
    );
    expect(frame).toMatch(/› +OpsRoom/);
    expect(roomNames(app)).toContain('OpsRoom');
  });

  it('marks the field an error belongs to and keeps the form open', async () => {
    const app = await demoApp();
    await app.press('3', 'n');
    await app.type('Bad\\Name');
    await app.press(keys.tab, keys.right, keys.enter);
    const frame = app.lastFrame();
    expect(frame).toContain('New room');
    expect(frame).toMatch(/Name\*\s+: Bad\\Name[\s\S]*✖ .*backslash.*\[InvalidName\]/);
    expect(roomNames(app)).not.toContain('Bad\\Name');
  });

  it('asks for the required fields before running anything', async () => {
    const app = await demoApp();
    const revision = app.session.state.revision;
    await app.press('3', 'n', keys.enter);
    expect(app.lastFrame()).toContain('Fill in the required fields.');
    expect(app.lastFrame()).toContain('Name is required.');
    expect(app.session.state.revision).toBe(revision);
  });

  it('writes nothing when the form is cancelled with Esc', async () => {
    const app = await demoApp();
    const revision = app.session.state.revision;
    await app.press('3', 'n');
    await app.type('Nope');
    await app.press(keys.esc);
    expect(app.lastFrame()).toContain('Cancelled; nothing was changed.');
    expect(app.session.state.revision).toBe(revision);
  });
});

describe('removing a room', () => {
  it('asks first: Enter on the default button cancels, y confirms', async () => {
    const app = await demoApp();
    await app.press('3', 'j', 'd');
    let frame = app.lastFrame();
    expect(frame).toContain('Remove room pc1.dc1.example.org\\LisbonRoom?');
    expect(frame).toContain('[ Cancel ]');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain('Cancelled; nothing was changed.');
    expect(roomNames(app)).toContain('LisbonRoom');

    await app.press('d', 'y');
    frame = app.lastFrame();
    // The message line says how to undo it, naming the removal backup.
    const [backup] = app.store!.ports().backups.list();
    expect(frame).toContain(`✔ Kept what it removed in backup ${backup!.id}: Restore-PcBackup`);
    expect(roomNames(app)).not.toContain('LisbonRoom');
  });

  it('from its own detail view goes back to the list with the success message', async () => {
    const app = await demoApp();
    await app.press('3', 'j', keys.enter);
    await app.waitForFrame((f) => f.includes('Members') && !f.includes('Loading'));
    await app.press('d', 'y');
    const frame = app.lastFrame();
    // The success message: how to undo the removal, and under it the line that ran.
    expect(frame).toContain('✔ Kept what it removed in backup');
    expect(frame).toMatch(/Remove-CsPersistentChatRoom -Identity "pc1\.dc1\.example\.org\\LisbonRoom"/);
    expect(frame).not.toContain('RoomNotFound');
    expect(frame).toMatch(/Rooms \(\d+\/\d+\)/);
    expect(frame).not.toContain('LisbonRoom ');
    expect(roomNames(app)).not.toContain('LisbonRoom');
  });

  it('cancels on Esc and on Ctrl-C', async () => {
    const app = await demoApp();
    await app.press('3', 'd', keys.esc, 'd', keys.ctrlC);
    expect(roomNames(app)).toContain('ItRoom');
    expect(app.lastFrame()).toContain('Rooms (');
  });

  it('needs the count typed to remove several marked rooms', async () => {
    const app = await demoApp();
    await app.press('3', keys.space, keys.space, 'd');
    expect(app.lastFrame()).toContain('Remove 2 rooms?');
    await app.type('2 room');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain('Type 2 rooms exactly to confirm');
    expect(roomNames(app)).toContain('ItRoom');
    await app.type('s');
    await app.press(keys.enter);
    expect(roomNames(app)).not.toContain('ItRoom');
    expect(roomNames(app)).not.toContain('LisbonRoom');
    expect(app.lastFrame()).toMatch(/Rooms \(\d+\/\d+\) ─/);
  });
});

describe('read-only mode', () => {
  it('answers "read-only mode" and changes nothing', async () => {
    const app = await demoApp({readOnly: true});
    const before = app.session.state;
    expect(app.lastFrame()).toContain('READ-ONLY');
    await app.press('3', 'd');
    expect(app.lastFrame()).toContain('read-only mode');
    expect(app.lastFrame()).not.toContain('Remove room');
    await app.press(':');
    await app.type('Remove-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom"');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain('read-only mode: Remove-CsPersistentChatRoom changes data');
    expect(app.session.state).toBe(before);
  });
});

describe('an edit that someone else overtook', () => {
  it('is refused with Conflict, shows the current values, and applies on the next Enter', async () => {
    const app = await demoApp();
    await app.press('3', 'e');
    await app.waitForFrame((f) => f.includes('Description') && !f.includes('Loading'));
    const other = await elsewhere(app);
    const changed = await other.run(
      'Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Description "Changed by Bob"',
    );
    expect(changed.ok).toBe(true);

    // Focus Description and replace its text.
    for (let i = 0; i < 10 && !/› Description/.test(app.lastFrame()); i++) await app.press(keys.down);
    await app.press(keys.ctrlU);
    await app.type('Mine');
    await app.press(keys.enter);
    const frame = app.lastFrame();
    expect(frame).toMatch(/✖ .*changed by someone else/);
    expect(frame).toContain('now stored: Changed by Bob');
    expect(app.session.state.rooms.find((r) => r.name === 'ItRoom')?.description).toBe('Changed by Bob');

    await app.press(keys.enter);
    expect(app.session.state.rooms.find((r) => r.name === 'ItRoom')?.description).toBe('Mine');
  });

  it("writes only the operator's own changes on Enter and names who made the other one", async () => {
    const app = await demoApp();
    await app.press('3', 'e');
    await app.waitForFrame((f) => f.includes('Description') && !f.includes('Loading'));
    const other = await elsewhere(app);
    const line = 'Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Privacy "Secret"';
    expect((await other.run(line)).ok).toBe(true);

    for (let i = 0; i < 10 && !/› Description/.test(app.lastFrame()); i++) await app.press(keys.down);
    await app.press(keys.ctrlU);
    await app.type('Mine');
    await app.press(keys.enter);
    // The message wraps inside the dialog's frame: read it as one line.
    const frame = app.lastFrame().replace(/[│\s]+/g, ' ');
    expect(frame).toMatch(/changed by someone else/);
    expect(frame).toContain('Changed by admin (exec) at 2026-01-15T12:00:00.000Z: Set-CsPersistentChatRoom');
    expect(frame).toContain('-Privacy "Secret"');
    expect(frame).not.toContain('-Privacy Closed');
    expect(frame).toContain(
      'Runs: Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Description "Mine" ',
    );

    await app.press(keys.enter);
    const room = app.session.state.rooms.find((r) => r.name === 'ItRoom');
    expect(room?.description).toBe('Mine');
    expect(room?.privacy).toBe('Secret');
    const last = [...app.store!.ports().audit.scan({})].at(-1);
    expect(last?.command).toBe(
      'Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Description "Mine"',
    );
  });
});

describe('changes made elsewhere', () => {
  it('reload the list without moving the cursor off its row', async () => {
    const app = await demoApp();
    await app.press('3', 'j', 'j');
    expect(app.lastFrame()).toMatch(/› +EmeaRoom/);
    const other = await elsewhere(app);
    await other.run('Remove-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom"');
    const frame = await app.waitForFrame((f) => !f.includes('ItRoom'));
    expect(frame).toMatch(/› +EmeaRoom/);
  });
});

describe('resizing', () => {
  it('shows the too-small notice below 80x24 and the console again after', async () => {
    const app = await demoApp();
    await app.resize(60, 20);
    expect(app.lastFrame()).toContain('terminal too small (need 80x24');
    await app.resize(100, 30);
    expect(app.lastFrame()).toContain('Pools (');
  });

  it('acts on no key but quit and redraw while the too-small notice shows', async () => {
    const app = await demoApp({columns: 60, rows: 20});
    const rooms = roomNames(app);
    await app.press('3', 'd', 'y', keys.enter, ':', 'x', keys.enter);
    await app.press('3', 'j', 'd');
    await app.type('2 rooms');
    await app.press(keys.enter);
    expect(roomNames(app)).toEqual(rooms);
    expect(app.controller.ui.overlay.kind).toBe('none');
    expect(app.controller.ui.prompt).toBeNull();
    expect(app.controller.ui.pane).toBe('pools');
    await app.resize(100, 30);
    const frame = app.lastFrame();
    expect(frame).toContain('Pools (');
    expect(frame).not.toContain('Remove room');
  });

  it.each([
    ['q', 'q'],
    ['Ctrl-C', keys.ctrlC],
  ])('still quits with %s while the too-small notice shows', async (_name, key) => {
    let exited = false;
    const app = await demoApp({columns: 60, rows: 20, props: {onExit: () => (exited = true)}});
    await app.press(key);
    expect(exited).toBe(true);
  });

  it('still redraws with Ctrl-L while the too-small notice shows', async () => {
    let redraws = 0;
    const app = await demoApp({columns: 60, rows: 20, props: {onRedraw: () => redraws++}});
    await app.press(keys.ctrlL);
    expect(redraws).toBe(1);
  });

  it('fits every line to the width of a wide terminal', async () => {
    const app = await demoApp({columns: 140, rows: 40});
    await app.press('3');
    for (const line of app.lastFrame().split('\n')) expect([...line].length).toBeLessThanOrEqual(140);
    expect(app.lastFrame().split('\n')).toHaveLength(39);
  });
});
