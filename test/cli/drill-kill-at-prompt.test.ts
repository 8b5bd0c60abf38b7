// A live drill killed with -9 at step 3 resumes at step 3. On a terminal (script(1) gives the drill
// a real pseudo-terminal) step 3 waits for the operator to acknowledge its SQL work, so the kill
// lands there every time, with no hook in the program. Skipped where script(1) is missing.

import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {alive, pchat, pchatBin, tempDir} from '../helpers/pchat-process.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

interface RecordFile {
  readonly steps: readonly {readonly outcome: string}[];
}

const recordsOf = (store: string): string[] =>
  fs.existsSync(path.join(store, 'drills'))
    ? fs.readdirSync(path.join(store, 'drills')).filter((f) => f.endsWith('.json'))
    : [];
const recordOf = (store: string, name: string): RecordFile =>
  JSON.parse(fs.readFileSync(path.join(store, 'drills', name), 'utf8')) as RecordFile;

describe.skipIf(!hasScript)('a live drill on a terminal', () => {
  it('killed with -9 while step 3 waits for its acknowledgement, resumes at step 3 and finishes', async () => {
    const store = path.join(tempDir(), 'store');
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const command = `node ${pchatBin} drill failover --live --store ${store}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {detached: true});
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    try {
      const until = async (text: string): Promise<void> => {
        for (let waited = 0; !output.includes(text); waited += 50) {
          if (waited > 30_000) throw new Error(`never saw "${text}" in: ${output}`);
          await sleep(50);
        }
      };
      await until('Step 2 of 7');
      child.stdin.write('y\r');
      await until('Step 3 of 7');
      const [name] = recordsOf(store);
      expect(recordOf(store, name!).steps.map((s) => s.outcome)).toEqual([
        'ok',
        'acknowledged',
        'pending',
        'pending',
        'pending',
        'pending',
        'pending',
      ]);
      // The drill itself (script(1) starts it in a session of its own): its pid is in its pool's lock.
      const lock = JSON.parse(
        fs.readFileSync(path.join(store, 'drills', 'pc1.dc1.example.org.lock'), 'utf8'),
      ) as {
        pid: number;
      };
      process.kill(lock.pid, 'SIGKILL');
      while (alive(lock.pid)) await sleep(20);
    } finally {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on('exit', resolve)));

    const resumed = pchat(['drill', 'failover', '--live', '--resume', '--yes', '--store', store]);
    expect(resumed.stderr).toContain('at step 3 of 7');
    expect(resumed.status).toBe(0);
    const [name] = recordsOf(store);
    expect(recordsOf(store)).toHaveLength(1);
    expect(recordOf(store, name!).steps.map((s) => s.outcome)).toEqual([
      'ok',
      'acknowledged',
      'acknowledged',
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
  }, 60_000);
});
