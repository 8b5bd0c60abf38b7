// The command mode's checks before a line runs: they ask the language which commands a line holds,
// so aliases, pipelines and quoted text are read exactly as the session will read them.

import {describe, expect, it} from 'vitest';
import {keys} from '../helpers/keys.js';
import {type RenderedApp} from '../helpers/render-app.js';
import {demoApps} from './demo-console.js';

const demoApp = demoApps();

async function runLine(app: RenderedApp, line: string): Promise<string> {
  await app.press(':');
  await app.type(line);
  await app.press(keys.enter);
  return app.lastFrame() ?? '';
}

describe('command mode', () => {
  it('refuses in read-only mode a line whose later stage changes data', async () => {
    const app = await demoApp({readOnly: true});
    const before = app.session.state;
    const frame = await runLine(
      app,
      'Get-CsPersistentChatRoom | where {$_.Name -like "It*"} | Set-CsPersistentChatRoom -Disabled $true',
    );
    expect(frame).toContain('read-only mode: Set-CsPersistentChatRoom changes data');
    expect(app.session.state).toBe(before);
  });

  it('does not mistake a cmdlet name inside a quoted string for a command', async () => {
    const app = await demoApp({readOnly: true});
    const frame = await runLine(app, 'Get-CsPersistentChatRoom -Filter "Remove-CsPersistentChatRoom*"');
    expect(frame).not.toContain('read-only mode');
  });

  it('runs a line that uses aliases of the language commands', async () => {
    const app = await demoApp();
    const frame = await runLine(app, 'Get-CsPersistentChatRoom | ? {$_.Name -eq "ItRoom"} | select Name');
    expect(frame).not.toContain('Unknown command');
    expect(frame).toContain('ItRoom');
  });

  it('names the stage that is no command, not just the first word', async () => {
    const app = await demoApp();
    const frame = await runLine(app, 'Get-CsPersistentChatRoom | Sort-Thing Name');
    expect(frame).toContain('Unknown command "Sort-Thing"');
  });
});
