import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {pchat, projectRoot, tempDir} from '../helpers/pchat-process.js';

describe('pchat exec start-up', () => {
  it('never loads React or Ink', () => {
    const dir = tempDir();
    const store = path.join(dir, 's');
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const trace = path.join(dir, 'trace.txt');
    const run = pchat(['exec', '--store', store, 'Get-CsPersistentChatState'], {
      env: {PCHAT_TRACE_FILE: trace},
      nodeArgs: ['--import', path.join(projectRoot, 'test', 'helpers', 'trace-imports.mjs')],
    });
    expect(run.status).toBe(0);
    const loaded = fs.readFileSync(trace, 'utf8').split('\n');
    // The trace must have seen the program itself, or it proves nothing.
    expect(loaded.some((url) => url.endsWith('/dist/bundle/main.js'))).toBe(true);
    expect(loaded.filter((url) => /\/node_modules\/(ink|react|react-reconciler)\//.test(url))).toEqual([]);
    expect(loaded.filter((url) => /\/dist\/bundle\/(start|App)-/.test(url))).toEqual([]);
  });
});
