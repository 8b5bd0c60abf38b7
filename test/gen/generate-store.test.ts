// The synthetic-store generator (src/gen): S is the demo, a larger store passes the store's own
// checks and answers cmdlets, the same seed gives the same store, and its init files make the same
// store through `pchat init`.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {generateStore, type GeneratedStore} from '../../src/gen/generate.js';
import {writeInitFiles} from '../../src/gen/init-files.js';
import {SIZES, type Size} from '../../src/gen/sizes.js';
import {writeStore} from '../../src/gen/write-store.js';
import {openStore} from '../../src/store/file-store.js';
import {StoreError} from '../../src/store/port.js';
import {DurableStateFile, serializeState} from '../../src/store/state-file.js';
import {demoDeployment} from '../helpers/demo.js';
import {distDir, pchat, projectRoot, tempDir} from '../helpers/pchat-process.js';

const user = os.userInfo().username;
const generate = (size: Size, seed?: number): GeneratedStore =>
  generateStore(size, {demo: demoDeployment(), initUser: user, ...(seed === undefined ? {} : {seed})});

const dirs: string[] = [];
const newDir = (): string => {
  const dir = tempDir('pchat-gen-');
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** A line's JSON output with the ids (random in a store made by init) masked. */
const answer = (store: string, line: string): string => {
  const run = pchat(['exec', '--store', store, '--json', line]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout.replace(UUID, '<id>');
};
/**
 * Each line's JSON output with the ids masked, from one `pchat exec` of all the lines (with --json,
 * the Nth line of standard output is the Nth line's array): a process for each line took most of
 * this file's time. The lines only read, so none sees another's effect.
 */
const answers = (store: string, lines: readonly string[]): string[] => {
  const run = pchat(['exec', '--store', store, '--json', '--', ...lines]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = run.stdout.replace(UUID, '<id>').split('\n');
  expect(out).toHaveLength(lines.length + 1);
  expect(out.at(-1)).toBe('');
  return out.slice(0, -1);
};
/** Each line answers on `store` exactly as on `like`. */
const expectSameAnswers = (store: string, like: string, lines: readonly string[]): void => {
  const [got, expected] = [answers(store, lines), answers(like, lines)];
  lines.forEach((line, i) => expect(got[i], line).toBe(expected[i]));
};

const GETS = [
  'Get-CsPersistentChatRoom',
  'Get-CsPersistentChatCategory',
  'Get-CsPersistentChatPolicy',
  'Get-CsPersistentChatAddin',
  'Get-CsPersistentChatEndpoint',
  'Get-CsPersistentChatConfiguration',
  'Get-CsPersistentChatComplianceConfiguration',
  'Get-CsPersistentChatState',
  'Get-CsPool',
  'Get-CsUser',
  'Get-CsAdPrincipal -LdapFilter "(objectClass=*)"',
  'Get-PcChatMessage -Room "pc1.dc1.example.org\\ItRoom"',
  'Get-CsPersistentChatEligiblePrincipal -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "ITChat"',
];

describe('a generated S store', () => {
  const demo = path.join(newDir(), 'demo');
  const s = path.join(newDir(), 's');

  it('answers every Get as the store pchat init makes from the demo files does, ids aside', async () => {
    const init = pchat(['init', '--store', demo]);
    expect(init.status).toBe(0);
    const generated = generate(SIZES.S);
    await writeStore(s, generated.state, generated.messages);
    expectSameAnswers(s, demo, GETS);
  });

  it('differs from the demo store only in its ids, its revision and its empty audit log', () => {
    // The state as the store reads it: state.json with the state log's changes applied.
    const read = (dir: string): Record<string, unknown> =>
      JSON.parse(
        serializeState(new DurableStateFile(path.join(dir, 'state.json')).readSync()).replace(UUID, '<id>'),
      ) as Record<string, unknown>;
    const revs = /"rev": \d+/g;
    const strip = (dir: string): string =>
      JSON.stringify({...read(dir), revision: 0}, null, 2).replace(revs, '"rev": 0');
    expect(strip(s)).toBe(strip(demo));
    expect(read(s)['revision']).toBe(0);
    expect(fs.readFileSync(path.join(s, 'audit.jsonl'), 'utf8')).toBe('');
    expect(fs.readFileSync(path.join(demo, 'audit.jsonl'), 'utf8')).not.toBe('');
  });
});

describe('the generator', () => {
  const small: Size = {rooms: 60, users: 200, messages: 2_000};

  it('gives the same store for the same size and seed, and another for another seed', () => {
    const a = generate(small);
    const b = generate(small);
    expect(JSON.stringify(b.state)).toBe(JSON.stringify(a.state));
    expect(JSON.stringify(b.messages)).toBe(JSON.stringify(a.messages));
    expect(JSON.stringify(generate(small, 7).state)).not.toBe(JSON.stringify(a.state));
  });

  it('makes the counts it is asked for, the demo included', () => {
    const {state, messages} = generate(small);
    expect(state.rooms).toHaveLength(60);
    expect(state.directory.users).toHaveLength(200);
    expect(messages).toHaveLength(2_000);
    expect(state.rooms.map((r) => r.name)).toContain('ItRoom');
  });

  it('refuses an existing directory unless forced, and then keeps the old store as a backup', async () => {
    const dir = path.join(newDir(), 'store');
    const {state, messages} = generate(SIZES.S);
    await writeStore(dir, state, messages);
    await expect(writeStore(dir, state, messages)).rejects.toMatchObject({code: 'StoreExists'});
    await expect(writeStore(dir, state, messages)).rejects.toBeInstanceOf(StoreError);
    await writeStore(dir, state, messages, {force: true});
    expect(fs.readdirSync(path.join(dir, 'backups'))).toHaveLength(1);
  });

  it('writes init files from which pchat init makes the same store, every setup line succeeding', async () => {
    const generated = generate(small);
    const files = writeInitFiles(newDir(), generated);
    const fromInit = path.join(newDir(), 'init');
    const init = pchat(['init', '--store', fromInit, '--from', files.deployment, '--setup', files.setup]);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    const direct = path.join(newDir(), 'direct');
    await writeStore(direct, generated.state, generated.messages);
    const room = generated.state.rooms.at(-1)!;
    const history = `Get-PcChatMessage -Room "${room.poolFqdn}\\${room.name}"`;
    expectSameAnswers(direct, fromInit, [
      'Get-CsPersistentChatRoom',
      'Get-CsPersistentChatCategory',
      'Get-CsUser',
      history,
    ]);
  });
});

describe('a larger generated store', () => {
  // M takes longer than the suite should wait here; this is the same code path at a fifth of M.
  const size: Size = {rooms: 200, users: 1_000, messages: 20_000};
  const generated = generate(size);
  const dir = path.join(newDir(), 'store');

  it('passes the store checks: the state parses against its schema, every message line reads back', async () => {
    await writeStore(dir, generated.state, generated.messages);
    const store = await openStore(dir);
    try {
      const state = await store.read();
      expect(state.rooms).toHaveLength(size.rooms);
      let count = 0;
      for (const _ of store.ports().messages.scan({})) count += 1;
      expect(count).toBe(size.messages);
    } finally {
      store.close();
    }
  });

  it('answers Get, Set and Clear lines', () => {
    const room = generated.state.rooms.find((r) => r.name !== 'ItRoom' && r.members.length > 0)!;
    const identity = `${room.poolFqdn}\\${room.name}`;
    const rooms = JSON.parse(answer(dir, 'Get-CsPersistentChatRoom')) as unknown[];
    expect(rooms).toHaveLength(size.rooms);
    const set = pchat([
      'exec',
      '--store',
      dir,
      `Set-CsPersistentChatRoom -Identity "${identity}" -Description "moved"`,
    ]);
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    const inRoom = generated.messages.filter((m) => m.roomId === room.id).length;
    const history = `Get-PcChatMessage -Room "${identity}"`;
    expect(inRoom).toBeGreaterThan(0);
    expect(JSON.parse(answer(dir, history))).toHaveLength(inRoom);
    const clear = pchat([
      'exec',
      '--store',
      dir,
      `Clear-CsPersistentChatRoom -Identity "${identity}" -EndDate "1/1/2030" -Confirm:$False`,
    ]);
    expect(clear.status).toBe(0);
    expect(JSON.parse(answer(dir, history))).toHaveLength(0);
  });
});

describe('npm run gen', () => {
  const gen = (args: readonly string[]) =>
    spawnSync(process.execPath, [path.join(distDir, 'gen', 'main.js'), ...args], {
      cwd: projectRoot,
      encoding: 'utf8',
    });

  it('writes a store, and refuses to write over one without --force', () => {
    const dir = path.join(newDir(), 's');
    expect(gen(['S', dir]).status).toBe(0);
    const again = gen(['S', dir]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists\. Use --force/);
    expect(gen(['S', dir, '--force']).status).toBe(0);
  });

  it('names the sizes when given another', () => {
    const run = gen(['XL', newDir()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/S\|M\|L DIR/);
  });
});
