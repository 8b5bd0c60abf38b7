// Ink colours its text with chalk, which the tests run with colour off (FORCE_COLOR=0): a file that
// compares styles turns colour on for its tests and back off after them.

import chalk from 'chalk';
import {afterAll, beforeAll} from 'vitest';

export function withChalkLevel(wanted: typeof chalk.level): void {
  let level: typeof chalk.level;
  beforeAll(() => {
    level = chalk.level;
    chalk.level = wanted;
  });
  afterAll(() => {
    chalk.level = level;
  });
}
