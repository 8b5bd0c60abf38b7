// Another operator, whom file modes bind. CI runs the tests as root, and root reads any file whatever
// its mode: as root, pchat is started as the user `nobody` (setpriv drops the user, group and
// supplementary groups); as any other user, the test's own user is bound by the modes already.

import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const isRoot = process.getuid?.() === 0;

const hasSetpriv = ((): boolean => {
  try {
    execFileSync('setpriv', ['--version'], {stdio: 'ignore'});
    return true;
  } catch {
    return false;
  }
})();

const NOBODY = {uid: 65534, gid: 65534};

/** Why the tests cannot run pchat as an operator bound by file modes, or null when they can. */
export const otherOperatorUnavailable: string | null =
  isRoot && !hasSetpriv
    ? 'running as root without setpriv: no way to start pchat as a user file modes bind'
    : null;

/** The command prefix that starts a program as the other operator (empty when that is us). */
export const asOtherOperator: readonly string[] = isRoot
  ? ['setpriv', `--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups']
  : [];

/**
 * Hands `target` (recursively) to the other operator, and lets it reach `target`, and the program
 * it runs (a checkout may sit in a 0700 temporary directory), through their parents.
 */
export function giveToOtherOperator(target: string): void {
  if (isRoot) chownTree(target, NOBODY.uid, NOBODY.gid);
  letThrough(target);
  letOthersReachPchat();
}

/** Lets other users reach the program through its parents (search permission only). */
export function letOthersReachPchat(): void {
  letThrough(fileURLToPath(new URL('../../bin/pchat.js', import.meta.url)));
}

/** Adds search permission (x, not read) for others on every parent of `target`. */
function letThrough(target: string): void {
  for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(dir, (mode & 0o7777) | 0o001);
  }
}

/** Makes `target` unreadable to the other operator: owned by root with no access for others, or mode 000. */
export function hideFromOtherOperator(target: string): void {
  if (isRoot) {
    fs.chownSync(target, 0, 0);
    fs.chmodSync(target, fs.statSync(target).isDirectory() ? 0o700 : 0o600);
  } else fs.chmodSync(target, 0);
}

/** Undoes hideFromOtherOperator, so the test can clean up. */
export const showAgain = (target: string): void => fs.chmodSync(target, 0o700);

function chownTree(target: string, uid: number, gid: number): void {
  fs.chownSync(target, uid, gid);
  if (!fs.lstatSync(target).isDirectory()) return;
  for (const name of fs.readdirSync(target)) chownTree(path.join(target, name), uid, gid);
}
