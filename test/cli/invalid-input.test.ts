// Text that is not what it seems is refused where it comes in, naming where: bytes that are not UTF-8
// on the command line or in a script (never turned into U+FFFD), and a deployment file with a byte
// order mark or a key given twice in one object (JSON.parse would keep the last one silently).

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {childEnv, pchat, pchatBin, tempDir} from '../helpers/pchat-process.js';

let root: string;
let store: string;
beforeEach(() => {
  root = tempDir();
  store = path.join(root, 's');
});
afterEach(() => fs.rmSync(root, {recursive: true, force: true}));

/** pchat with arguments given as bytes: the shell's printf writes them, so no UTF-8 encoder sees them. */
function pchatWithBytes(args: readonly string[]): {status: number | null; stdout: string; stderr: string} {
  const quoted = args.map((a) => (a.includes('\\') ? `"$(printf '${a}')"` : `'${a}'`)).join(' ');
  const run = spawnSync('sh', ['-c', `exec "$0" "$1" ${quoted}`, process.execPath, pchatBin], {
    encoding: 'utf8',
    env: childEnv(),
  });
  return {status: run.status, stdout: run.stdout, stderr: run.stderr};
}

describe('command-line arguments', () => {
  it.runIf(fs.existsSync('/proc/self/cmdline'))(
    'are refused when they are not UTF-8, naming the argument and the byte offset',
    () => {
      expect(pchat(['init', '--store', store]).status).toBe(0);
      // "Café" in Latin-1: 0xE9 is not UTF-8.
      const run = pchatWithBytes(['exec', '--store', store, 'New-CsPersistentChatPolicy -Identity Caf\\351']);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('argument 4');
      expect(run.stderr).toContain('not valid UTF-8 at byte offset 40');
      const list = pchat(['exec', '--store', store, '--json', 'Get-CsPersistentChatPolicy']);
      expect(list.stdout).not.toContain('Caf');
    },
  );

  it('keep a U+FFFD that was typed as one', () => {
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const run = pchatWithBytes([
      'exec',
      '--store',
      store,
      'New-CsPersistentChatPolicy -Identity Caf\\357\\277\\275',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Tag:Caf\uFFFD');
  });
});

describe('a script', () => {
  it('is refused when it is not UTF-8, naming the line and the byte offset', () => {
    const script = path.join(root, 'lines.ps1');
    fs.writeFileSync(
      script,
      Buffer.concat([
        Buffer.from('Get-CsPersistentChatState\n# Caf'),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ]),
    );
    const run = pchat(['exec', '--store', store, '-f', script]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${script} is not valid UTF-8: line 2, byte offset 31`);
  });
});

describe('a deployment file', () => {
  const demo = (): string =>
    fs.readFileSync(path.join(path.dirname(pchatBin), '..', 'data', 'demo', 'deployment.json'), 'utf8');

  it('is refused when it starts with a byte order mark', () => {
    const from = path.join(root, 'deployment.json');
    fs.writeFileSync(from, `\uFEFF${demo()}`);
    const run = pchat(['init', '--store', store, '--from', from]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${from} starts with a UTF-8 byte order mark`);
    expect(fs.existsSync(store)).toBe(false);
  });

  it.each([
    ['at the top level', (t: string) => t.replace('{', '{"sipDomains": ["other.example"],'), 'sipDomains'],
    [
      'in an object inside a list',
      (t: string) => t.replace(/"fqdn": "pc1\.dc1\.example\.org",/, '$& "fqdn": "pc9.dc1.example.org",'),
      'persistentChatPools[0].fqdn',
    ],
    ['spelt with an escape', (t: string) => t.replace('{', '{"sip\\u0044omains": [],'), 'sipDomains'],
  ])('is refused when a key is given twice %s, naming its path', (_name, edit, where) => {
    const from = path.join(root, 'deployment.json');
    const text = edit(demo());
    expect(text).not.toBe(demo());
    fs.writeFileSync(from, text);
    const run = pchat(['init', '--store', store, '--from', from]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`gives the key ${where} twice`);
    expect(fs.existsSync(store)).toBe(false);
  });
});
