// The console and its baseline, a minimal Ink app, each started as an operator starts them: `node`
// on a pseudo-terminal (pty-console.ts), with its own configuration and state directories.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {onPty, type PtyProgram} from './pty-console.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PCHAT = path.resolve(here, '../../../bin/pchat.js');
const MINIMAL_INK = path.join(here, 'minimal-ink.js');

export interface Screen {
  readonly columns: number;
  readonly rows: number;
}

export const WIDE: Screen = {columns: 120, rows: 35};

/** The text the minimal app draws, and the console's first pane title: each marks its first complete frame. */
export const MINIMAL_TEXT = 'A minimal Ink app';
export const FIRST_PANE = 'Pools (';

// Each start's own directories, removed when the bench ends (its figures start the console hundreds
// of times: left, they filled the temporary directory).
const homes: string[] = [];
process.once('exit', () => {
  for (const dir of homes.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

const home = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-bench-home-'));
  homes.push(dir);
  return dir;
};

// One code cache for every start of a run (src/cli/code-cache.ts), as an operator's starts share theirs:
// the first start writes it (P2's warm-up start), the counted ones read it, as exec's do in P1.
let codeCache: string | null = null;
const codeCacheHome = (): string => (codeCache ??= home());

export function startConsole(
  store: string,
  screen: Screen = WIDE,
  nodeArgs: readonly string[] = [],
): PtyProgram {
  const dir = home();
  return onPty([...nodeArgs, PCHAT, '--store', store], {
    ...screen,
    env: {
      HOME: dir,
      PCHAT_CONFIG_DIR: path.join(dir, 'config'),
      PCHAT_STATE_DIR: path.join(dir, 'state'),
      XDG_CACHE_HOME: codeCacheHome(),
    },
  });
}

export const startMinimalInk = (screen: Screen = WIDE): PtyProgram => onPty([MINIMAL_INK], screen);

/** Milliseconds from the spawn to the first complete frame that shows `text`. */
export async function firstFrameMs(program: PtyProgram, text: string): Promise<number> {
  try {
    const frame = await program.frame((t) => t.includes(text));
    return frame.at - program.startedAt;
  } finally {
    await program.stop();
  }
}
