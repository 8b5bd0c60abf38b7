// Crashes between the steps of a commit, reproduced by running the steps by hand and stopping. The
// commit point is the append of the state's record to the state log (file-store.ts).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import type {Effect} from '../../src/domain/ports.js';
import {prepareCommit} from '../../src/store/commit-plan.js';
import {ownerOf} from '../../src/store/durable-fs.js';
import {applyJournal, writeJournal, writeLogs, writeStateRecord} from '../../src/store/journal.js';
import {createStore, openStore, storeFiles} from '../../src/store/file-store.js';
import {DurableStateFile} from '../../src/store/state-file.js';
import {NOW, addPolicy, message, removeDir, sampleState, snapshot, tempDir} from './fixtures.js';

let root: string;
let dir: string;
const options = {now: () => NOW, user: 'admin', lockTimeoutMs: 300};

beforeEach(async () => {
  root = tempDir();
  dir = path.join(root, 'store');
  await createStore(dir, sampleState(), [message(1), message(2, 'room-2')], options);
});
afterEach(() => removeDir(root));

type Stage = 'prepared' | 'journal' | 'logs' | 'torn-record' | 'state' | 'half-applied' | 'applied';

const effects: Effect[] = [
  {kind: 'appendMessages', messages: [message(3), message(4)]},
  {kind: 'backup', reason: 'before change'},
  {kind: 'writeFile', path: 'out.txt', data: 'exported'},
];

/** Runs a commit's steps up to `stage`, as a process killed right after it would leave the store. */
function crashAfter(stage: Stage, planEffects: readonly Effect[] = effects): void {
  const files = storeFiles(dir);
  const stateFile = new DurableStateFile(files.state);
  const fresh: ChatState = stateFile.readSync();
  const owner = ownerOf(files.state);
  const prepared = prepareCommit(files, fresh, addPolicy(fresh, 'crashed', planEffects), {
    token: 'feedc0de',
    now: NOW,
    stateOwner: owner,
    messagesOwner: owner,
  });
  // The dead process's lock stays behind too.
  fs.writeFileSync(
    files.lock,
    JSON.stringify({token: 'dead', pid: 999_999_999, user: 'bob', host: os.hostname(), startedAt: NOW}),
  );
  if (stage === 'prepared') return;
  writeJournal(files, prepared.journal, owner);
  if (stage === 'journal') return;
  writeLogs(files, prepared.journal);
  if (stage === 'logs') return;
  const record = prepared.journal.stateRecord!;
  if (stage === 'torn-record') {
    // Power lost in the middle of the state's record: all of it but its newline reached the disk.
    fs.appendFileSync(files.stateLog, record.line.slice(0, -1));
    return;
  }
  // The commit point: the state's record appended to the state log.
  writeStateRecord(files, prepared.journal);
  if (stage === 'state') return;
  applyJournal(files, prepared.journal);
  if (stage === 'half-applied') {
    // Power lost in the middle of the message append and before the audit entry.
    const size = prepared.journal.messages.kind === 'append' ? prepared.journal.messages.sizeBefore : 0;
    fs.truncateSync(files.messages, size + 10);
    fs.truncateSync(files.audit, prepared.journal.audit.sizeBefore);
  }
}

const committedView = async () => {
  const store = await openStore(dir, options);
  const state = await store.read();
  return {
    revision: state.revision,
    policies: state.policies.map((p) => p.identity),
    messages: [...store.ports().messages.scan({})].map((m) => m.id),
    audit: [...store.ports().audit.scan({})].map((a) => [a.seq, a.revisionBefore, a.revisionAfter]),
    backups: store.ports().backups.list().length,
    exported: fs.existsSync(path.join(storeFiles(dir).exports, 'out.txt')),
    leftovers: fs
      .readdirSync(dir)
      .filter(
        (n) =>
          ![
            'state.json',
            'state-changes.jsonl',
            'messages.jsonl',
            'audit.jsonl',
            'backups',
            'exports',
          ].includes(n),
      ),
  };
};

const notCommitted = {
  revision: 0,
  policies: ['Global'],
  messages: ['m1', 'm2'],
  audit: [],
  backups: 0,
  exported: false,
  leftovers: [],
};
const committed = {
  revision: 1,
  policies: ['Global', 'Tag:crashed'],
  messages: ['m1', 'm2', 'm3', 'm4'],
  audit: [[1, 0, 1]],
  backups: 1,
  exported: true,
  leftovers: [],
};

describe('recovery of a commit cut short', () => {
  it.each([
    ['after preparing its files', 'prepared', notCommitted],
    ['after writing its journal', 'journal', notCommitted],
    ["after writing its log lines, before appending the state's record", 'logs', notCommitted],
    ["in the middle of appending the state's record", 'torn-record', notCommitted],
    ["after appending the state's record", 'state', committed],
    ['in the middle of applying its journal', 'half-applied', committed],
    ['after applying its journal', 'applied', committed],
  ] as const)(
    'leaves the whole change or none of it when the process died %s',
    async (_name, stage, expected) => {
      crashAfter(stage);
      expect(await committedView()).toEqual(expected);
      // Recovery is done once: a second open changes nothing.
      const before = snapshot(dir);
      await openStore(dir, options);
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it('recovers before the next commit of a store that was already open, keeping audit seq = revision', async () => {
    const store = await openStore(dir, options);
    crashAfter('state');
    await store.commit((fresh) => ({plan: addPolicy(fresh, 'next'), result: null}));
    expect([...store.ports().audit.scan({})].map((a) => a.seq)).toEqual([1, 2]);
    expect([...store.ports().messages.scan({})].map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('finishes a crashed rewrite of the message log', async () => {
    crashAfter('state', [{kind: 'rewriteMessages', roomIds: ['room-2'], rewrite: () => null}]);
    const view = await committedView();
    expect(view.messages).toEqual(['m1']);
    expect(view.audit).toEqual([[1, 0, 1]]);
  });

  it('refuses a journal that does not match the state revision', async () => {
    crashAfter('journal');
    const files = storeFiles(dir);
    const journal = JSON.parse(fs.readFileSync(files.journal, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(files.journal, JSON.stringify({...journal, revisionBefore: 5, revisionAfter: 6}));
    await expect(openStore(dir, options)).rejects.toMatchObject({code: 'StoreDamaged', path: files.journal});
  });
});
