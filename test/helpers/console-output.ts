// The console in a real pseudo-terminal (script(1)), quit with q once it has drawn its first pane.

import {spawn, spawnSync} from 'node:child_process';
import {pchatBin, tempDir} from './pchat-process.js';

export const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs the console on a pty with `env`, presses q once it has drawn, and returns every byte it wrote. */
export function consoleOutput(
  store: string,
  env: Record<string, string>,
): Promise<{status: number | null; output: string}> {
  const command = `node ${pchatBin} --store ${store}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: tempDir(), ...env},
  });
  let output = '';
  let quit = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (!quit && output.includes('Pools (')) {
      quit = true;
      setTimeout(() => child.stdin.write('q'), 300);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({status, output});
    }),
  );
}
