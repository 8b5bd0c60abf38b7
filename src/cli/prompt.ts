// PowerShell's confirmation prompt on a terminal. Answers are collected before the store is
// locked: the session asks all of a line's prompts first, then commits.

import readline from 'node:readline/promises';
import type {Prompt} from '../lang/api.js';
import {displaySafe} from '../lang/display-safe.js';

const CHOICES = '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [?] Help (default is "Y"): ';
const HELP =
  'Y - Continue with only the next step of the operation.\nA - Continue with all the steps of the operation.\nN - Skip this operation and proceed with the next operation.\nL - Skip this operation and all subsequent operations.';

export async function askOnTerminal(prompts: readonly Prompt[]): Promise<ReadonlyMap<string, boolean>> {
  const answers = new Map<string, boolean>();
  const rl = readline.createInterface({input: process.stdin, output: process.stderr, terminal: true});
  try {
    let all: boolean | null = null;
    for (const prompt of prompts) {
      if (all !== null) {
        answers.set(prompt.id, all);
        continue;
      }
      process.stderr.write(
        `\nConfirm\nAre you sure you want to perform this action?\n${displaySafe(prompt.message)}\n`,
      );
      for (;;) {
        const answer = (await rl.question(CHOICES)).trim().toLowerCase();
        if (answer === '?') {
          process.stderr.write(`${HELP}\n`);
          continue;
        }
        if (answer === '' || answer === 'y') answers.set(prompt.id, true);
        else if (answer === 'a') {
          all = true;
          answers.set(prompt.id, true);
        } else if (answer === 'n') answers.set(prompt.id, false);
        else if (answer === 'l') {
          all = false;
          answers.set(prompt.id, false);
        } else continue;
        break;
      }
    }
  } finally {
    rl.close();
  }
  return answers;
}

/** One answer typed on the terminal (the prompt goes to standard error, as PowerShell's does). */
export async function askLine(question: string): Promise<string> {
  const rl = readline.createInterface({input: process.stdin, output: process.stderr, terminal: true});
  try {
    return await rl.question(displaySafe(question));
  } finally {
    rl.close();
  }
}
