// pchat init reads a deployment file of any size a message at a time (issue 12, P8: an L deployment
// is 200 MB): one over the 64 MiB that still bounds a script or the rest of the document, and a
// kill -9 in the middle of such an init leaves no store behind. Its setup script runs in memory
// unless a line needs the disk; then every line is committed on the disk.

import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {childEnv, pchat, pchatBin, projectRoot, tempDir} from '../helpers/pchat-process.js';

const DEMO = path.join(projectRoot, 'data', 'demo');
const MIB = 1024 * 1024;
/** The longest message text the deployment schema takes. */
const LONGEST = 100_000;

let root: string;
let store: string;
beforeEach(() => {
  root = tempDir();
  store = path.join(root, 's');
});
afterEach(() => fs.rmSync(root, {recursive: true, force: true}));

/** The demo deployment with `count` more messages of the longest text, written a message at a time. */
function largeDeployment(count: number): string {
  const demo = fs.readFileSync(path.join(DEMO, 'deployment.json'), 'utf8');
  const at = demo.indexOf('"messages": [') + '"messages": ['.length;
  const file = path.join(root, 'deployment.json');
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, demo.slice(0, at));
  const text = 'lorem ipsum '.repeat(LONGEST / 12).padEnd(LONGEST, '.');
  for (let i = 0; i < count; i++) {
    const m = {
      room: 'pc1.dc1.example.org\\ItRoom',
      from: 'sip:ana@example.org',
      at: '2019-01-01T00:00:00Z',
      text,
    };
    fs.writeSync(fd, `\n${JSON.stringify(m)},`);
  }
  fs.writeSync(fd, demo.slice(at));
  fs.closeSync(fd);
  return file;
}

const demoMessages = (): number =>
  (JSON.parse(fs.readFileSync(path.join(DEMO, 'deployment.json'), 'utf8')) as {messages: unknown[]}).messages
    .length;

describe('pchat init of a large deployment file', () => {
  it('reads a deployment file over 64 MiB and loads every message', () => {
    const from = largeDeployment(680);
    expect(fs.statSync(from).size).toBeGreaterThan(64 * MIB);
    const run = pchat(['init', '--store', store, '--from', from, '--setup', path.join(DEMO, 'setup.ps1')], {
      timeoutMs: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${680 + demoMessages()} messages`);
    const lines = fs.readFileSync(path.join(store, 'messages.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(680 + demoMessages());
    expect((JSON.parse(lines[0]!) as {text: string}).text).toHaveLength(LONGEST);
    const count = pchat([
      'exec',
      '--store',
      store,
      '(Get-PcChatMessage -Room "pc1.dc1.example.org\\ItRoom" | Where-Object {$_.Text.Length -eq 100000}).Count',
    ]);
    expect(count.stdout.trim()).toBe('680');
  }, 180_000);

  it('leaves no store when killed with SIGKILL in the middle', async () => {
    // 20 MB: the kill needs only an init that is still writing when its staging directory shows
    // (the 64 MiB bound is the test above's); the init after the kill then reads 20 MB, not 68.
    const from = largeDeployment(200);
    const child = spawn(
      process.execPath,
      [pchatBin, 'init', '--store', store, '--from', from, '--setup', path.join(DEMO, 'setup.ps1')],
      // Its scratch files go under root too: nothing is left to remove them after a SIGKILL.
      {env: childEnv({TMPDIR: root}), stdio: 'ignore'},
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // The store is being written once its staging directory, beside it, exists.
    const staging = (): string | undefined => fs.readdirSync(root).find((name) => name.startsWith('s.init-'));
    const deadline = Date.now() + 120_000;
    while (staging() === undefined && child.exitCode === null && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(staging()).toBeDefined();
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(fs.existsSync(store)).toBe(false);
    const again = pchat(['init', '--store', store, '--from', from, '--setup', path.join(DEMO, 'setup.ps1')], {
      timeoutMs: 120_000,
    });
    expect(again.status).toBe(0);
  }, 240_000);
});

describe('pchat init with a setup line that needs the disk', () => {
  it('runs the script again on the disk, so the line writes its file into the new store', () => {
    const setup = path.join(root, 'setup.ps1');
    const lines = fs.readFileSync(path.join(DEMO, 'setup.ps1'), 'utf8');
    fs.writeFileSync(setup, `${lines}\nGet-CsPersistentChatRoom | Export-Csv -Path rooms.csv\n`);
    const run = pchat([
      'init',
      '--store',
      store,
      '--from',
      path.join(DEMO, 'deployment.json'),
      '--setup',
      setup,
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(store, 'exports', 'rooms.csv'), 'utf8')).toContain('ItRoom');
    const audit = fs.readFileSync(path.join(store, 'audit.jsonl'), 'utf8').trimEnd().split('\n');
    const commands = audit.map((line) => (JSON.parse(line) as {command: string}).command);
    expect(commands.at(-2)).toBe('Get-CsPersistentChatRoom | Export-Csv -Path rooms.csv');
    expect(commands.at(-1)).toMatch(/^pchat init: load \d+ messages/);
    // Each line once: the run in memory that stopped at the export left nothing behind.
    expect(run.stdout).toContain('(29 setup lines, 5 messages)');
    expect(commands).toHaveLength(30);
  });
});

describe('pchat init with its scratch files on another file system', () => {
  const shm = '/dev/shm';
  it.runIf(fs.existsSync(shm) && fs.statSync(shm).dev !== fs.statSync(os.tmpdir()).dev)(
    "copies the message log into the store, with the store's mode, and leaves no scratch file",
    () => {
      const scratch = fs.mkdtempSync(path.join(shm, 'pchat-test-'));
      try {
        const run = pchat(
          [
            'init',
            '--store',
            store,
            '--from',
            path.join(DEMO, 'deployment.json'),
            '--setup',
            path.join(DEMO, 'setup.ps1'),
          ],
          {env: {TMPDIR: scratch}},
        );
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const log = path.join(store, 'messages.jsonl');
        expect(fs.readFileSync(log, 'utf8').trimEnd().split('\n')).toHaveLength(demoMessages());
        expect(fs.statSync(log).mode & 0o777).toBe(0o600);
        expect(fs.readdirSync(scratch)).toEqual([]);
      } finally {
        fs.rmSync(scratch, {recursive: true, force: true});
      }
    },
  );
});
