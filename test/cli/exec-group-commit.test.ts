// `pchat exec -f` commits a script's lines as a group (src/cli/run-exec.ts): one fsync for many
// lines, and no line's output before its commit is flushed. Killed with -9 at any moment, the store
// holds every line whose output was shown, and the lines it holds are a prefix of the script.

import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {openStore} from '../../src/store/file-store.js';
import {childEnv, pchat, pchatBin, tempDir} from '../helpers/pchat-process.js';

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

const LINES = 600;

function script(dir: string, count = LINES): string {
  const file = path.join(dir, `script-${count}.ps1`);
  const lines = Array.from({length: count}, (_, i) => `New-CsPersistentChatPolicy -Identity Tag:p${i + 1}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Runs pchat without waiting for it; `exited` resolves with its status and output. */
function start(args: readonly string[]): {
  child: ReturnType<typeof spawn>;
  exited: Promise<{status: number | null; stdout: string; stderr: string}>;
} {
  const child = spawn(process.execPath, [pchatBin, ...args], {
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{status: number | null; stdout: string; stderr: string}>((resolve) =>
    child.on('exit', (status) => resolve({status, stdout, stderr})),
  );
  return {child, exited};
}

/** The numbers of the script's policies in the store, in the order of the store's list. */
async function committed(store: string): Promise<{policies: number[]; audit: number[]; revision: number}> {
  const opened = await openStore(store);
  const state = await opened.read();
  const audit = [...opened.ports().audit.scan({})].map((a) => a.seq);
  opened.close();
  return {
    policies: state.policies
      .filter((p) => /^Tag:p\d+$/.test(p.identity))
      .map((p) => Number(p.identity.slice(5))),
    audit,
    revision: state.revision,
  };
}

const shownIn = (stdout: string): number[] =>
  [...stdout.matchAll(/^Identity\s+: Tag:p(\d+)$/gm)].map((m) => Number(m[1]));

describe('pchat exec -f as a group commit', () => {
  it('shows every line and commits each on its own, one revision and one audit entry a line', async () => {
    const store = path.join(root, 'whole');
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const before = (await committed(store)).revision;
    const run = pchat(['exec', '--store', store, '-f', script(root)]);
    expect(run.status).toBe(0);
    const all = Array.from({length: LINES}, (_, i) => i + 1);
    expect(shownIn(run.stdout)).toEqual(all);
    const after = await committed(store);
    expect(after.policies).toEqual(all);
    expect(after.revision).toBe(before + LINES);
    expect(after.audit).toEqual(Array.from({length: before + LINES}, (_, i) => i + 1));
  });

  it("lets another process's commit in between two groups, and the script's later lines commit on top of it", async () => {
    const store = path.join(root, 'shared');
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const count = 3000;
    const scripted = start(['exec', '--store', store, '-f', script(root, count)]);
    // Once the first group is shown, the script holds the lock for each group after it.
    await new Promise<void>((resolve) => scripted.child.stdout?.once('data', () => resolve()));
    const other = await start(['exec', '--store', store, 'New-CsPersistentChatPolicy -Identity Tag:other'])
      .exited;
    expect(other.stderr).toBe('');
    expect(other.status).toBe(0);
    const done = await scripted.exited;
    expect(done.status).toBe(0);
    const opened = await openStore(store);
    const state = await opened.read();
    const audit = [...opened.ports().audit.scan({})];
    opened.close();
    const order = state.policies.map((p) => p.identity).filter((id) => /^Tag:(p\d+|other)$/.test(id));
    const at = order.indexOf('Tag:other');
    // Script lines before it and after it: it landed between two of the script's groups, and the
    // lines after it were committed on the state that held it (else it would have been lost).
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(count);
    expect(order).toEqual([
      ...Array.from({length: at}, (_, i) => `Tag:p${i + 1}`),
      'Tag:other',
      ...Array.from({length: count - at}, (_, i) => `Tag:p${at + i + 1}`),
    ]);
    expect(audit.map((a) => a.seq)).toEqual(Array.from({length: state.revision}, (_, i) => i + 1));
    expect(audit.filter((a) => a.command.includes('Tag:other')).map((a) => a.seq)).toHaveLength(1);
  });

  it.each([1, 2, 3, 4, 5])(
    'killed with -9 (round %i) keeps every line it showed, and the lines it kept are a prefix of the script',
    async (round) => {
      const store = path.join(root, `killed-${round}`);
      expect(pchat(['init', '--store', store]).status).toBe(0);
      const before = (await committed(store)).revision;
      const child = spawn(process.execPath, [pchatBin, 'exec', '--store', store, '-f', script(root)], {
        env: childEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      // After the first group is shown, at a moment inside a later one.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
      child.kill('SIGKILL');
      await exited;
      const shown = shownIn(stdout);
      const kept = await committed(store);
      expect(kept.policies).toEqual(Array.from({length: kept.policies.length}, (_, i) => i + 1));
      expect(kept.policies.length).toBeGreaterThanOrEqual(shown.length);
      expect(shown).toEqual(kept.policies.slice(0, shown.length));
      expect(kept.revision).toBe(before + kept.policies.length);
      expect(kept.audit).toEqual(Array.from({length: kept.revision}, (_, i) => i + 1));
    },
  );
});
