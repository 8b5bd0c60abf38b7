// The order of the system calls of one commit, seen with strace: each file is fsynced before it is
// renamed into place, each rename is followed by a directory fsync, the journal lands before the
// commit point, and the logs are fsynced before it: the state's record flushed at the end of the state
// log (state.json is left alone). A commit that changes only the state has one fsync: its record,
// which carries its audit entry, then the entry written to audit.jsonl unflushed. Skipped where strace
// is missing.

import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createStore} from '../../src/store/file-store.js';
import {distDir} from '../helpers/pchat-process.js';
import {removeDir, sampleState, tempDir} from './fixtures.js';

const hasStrace = spawnSync('strace', ['-V']).status === 0;
const workerScript = path.join(import.meta.dirname, 'workers', 'store-worker.js');

const build = distDir;
let root: string;

beforeAll(() => {
  if (!hasStrace) return;
  root = tempDir();
});
afterAll(() => {
  if (!hasStrace) return;
  removeDir(root);
});

interface Call {
  readonly name: string;
  readonly args: string;
}

/** `fsync(23</tmp/x/state.json.ab.tmp>) = 0` (or a pwrite64 returning its byte count) → {name: 'fsync', args: '/tmp/x/state.json.ab.tmp'} */
function parseTrace(text: string, dir: string): Call[] {
  const calls: Call[] = [];
  for (const line of text.split('\n')) {
    const match = /^(?:\[pid\s+\d+\]\s+)?(\w+)\((.*)\)\s+=\s+\d+$/.exec(line.trim());
    if (!match || !match[2]!.includes(dir)) continue;
    const args = match[2]!
      .replace(/\d+<([^>]*)>/g, '$1')
      .replaceAll(`${dir}/`, '')
      .replaceAll(dir, '.');
    calls.push({name: match[1]!, args});
  }
  return calls;
}

describe.skipIf(!hasStrace)('the system calls of one commit', () => {
  it('flush each file before its rename and the directory after it, journal first, logs before the state record, the record before the journal goes', async () => {
    const dir = path.join(root, 'store');
    await createStore(dir, sampleState(), [], {user: 'admin'});
    const args = JSON.stringify({build, dir, task: 'once', name: 'once', user: 'worker'});
    const run = spawnSync(
      'strace',
      [
        '-f',
        '-qq',
        '-y',
        '-e',
        'trace=fsync,fdatasync,rename,renameat,renameat2,unlink',
        process.execPath,
        workerScript,
        args,
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(run.stdout).toContain('ack 1');
    const calls = parseTrace(run.stderr, dir).map((c) => `${c.name} ${c.args}`);
    const at = (pattern: RegExp, from = 0): number => {
      const index = calls.findIndex((c, i) => i >= from && pattern.test(c));
      expect(index, `${pattern} after call ${from} in\n${calls.join('\n')}`).toBeGreaterThanOrEqual(0);
      return index;
    };
    const appendFlush = at(/^fsync messages\.jsonl\.[\w-]+\.append\.tmp$/);
    const journalFlush = at(/^fsync state\.json\.journal\.[\w-]+\.tmp$/, appendFlush);
    const journalRename = at(
      /^rename "state\.json\.journal\.[\w-]+\.tmp", "state\.json\.journal"$/,
      journalFlush,
    );
    const journalDir = at(/^fsync \.$/, journalRename);
    // The log lines need space, so they are written before the commit point.
    const messagesFlush = at(/^fsync messages\.jsonl$/, journalDir);
    const auditFlush = at(/^fsync audit\.jsonl$/, messagesFlush);
    // The commit point: the state's record, flushed at the end of the state log.
    const recordFlush = at(/^fsync state-changes\.jsonl$/, auditFlush);
    at(/^unlink "state\.json\.journal"$/, recordFlush);
    // state.json is not rewritten by a commit: it changes only at a checkpoint.
    expect(calls.filter((c) => /"state\.json"/.test(c))).toEqual([]);
  });

  it('flush only the state record of a commit that changes only the state, then write its audit entry unflushed', async () => {
    const dir = path.join(root, 'state-only');
    await createStore(dir, sampleState(), [], {user: 'admin'});
    const args = JSON.stringify({build, dir, task: 'once', name: 'once', user: 'worker', stateOnly: true});
    const run = spawnSync(
      'strace',
      [
        '-f',
        '-qq',
        '-y',
        '-e',
        'trace=fsync,fdatasync,rename,renameat,renameat2,unlink,pwrite64',
        process.execPath,
        workerScript,
        args,
      ],
      {encoding: 'utf8'},
    );
    expect(run.stdout).toContain('ack 1');
    const calls = parseTrace(run.stderr, dir)
      .map((c) => `${c.name} ${c.args.replace(/^(\S+), .*$/, '$1')}`)
      .filter((c) => !c.includes('state.json.lock'));
    expect(calls).toEqual([
      'pwrite64 state-changes.jsonl',
      'fsync state-changes.jsonl',
      'pwrite64 audit.jsonl',
    ]);
  });
});
