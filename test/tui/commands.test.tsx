import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {demoApps} from './demo-console.js';

const demoApp = demoApps();

describe('command mode', () => {
  it('runs a cmdlet line through the session and shows its output in a result view', async () => {
    const app = await demoApp();
    await app.press(':');
    await app.type('Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom"');
    await app.press(keys.enter);
    const frame = app.lastFrame();
    expect(frame).toContain('Result of Get-CsPersistentChatRoom');
    expect(frame).toMatch(/Identity\s+: pc1\.dc1\.example\.org\\ItRoom/);
    expect(frame).toContain('Pools › :Get-CsPersistentChatRoom');
    await app.press(keys.esc);
    expect(app.lastFrame()).toContain('Pools (');
  });

  it('commits a changing line, records it in the audit log and shows it in Activity', async () => {
    const app = await demoApp();
    await app.press(':');
    await app.type('Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\EmeaRoom" -Privacy Secret');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain(
      '✔ Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\EmeaRoom" -Privacy Secret',
    );
    expect(app.session.state.rooms.find((r) => r.name === 'EmeaRoom')?.privacy).toBe('Secret');
    await app.press('@');
    const frame = await app.waitForFrame((f) => f.includes('Activity (1/1)'));
    expect(frame).toMatch(/admin\s+CsAdm.*Set-CsPersistentChatRoom.*Success/);
  });

  it('shows errors with their ids in the result view and on the message line', async () => {
    const app = await demoApp();
    await app.press(':');
    await app.type('Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\Nowhere"');
    await app.press(keys.enter);
    const frame = app.lastFrame();
    expect(frame).toMatch(/✖ Get-CsPersistentChatRoom \[RoomNotFound\]: /);
    // The result view wraps the whole error, id included.
    expect(frame).toMatch(/│ Get-CsPersistentChatRoom : No chat room .* exists\. +│\n│ \[RoomNotFound\] +│/);
  });

  it('keeps the text of an unknown command so it can be fixed', async () => {
    const app = await demoApp();
    await app.press(':');
    await app.type('frobnicate now');
    await app.press(keys.enter);
    const frame = app.lastFrame();
    expect(frame).toContain('Unknown command "frobnicate"');
    await app.press(keys.backspace);
    expect(app.lastFrame()).toContain(':frobnicate no_');
  });

  it('keeps the text of a line that does not parse', async () => {
    const app = await demoApp();
    await app.press(':');
    await app.type('Get-CsPersistentChatRoom -Identity "unclosed');
    await app.press(keys.enter);
    expect(app.lastFrame()).toMatch(/✖ ParserError \[ParserError\]: /);
    expect(app.lastFrame()).toContain(':Get-CsPersistentChatRoom -Identity "unclosed_');
  });

  it('completes cmdlet names, parameters and identities with Tab', async () => {
    const app = await demoApp();
    await app.press(':');
    await app.type('Get-CsPersistentChatRo');
    expect(app.lastFrame()).toContain(':Get-CsPersistentChatRo_om');
    await app.press(keys.tab);
    await app.type('-Ide');
    await app.press(keys.tab);
    await app.type('Emea');
    await app.press(keys.tab);
    expect(app.lastFrame()).toContain(
      ':Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\EmeaRoom" _',
    );
  });

  it('recalls earlier lines with ↑ and ↓', async () => {
    const app = await demoApp();
    for (const line of ['Get-CsPersistentChatCategory', 'Get-CsPersistentChatAddin']) {
      await app.press(':');
      await app.type(line);
      await app.press(keys.enter, keys.esc);
    }
    await app.press(':', keys.up);
    expect(app.lastFrame()).toContain(':Get-CsPersistentChatAddin_');
    await app.press(keys.up);
    expect(app.lastFrame()).toContain(':Get-CsPersistentChatCategory_');
    await app.press(keys.down, keys.down);
    expect(app.lastFrame()).toMatch(/^:_/m);
  });

  it('shows a pane by name and runs keymap actions by id', async () => {
    const app = await demoApp();
    await app.press(':');
    await app.type('rooms');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain('Rooms (');
    await app.press(':');
    await app.type('room.new');
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain('New room');
  });

  it('aborts with Esc without running anything', async () => {
    const app = await demoApp();
    const before = app.session.state;
    await app.press(':');
    await app.type('Remove-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom"');
    await app.press(keys.esc);
    expect(app.session.state).toBe(before);
    expect(app.lastFrame()).not.toContain(':Remove');
  });

  it('asks in a dialog when a cmdlet needs confirmation, and No changes nothing', async () => {
    const app = await demoApp();
    await app.press(':');
    await app.type('Clear-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -EndDate "1/1/2030"');
    await app.press(keys.enter);
    const frame = await app.waitForFrame((f) => f.includes('Clear-CsPersistentChatRoom: confirm'));
    expect(frame).toContain('[ Cancel ]');
    await app.press(keys.enter);
    const after = await app.waitForFrame((f) => !f.includes(': confirm'));
    expect(after).toContain('Declined; nothing was changed.');
    expect(after).not.toContain('✔');
    expect([...app.store!.ports().messages.scan({})].length).toBeGreaterThan(0);
  });

  it('asks in a dialog when a cmdlet needs confirmation, and y goes ahead', async () => {
    const app = await demoApp();
    const room = app.session.state.rooms.find((r) => r.name === 'ItRoom')!;
    const before = [...app.store!.ports().messages.scan({roomIds: [room.id]})].length;
    expect(before).toBeGreaterThan(0);
    await app.press(':');
    await app.type('Clear-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -EndDate "1/1/2030"');
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes('Clear-CsPersistentChatRoom: confirm'));
    await app.press('y');
    await app.waitForFrame((f) => f.includes('✔ Kept what it removed in backup'));
    expect([...app.store!.ports().messages.scan({roomIds: [room.id]})]).toHaveLength(0);
  });
});
