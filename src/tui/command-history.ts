// The `:` line's history, kept across restarts in the operator's state directory. Lines can hold
// names and identities of the deployment, so the file is the operator's alone: mode 0600 in a
// 0700 directory, never through a symbolic link. One JSON string per line keeps multi-line
// statements whole; a line that does not parse (a torn append) is skipped.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {HISTORY_LIMIT} from './state/reducer.js';

const FILE = 'history.jsonl';
/** The file is cut back to the last HISTORY_LIMIT lines when it grows past this. */
const REWRITE_AT = HISTORY_LIMIT * 4;

/** `$PCHAT_STATE_DIR`, else `$XDG_STATE_HOME/pchat`, else `~/.local/state/pchat`. */
export const stateDir = (env: Readonly<Record<string, string | undefined>>): string =>
  env['PCHAT_STATE_DIR'] ||
  path.join(env['XDG_STATE_HOME'] || path.join(os.homedir(), '.local', 'state'), 'pchat');

export interface CommandHistory {
  /** The lines of earlier consoles, oldest first. */
  readonly lines: readonly string[];
  /** Why the history could not be read or will not be kept; null when all is well. */
  readonly warning: string | null;
  /** Appends one line; the first failure turns keeping off with a warning, never an exception. */
  append(line: string): string | null;
}

export function openHistory(dir: string): CommandHistory {
  const file = path.join(dir, FILE);
  let lines: string[] = [];
  let warning: string | null = null;
  let broken = false;
  try {
    const stat = fs.lstatSync(file);
    if (stat.isSymbolicLink() || !stat.isFile()) throw new Error(`${file} is not a regular file`);
    lines = parseLines(fs.readFileSync(file, 'utf8'));
    if (lines.length > REWRITE_AT) rewrite(dir, file, lines.slice(-HISTORY_LIMIT));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      warning = `Command history is not kept: ${(error as Error).message}`;
      broken = true;
    }
  }
  return {
    lines: lines.slice(-HISTORY_LIMIT),
    warning,
    append(line) {
      if (broken) return null;
      try {
        ensureDir(dir);
        const fd = fs.openSync(
          file,
          fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW,
          0o600,
        );
        try {
          fs.fchmodSync(fd, 0o600);
          fs.writeSync(fd, `${JSON.stringify(line)}\n`);
        } finally {
          fs.closeSync(fd);
        }
        return null;
      } catch (error) {
        broken = true;
        return `Command history is not kept: ${(error as Error).message}`;
      }
    },
  };
}

function parseLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value === 'string') lines.push(value);
    } catch {
      // A torn last append or a damaged line: history is a convenience, the rest still counts.
    }
  }
  return lines;
}

function ensureDir(dir: string): void {
  fs.mkdirSync(dir, {recursive: true, mode: 0o700});
}

function rewrite(dir: string, file: string, lines: readonly string[]): void {
  ensureDir(dir);
  const temp = path.join(dir, `.${FILE}.${process.pid}`);
  fs.writeFileSync(temp, lines.map((l) => `${JSON.stringify(l)}\n`).join(''), {mode: 0o600, flag: 'wx'});
  fs.renameSync(temp, file);
}
