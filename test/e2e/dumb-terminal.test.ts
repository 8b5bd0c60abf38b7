// The console on TERM=dumb, in a real pseudo-terminal (script(1)): plain ASCII, no colour and no
// alternate screen, whatever the locale says. Skipped where script(1) is missing.

import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {consoleOutput, hasScript} from '../helpers/console-output.js';
import {pchat, tempDir} from '../helpers/pchat-process.js';

describe.skipIf(!hasScript)('the console on a dumb terminal', () => {
  let store: string;
  beforeAll(() => {
    store = path.join(tempDir(), 's');
    expect(pchat(['init', '--store', store]).status).toBe(0);
  });

  it('draws plain ASCII without colour and never switches to the alternate screen', async () => {
    const {status, output} = await consoleOutput(store, {TERM: 'dumb', LANG: 'C.UTF-8'});
    expect(output).toContain('Pools (');
    expect(status).toBe(0);
    expect(output).not.toContain('\x1b[?1049h');
    expect(output).not.toContain('\x1b[?1049l');
    expect([...output].filter((c) => c.codePointAt(0)! > 0x7f)).toEqual([]);
    // No foreground colour: ESC [ ... 3x m.
    expect(output.split('\x1b[').filter((rest) => /^[0-9;]*3[0-7]m/.test(rest))).toEqual([]);
  });

  it('keeps the alternate screen and Unicode on an ordinary terminal', async () => {
    const {status, output} = await consoleOutput(store, {TERM: 'xterm-256color', LANG: 'C.UTF-8'});
    expect(status).toBe(0);
    expect(output).toContain('\x1b[?1049h');
    expect(output).toContain('┌');
  });
});
