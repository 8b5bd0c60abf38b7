import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {Session} from '../../src/session.js';
import {childEnv, pchatBin} from '../helpers/pchat-process.js';
import type {RenderedApp} from '../helpers/render-app.js';
import {demoApps, demoConsolesOnDisk} from './demo-console.js';

const consoleOnDisk = demoConsolesOnDisk('pchat-outside-commits-');

const revisionShown = (frame: string): number => Number(/rev (\d+)/.exec(frame)?.[1] ?? NaN);

/** `pchat exec -f` of Set lines on the store, one commit each, as another operator would run it. */
function commitInALoop(dir: string) {
  const script = path.join(path.dirname(dir), 'commits.ps1');
  // Enough lines to outlast the keys: with group commit a script commits about a thousand lines a
  // second here, and a writer that ends early would leave nothing to answer keys beside.
  const lines = Array.from(
    {length: 20_000},
    (_, i) => `Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Description "commit ${i}"`,
  );
  fs.writeFileSync(script, `${lines.join('\n')}\n`);
  const child = spawn(process.execPath, [pchatBin, 'exec', '--store', dir, '-f', script], {
    env: childEnv(),
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {stop: () => (child.kill('SIGTERM'), exited)};
}

/**
 * Writes the key straight to the terminal, as an operator's keys come, without waiting for the
 * console to be idle (a test's press() waits for its reads too), and returns the first frame that
 * shows `wanted`.
 */
async function key(app: RenderedApp, sequence: string, wanted: RegExp): Promise<string> {
  app.stdin.write(sequence);
  return app.waitForFrame((f) => wanted.test(f), {timeout: 5000});
}

describe('the console while another process commits', () => {
  it('answers each key while the commits land, and its header follows the revision', async () => {
    // The writer is this test's own user, so it must be an operator of the store.
    const {app, dir, store} = await consoleOnDisk({
      state: (demo) => ({
        ...demo,
        operators: [...demo.operators, {name: os.userInfo().username, roles: ['CsAdministrator' as const]}],
      }),
      props: () => ({}),
    });
    await app.press('3');
    const first = revisionShown(app.lastFrame());
    const writer = commitInALoop(dir);
    const seen = new Set<number>();
    try {
      await app.waitForFrame((f) => revisionShown(f) > first, {timeout: 20_000});
      // Keys come without a pause: the console must not wait for a gap in them to read the commits.
      // It reads outside commits at most once in 200 ms, so ten revisions take two seconds of keys
      // or more, however fast each key is answered.
      for (let i = 0; i < 400 && seen.size < 10; i++) {
        const frame = await key(app, i % 2 === 0 ? 'j' : 'k', i % 2 === 0 ? /› +LisbonRoom/ : /› +ItRoom/);
        seen.add(revisionShown(frame));
      }
      expect(seen.size).toBeGreaterThanOrEqual(10);
      // The keys were answered while the writer still committed, not after its script ran out: it
      // commits again after the last revision a key's frame showed (asked before the writer stops,
      // since the console reads at most every 200 ms and the writer may be between two commits).
      const shown = Math.max(...seen);
      const deadline = Date.now() + 5000;
      while ((await store.read()).revision <= shown && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect((await store.read()).revision).toBeGreaterThan(shown);
    } finally {
      await writer.stop();
    }
    const last = (await store.read()).revision;
    // Once the writer has stopped, the header shows the store's last revision.
    await app.waitForFrame((f) => revisionShown(f) === last, {timeout: 5000});
  }, 60_000);
});

describe('rows kept from one revision to the next', () => {
  const demoApp = demoApps();

  it('show a category renamed elsewhere in its rooms, and a policy granted elsewhere in Principals', async () => {
    const app = await demoApp();
    await app.press('3', '0');
    expect(app.lastFrame()).toMatch(/Ana Silva +sip:ana@example\.org +Site:DC1 /);
    const other = await Session.open({store: app.store!, origin: 'exec', user: 'admin', yes: true});
    await other.run('Set-CsPersistentChatCategory -Identity "pc1.dc1.example.org\\IT" -Name "ITOps"');
    await other.run(
      'Grant-CsPersistentChatPolicy -Identity "sip:ana@example.org" -PolicyName "DC1PersistentChatPolicy"',
    );
    await app.waitForFrame((f) => /Ana Silva +sip:ana@example\.org +Tag:DC1PersistentCh/.test(f));
    await app.press('3');
    expect(app.lastFrame()).toMatch(/ItRoom +ITOps /);
    expect(app.lastFrame()).toMatch(/LisbonRoom +ITOps /);
  });
});
