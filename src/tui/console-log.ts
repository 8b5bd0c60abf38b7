// The console never prints: errors and warnings it shows also go to console.log in the config
// directory, one line each, so a message that scrolled away can be read later.

import {appendFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {displaySafe} from '../lang/display-safe.js';

export const consoleLogPath = (dir: string): string => path.join(dir, 'console.log');

/** A writer that never throws: a log that cannot be written must not stop the console. */
export function consoleLog(dir: string, now: () => Date = () => new Date()): (line: string) => void {
  const file = consoleLogPath(dir);
  return (line) => {
    try {
      mkdirSync(dir, {recursive: true, mode: 0o700});
      appendFileSync(file, `${now().toISOString()} ${displaySafe(line)}\n`, {mode: 0o600});
    } catch {
      // Nowhere better to say it: the message is on the screen already.
    }
  };
}
