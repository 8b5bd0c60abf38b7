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

  // The messages are read one entry at a time (domain/deployment-splitter.ts); each is still refused
  // as a whole file would be, naming the entry and where it is.
  const FIRST_MESSAGE = '"messages": [\n';
  const entryAt = (text: string): {line: number; offset: number} => {
    const start = text.indexOf(FIRST_MESSAGE) + FIRST_MESSAGE.length;
    return {line: text.slice(0, start).split('\n').length, offset: Buffer.byteLength(text.slice(0, start))};
  };
  const withFirstMessage = (entry: string): string =>
    demo().replace(FIRST_MESSAGE, `${FIRST_MESSAGE}${entry},\n`);
  const good =
    '{"room": "pc1.dc1.example.org\\\\ItRoom", "from": "sip:ana@example.org", "at": "2012-03-20T10:00:00Z"';

  it.each([
    [
      'a __proto__ key',
      `${good}, "text": "x", "__proto__": {"isAdmin": true}}`,
      'messages[0] (line {line}) is not valid JSON: Object contains forbidden prototype property',
    ],
    [
      'a constructor key',
      `${good}, "text": "x", "constructor": {"prototype": {"isAdmin": true}}}`,
      'messages[0] (line {line}) is not valid JSON: Object contains forbidden prototype property',
    ],
    [
      'a key given twice',
      `${good}, "text": "x", "text": "y"}`,
      'gives the key messages[0].text twice (line {line})',
    ],
    ['text that is not JSON', `${good}, "text": x}`, 'messages[0] (line {line}) is not valid JSON'],
    [
      'an entry over the size limit',
      `${good}, "text": "${'\\u0041'.repeat(180_000)}"}`,
      'messages[0] (line {line}, byte offset {offset}) is over 1048576 bytes',
    ],
    [
      'nesting past the depth limit',
      `${good}, "text": "x", "more": ${'['.repeat(70)}${']'.repeat(70)}}`,
      'nested more than 64 deep',
    ],
  ])('is refused for a message entry with %s, naming the entry and its line', (_name, entry, message) => {
    const from = path.join(root, 'deployment.json');
    const text = withFirstMessage(entry);
    fs.writeFileSync(from, text);
    const at = entryAt(text);
    const run = pchat(['init', '--store', store, '--from', from]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      message.replace('{line}', String(at.line)).replace('{offset}', String(at.offset)),
    );
    expect(fs.existsSync(store)).toBe(false);
  });

  it('is refused for a message entry that is not UTF-8, naming the entry, line and byte offset', () => {
    const from = path.join(root, 'deployment.json');
    const text = withFirstMessage(`${good}, "text": "caf@"}`);
    const bytes = Buffer.from(text);
    const bad = bytes.indexOf('caf@') + 3;
    bytes[bad] = 0xe9;
    fs.writeFileSync(from, bytes);
    const run = pchat(['init', '--store', store, '--from', from]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `is not valid UTF-8: messages[0], line ${entryAt(text).line}, byte offset ${bad}`,
    );
    expect(fs.existsSync(store)).toBe(false);
  });

  it.each([
    [
      'cut off inside its messages',
      (t: string) => t.slice(0, t.indexOf(FIRST_MESSAGE) + 200),
      'the file ends inside messages',
    ],
    [
      'with a comma missing between two messages',
      (t: string) => t.replace(/\},\n(\s*)\{\n(\s*)"room"/, '}\n$1{\n$2"room"'),
      'messages has a missing comma between two entries (after messages[0]',
    ],
    [
      'with a comma before the end of its messages',
      (t: string) => t.replace(/\}\n(\s*)\]\n\}\s*$/, '},\n$1]\n}\n'),
      'messages has a comma before the closing ]',
    ],
  ])('is refused when it is damaged: %s', (_name, edit, message) => {
    const from = path.join(root, 'deployment.json');
    const text = edit(demo());
    expect(text).not.toBe(demo());
    fs.writeFileSync(from, text);
    const run = pchat(['init', '--store', store, '--from', from]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(fs.existsSync(store)).toBe(false);
  });

  it.each([
    ['no text', `${good}}`, 'messages[0].text: '],
    [
      'a room in a pool the deployment does not have',
      good.replace('pc1.dc1', 'pc9.dc1').replace(/$/, ', "text": "x"}'),
      'messages[0].room: the pool of room "pc9.dc1.example.org\\ItRoom" is not a Persistent Chat pool',
    ],
  ])('is refused for a message with %s, with every problem listed', (_name, entry, message) => {
    const from = path.join(root, 'deployment.json');
    fs.writeFileSync(from, withFirstMessage(entry));
    const run = pchat(['init', '--store', store, '--from', from]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/the deployment file is not valid:\n {2}- [^\n]*\n$/);
    expect(run.stderr).toContain(message);
    expect(fs.existsSync(store)).toBe(false);
  });
});
