// Invoke-PcComplianceCapture on a real store made from the demo: the files it links into exports/,
// the mark it commits with them, and what it refuses to write.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {ChatMessage} from '../../src/domain/types.js';
import {openStore} from '../../src/store/file-store.js';
import {Session} from '../../src/session.js';
import {DEMO_DEPLOYMENT, DEMO_SETUP, initStore} from '../../src/workspace.js';
import {fingerprint} from '../helpers/pchat-process.js';
import {conversationParts, parseXml} from '../helpers/compliance-xml.js';
import {audit, modeOf, removeDir, tempDir} from './fixtures.js';

const POOL = 'pc1.dc1.example.org';
const SERVICE = `service:PersistentChatServer:${POOL}`;
const FIRST = new Date('2026-01-15T12:00:00.000Z');

let template: string;
let root: string;
let dir: string;
const sessions: Session[] = [];

beforeAll(async () => {
  template = path.join(tempDir(), 'demo');
  await initStore({dir: template, from: DEMO_DEPLOYMENT, setup: DEMO_SETUP});
});
afterAll(() => removeDir(path.dirname(template)));

afterEach(() => {
  for (const s of sessions.splice(0)) s.store.close();
  removeDir(root);
});

/** A fresh copy of the demo store, and a session on it whose clock reads `now()`. */
async function demo(options: {user?: string} = {}): Promise<{session: Session; clock: {now: Date}}> {
  root = tempDir();
  dir = path.join(root, 'store');
  fs.cpSync(template, dir, {recursive: true});
  const clock = {now: FIRST};
  const session = await Session.open({
    store: await openStore(dir),
    origin: 'exec',
    yes: true,
    user: options.user ?? os.userInfo().username,
    now: () => clock.now,
  });
  sessions.push(session);
  return {session, clock};
}

/** Every entry under `top` with its content (files) or target (links), never following a link. */
const tree = (top: string): string[] =>
  (fs.readdirSync(top, {recursive: true}) as string[]).sort().map((entry) => {
    const p = path.join(top, entry);
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return `${entry} -> ${fs.readlinkSync(p)}`;
    return st.isFile() ? `${entry} ${st.mtimeMs} ${fs.readFileSync(p).toString('base64')}` : `${entry}/`;
  });

/** Every file under exports/, relative to it, sorted. */
const exportFiles = (): string[] => {
  const base = path.join(dir, 'exports');
  if (!fs.existsSync(base)) return [];
  return (fs.readdirSync(base, {recursive: true}) as string[])
    .filter((f) => fs.lstatSync(path.join(base, f)).isFile())
    .sort();
};
const readExport = (name: string): string => fs.readFileSync(path.join(dir, 'exports', name), 'utf8');

async function post(session: Session, at: string, texts: readonly string[]): Promise<void> {
  const room = session.state.rooms.find((r) => r.name === 'ItRoom')!;
  const messages: ChatMessage[] = texts.map((text, i) => ({
    id: `posted-${at}-${i}`,
    roomId: room.id,
    author: 'sip:ben@example.org',
    postedAt: at,
    text,
    replaced: false,
    replacedAt: null,
  }));
  await session.store.commit((fresh) => ({
    plan: {state: fresh, effects: [{kind: 'appendMessages', messages}], audit: audit('post')},
    result: null,
  }));
}

describe('Invoke-PcComplianceCapture on the demo store', () => {
  it("writes the demo's messages under exports/ as spec 4.5's XML, 0600, with the mark in the same commit", async () => {
    const {session} = await demo();
    const run = await session.run(`Invoke-PcComplianceCapture -Identity ${POOL}`);
    expect(run.errors).toEqual([]);
    expect(run.committed).toBe(true);
    const [file, ...rest] = exportFiles();
    expect(rest).toEqual([]);
    expect(file).toMatch(
      new RegExp(`^compliance/${POOL}/PersistentChat_${POOL}_20260115T120000000Z_.+\\.xml$`),
    );
    expect(modeOf(path.join(dir, 'exports', file!))).toBe(0o600);
    const conversation = parseXml(readExport(file!)).children[0]!;
    const {channel, messages} = conversationParts(conversation);
    expect(channel.attributes['name']).toBe('ItRoom');
    expect(messages.map((m) => m.attributes['content'])).toEqual([
      'Server move tonight',
      'ProjectX kickoff',
      'For internal use only: budget draft',
      'orion and vega status',
      'Release done',
    ]);
    expect(session.state.complianceMarks).toEqual([
      {poolFqdn: POOL, through: FIRST.toISOString(), idsAtThrough: []},
    ]);
    const entry = [...session.store.ports().audit.scan({limit: 1})][0]!;
    expect(entry.command).toBe(`Invoke-PcComplianceCapture -Identity ${POOL}`);
    expect(entry.targets).toEqual([POOL]);
  });

  it('writes only the messages posted since the previous capture on the next run', async () => {
    const {session, clock} = await demo();
    await session.run(`Invoke-PcComplianceCapture ${POOL}`);
    await post(session, '2026-01-15T12:10:00.000Z', ['new & <improved>']);
    clock.now = new Date('2026-01-15T12:30:00.000Z');
    const run = await session.run(`Invoke-PcComplianceCapture ${POOL}`);
    expect(run.output[0]).toMatchObject({Messages: 1, Written: true});
    const second = exportFiles().find((f) => f.includes('20260115T123000000Z'))!;
    const {messages} = conversationParts(parseXml(readExport(second)).children[0]!);
    expect(messages.map((m) => m.attributes['content'])).toEqual(['new & <improved>']);
    expect(exportFiles()).toHaveLength(2);
  });

  it('changes nothing with -WhatIf, and says which files it would write with how many messages', async () => {
    const {session} = await demo();
    const before = fingerprint(dir);
    const run = await session.run(`Invoke-PcComplianceCapture ${POOL} -WhatIf`);
    expect(run.committed).toBe(false);
    expect(fingerprint(dir)).toBe(before);
    expect(run.whatIf).toEqual([
      expect.stringMatching(
        new RegExp(
          `^What if: Performing the operation "Write 5 messages of 1 room \\(compliance capture of ${POOL}\\)" on target "exports/compliance/${POOL}/PersistentChat_.+\\.xml"\\.$`,
        ),
      ),
    ]);
  });

  it('refuses a pool whose topology has compliance disabled with ComplianceDisabled, writing nothing', async () => {
    const {session} = await demo();
    const before = fingerprint(dir);
    const run = await session.run('Invoke-PcComplianceCapture pc2.dc2.example.org');
    expect(run.errors.map((e) => e.errorId)).toEqual(['ComplianceDisabled']);
    expect(fingerprint(dir)).toBe(before);
  });

  it('is refused to an operator without the data role, before it reads anything', async () => {
    const {session} = await demo({user: 'visitor'});
    const run = await session.run(`Invoke-PcComplianceCapture ${POOL}`);
    expect(run.errors.map((e) => e.errorId)).toEqual(['AccessDenied']);
    expect(exportFiles()).toEqual([]);
  });

  it('links every file of a capture or none: a name already taken stops the whole commit', async () => {
    const {session} = await demo();
    const other = session.state.rooms.find((r) => r.name === 'EmeaRoom')!;
    await session.store.commit((fresh) => ({
      plan: {
        state: fresh,
        effects: [
          {
            kind: 'appendMessages',
            messages: [
              {
                id: 'emea-1',
                roomId: other.id,
                author: 'sip:ana@example.org',
                postedAt: '2020-01-01T00:00:00.000Z',
                text: 'hello',
                replaced: false,
                replacedAt: null,
              },
            ],
          },
        ],
        audit: audit('post'),
      },
      result: null,
    }));
    // The second room's file is planted first, so the first file is prepared and then abandoned.
    const taken = path.join(
      dir,
      'exports',
      'compliance',
      POOL,
      `PersistentChat_${POOL}_20260115T120000000Z_${other.id}.xml`,
    );
    fs.mkdirSync(path.dirname(taken), {recursive: true});
    fs.writeFileSync(taken, 'planted');
    const state = fs.readFileSync(path.join(dir, 'state.json'));
    const run = await session.run(`Invoke-PcComplianceCapture ${POOL}`);
    expect(run.storeFailure?.kind).toBe('StoreExists');
    expect(exportFiles()).toEqual([path.relative(path.join(dir, 'exports'), taken)]);
    expect(fs.readFileSync(path.join(dir, 'state.json'))).toEqual(state);
    expect(fs.readdirSync(path.join(dir, 'exports')).filter((f) => f.startsWith('.export-'))).toEqual([]);
  });
});

describe('the output directory stays inside exports/', () => {
  const hostile: readonly [string, (store: string) => string, string][] = [
    ['a parent folder', () => '..', 'StoreUnsafe'],
    ['a path through the parent', () => '../outside', 'StoreUnsafe'],
    ['a path that climbs out midway', () => 'a/../../outside', 'StoreUnsafe'],
    [
      'an absolute path outside the store',
      (store) => path.join(path.dirname(store), 'outside'),
      'StoreUnsafe',
    ],
    ['an absolute system path', () => '/tmp/pchat-compliance-escape', 'StoreUnsafe'],
    ['a UNC path ending in ..', () => '\\\\fs1\\share\\..', 'StoreUnsafe'],
    ['a symbolic link inside exports/', () => 'link', 'StoreUnsafe'],
    ['a drive root', () => 'C:\\', 'InvalidValue'],
  ];

  it.each(hostile)('refuses %s and writes nothing anywhere', async (_, directory, refusal) => {
    const {session} = await demo();
    const outside = path.join(root, 'outside');
    fs.mkdirSync(outside);
    fs.mkdirSync(path.join(dir, 'exports'), {recursive: true});
    fs.symlinkSync(outside, path.join(dir, 'exports', 'link'));
    const set = await session.run(
      `Set-CsPersistentChatComplianceConfiguration -Identity "${SERVICE}" -AdapterOutputDirectory '${directory(dir)}'`,
    );
    expect(set.errors).toEqual([]);
    const before = tree(root);
    const run = await session.run(`Invoke-PcComplianceCapture ${POOL}`);
    expect(run.storeFailure?.kind ?? run.errors[0]?.errorId).toBe(refusal);
    expect(tree(root)).toEqual(before);
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(fs.existsSync('/tmp/pchat-compliance-escape')).toBe(false);
    expect(session.state.complianceMarks).toBeUndefined();
  });

  it('writes a Windows path of the documentation to the folder of its last name, with a warning', async () => {
    const {session} = await demo();
    await session.run(
      `Set-CsPersistentChatComplianceConfiguration -Identity "${SERVICE}" -AdapterOutputDirectory "\\\\fs1.dc1.example.org\\Compliance\\Chat"`,
    );
    const run = await session.run(`Invoke-PcComplianceCapture ${POOL}`);
    expect(run.warnings.map((w) => w.warningId)).toEqual(['WindowsPathMapped']);
    expect(exportFiles()).toEqual([expect.stringMatching(/^Chat\/PersistentChat_/)]);
  });
});
