// Files and folders an operator may not read (or that are not files at all): each is named, with what
// to do and the exit status of its kind (2 for what the operator gave, 3 for the store), never an
// operating-system stack trace.

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {pchat, tempDir} from '../helpers/pchat-process.js';
import {
  asOtherOperator,
  giveToOtherOperator,
  hideFromOtherOperator,
  otherOperatorUnavailable,
  showAgain,
} from '../helpers/other-operator.js';
import {DEMO_DEPLOYMENT} from '../../src/workspace.js';

let root: string;
const hidden: string[] = [];
beforeEach(() => {
  root = tempDir();
  giveToOtherOperator(root);
});
afterEach(() => {
  for (const target of hidden.splice(0)) showAgain(target);
  fs.rmSync(root, {recursive: true, force: true});
});

const hide = (target: string): void => {
  hideFromOtherOperator(target);
  hidden.push(target);
};

const noStackTrace = (stderr: string): void => {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/^node:/m);
};

describe.skipIf(otherOperatorUnavailable !== null)(
  `another operator (${otherOperatorUnavailable ?? 'bound by file modes'})`,
  () => {
    const as = asOtherOperator;

    describe('with a store whose backups/ it may not read', () => {
      let store: string;
      beforeEach(() => {
        store = path.join(root, 's');
        expect(pchat(['init', '--store', store], {as}).status).toBe(0);
        hide(path.join(store, 'backups'));
      });

      it('reads and writes what needs no backup without looking at backups/', () => {
        const read = pchat(['exec', '--store', store, 'Get-CsPersistentChatState'], {as});
        noStackTrace(read.stderr);
        expect(read.status).toBe(0);
        const write = pchat(['exec', '--store', store, 'New-CsPersistentChatPolicy -Identity Spare'], {as});
        noStackTrace(write.stderr);
        expect(write.status).toBe(0);
      });

      it('names backups/ and what to do when the command needs it, and exits 3', () => {
        const run = pchat(['exec', '--store', store, 'Get-PcBackup'], {as});
        noStackTrace(run.stderr);
        expect(run.status).toBe(3);
        expect(run.stderr).toContain(path.join(store, 'backups'));
        expect(run.stderr).toMatch(/owner and mode/);
      });
    });

    it('names a drills/ it may not read when it lists the drills, and exits 3', () => {
      const store = path.join(root, 's');
      expect(pchat(['init', '--store', store], {as}).status).toBe(0);
      fs.mkdirSync(path.join(store, 'drills'));
      hide(path.join(store, 'drills'));
      const run = pchat(['exec', '--store', store, 'Get-PcDrill'], {as});
      noStackTrace(run.stderr);
      expect(run.status).toBe(3);
      expect(run.stderr).toContain(path.join(store, 'drills'));
    });

    it('names a script file it may not read, and exits 2', () => {
      const script = path.join(root, 'lines.ps1');
      fs.writeFileSync(script, 'Get-CsPersistentChatState\n');
      hide(script);
      const run = pchat(['exec', '--store', path.join(root, 'nostore'), '-f', script], {as});
      noStackTrace(run.stderr);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(script);
      expect(run.stderr).toMatch(/permission denied/i);
    });

    it('names a deployment file it may not read, and exits 2', () => {
      const from = path.join(root, 'deployment.json');
      fs.copyFileSync(DEMO_DEPLOYMENT, from);
      hide(from);
      const run = pchat(['init', '--store', path.join(root, 's'), '--from', from], {as});
      noStackTrace(run.stderr);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(from);
      expect(run.stderr).toMatch(/permission denied/i);
      expect(fs.existsSync(path.join(root, 's'))).toBe(false);
    });
  },
);

describe('a script that is a directory', () => {
  it('is named and refused with exit 2', () => {
    const run = pchat(['exec', '--store', path.join(root, 'nostore'), '-f', root]);
    noStackTrace(run.stderr);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${root} is a directory`);
  });
});
