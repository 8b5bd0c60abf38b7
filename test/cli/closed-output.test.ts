// `pchat exec ... | head`: the reader closes standard output early; the lines still run to their end
// and the process exits as it would, without an unhandled EPIPE.

import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {childEnv, pchat, pchatBin, tempDir} from '../helpers/pchat-process.js';

describe('standard output closed by its reader', () => {
  it('runs every line of the script and exits 0, saying nothing of the closed pipe', async () => {
    const dir = tempDir();
    const store = path.join(dir, 's');
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const lines = Array.from({length: 60}, (_, i) => `New-CsPersistentChatPolicy -Identity 'Tag:p${i}'`);
    const script = path.join(dir, 'a.ps1');
    fs.writeFileSync(script, [...lines, 'Get-CsPersistentChatPolicy'].join('\n'));
    const child = spawn(process.execPath, [pchatBin, 'exec', '--store', store, '-f', script], {
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader takes the first bytes, then goes, as head does.
    child.stdout.once('data', () => child.stdout.destroy());
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(status).toBe(0);
    const listed = pchat(['exec', '--store', store, '--', "Get-CsPersistentChatPolicy -Identity 'Tag:p59'"]);
    expect(listed.stdout).toMatch(/Tag:p59/);
  });
});
