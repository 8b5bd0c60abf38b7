// Runs the built `pchat` (bin/pchat.js, which runs dist/console/, or dist/exec/ for exec) as a real process. The test project
// that holds these tests builds dist/ from the current sources before it starts (build-bundle.ts).

import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {makeTempDir} from './temp-dirs.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const pchatBin = path.join(projectRoot, 'bin', 'pchat.js');
/** The build's output: dist/bundle/ is the program, dist/store/ the store alone (scripts/bundle.js). */
export const distDir = path.join(projectRoot, 'dist');

export interface ProcessResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function pchat(
  args: readonly string[],
  options: {
    input?: string;
    env?: NodeJS.ProcessEnv;
    nodeArgs?: readonly string[];
    timeoutMs?: number;
    /** A command that starts the program as someone else (test/helpers/other-operator.ts). */
    as?: readonly string[];
  } = {},
): ProcessResult {
  if (!fs.existsSync(path.join(distDir, 'bundle', 'main.js')))
    throw new Error('dist/bundle/ is missing: run npm run build, or the test in the isolated project');
  const [command = process.execPath, ...before] = [...(options.as ?? []), process.execPath];
  const result = spawnSync(command, [...before, ...(options.nodeArgs ?? []), pchatBin, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env: childEnv(options.env),
    timeout: options.timeoutMs ?? 60_000,
  });
  return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** The test's environment without PCHAT_STORE (a test names its store), plus `env`. */
export function childEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const {PCHAT_STORE: _unset, ...rest} = process.env;
  return {...rest, CI: 'true', ...env};
}

export const tempDir = (prefix = 'pchat-test-'): string => makeTempDir(prefix);

/** Every file under dir with its size, mtime and content: a before/after fingerprint. */
export function fingerprint(dir: string): string {
  const rows: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs
      .readdirSync(d, {withFileTypes: true})
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        rows.push(
          `${path.relative(dir, p)} ${st.size} ${st.mtimeMs} ${fs.readFileSync(p).toString('base64')}`,
        );
      }
    }
  };
  walk(dir);
  return rows.join('\n');
}

/** `pchat(args)` without blocking the test's process, so several can run at once. */
export function pchatAsync(
  args: readonly string[],
  options: {env?: NodeJS.ProcessEnv; timeoutMs?: number} = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [pchatBin, ...args], {
      env: childEnv(options.env),
      timeout: options.timeoutMs ?? 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({status, stdout, stderr}));
  });
}

/** Whether a process of this pid is still running (signal 0 only asks). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
