// What --store and PCHAT_STORE may name: never an empty string (an unset shell variable would send
// the command to the demo store), and never a place where a directory cannot be made.

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {pchat, tempDir} from '../helpers/pchat-process.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, {recursive: true, force: true});
});

describe('an empty store path', () => {
  it.each([
    ['--store on exec', ['exec', '--store', '', 'Get-CsPersistentChatState'], {}],
    ['--store before the command', ['--store', '', 'exec', 'Get-CsPersistentChatState'], {}],
    ['--store on init', ['init', '--store', ''], {}],
    ['--store on drill', ['drill', 'failover', '--store', ''], {}],
    ['PCHAT_STORE on exec', ['exec', 'Get-CsPersistentChatState'], {PCHAT_STORE: ''}],
    ['PCHAT_STORE on init', ['init'], {PCHAT_STORE: ''}],
  ])('is a usage error when given as %s', (_name, args, env) => {
    const run = pchat(args, {env});
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^pchat: (--store|PCHAT_STORE) is empty/);
    expect(run.stdout).toBe('');
  });

  it('does not stop --store from naming the store when PCHAT_STORE is empty', () => {
    const store = path.join(tempDir(), 's');
    dirs.push(path.dirname(store));
    expect(pchat(['init', '--store', store], {env: {PCHAT_STORE: ''}}).status).toBe(0);
    expect(
      pchat(['exec', '--store', store, 'Get-CsPersistentChatState'], {env: {PCHAT_STORE: ''}}).status,
    ).toBe(0);
  });
});

describe('a store path where no directory can be made', () => {
  it.runIf(fs.existsSync('/proc/self'))(
    'is refused at once on /proc, naming the path, instead of looping for ever',
    () => {
      const started = Date.now();
      const run = pchat(['init', '--store', '/proc/self/pchat-store'], {timeoutMs: 15_000});
      expect(run.status).toBe(3);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(run.stderr).toContain('/proc/self');
      expect(run.stderr).toMatch(/pseudo file system/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
