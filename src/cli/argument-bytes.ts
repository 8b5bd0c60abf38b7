// Node decodes the command line as UTF-8 and turns bytes that are not UTF-8 into U+FFFD, so a name
// typed in another encoding (Latin-1 "Café") would silently become a different name. The bytes as
// given are in /proc/self/cmdline on Linux: an argument that holds U+FFFD is checked against its
// bytes there, and refused when they are not UTF-8 (one without U+FFFD was decoded without loss).
// Without /proc (other systems), arguments are taken as Node decoded them.

import fs from 'node:fs';
import {invalidUtf8At} from '../domain/utf8.js';

/** The problem with the first argument that is not UTF-8 ("argument 2 is not ..."), or null. */
export function argumentProblem(args: readonly string[]): string | null {
  if (!args.some((a) => a.includes('\uFFFD'))) return null;
  const raw = rawArguments(args.length);
  if (raw === null) return null;
  for (const [i, bytes] of raw.entries()) {
    const bad = invalidUtf8At(bytes);
    if (bad >= 0)
      return `argument ${i + 1} is not valid UTF-8 at byte offset ${bad}: ${args[i]}\nGive arguments in UTF-8 (check the terminal's and the shell's locale).`;
  }
  return null;
}

/** The last `count` arguments of this process as bytes: the script's own, after Node's and its options. */
function rawArguments(count: number): Uint8Array[] | null {
  let cmdline: Buffer;
  try {
    cmdline = fs.readFileSync('/proc/self/cmdline');
  } catch {
    return null;
  }
  const all: Uint8Array[] = [];
  for (let start = 0; start < cmdline.length;) {
    const end = cmdline.indexOf(0, start);
    const stop = end < 0 ? cmdline.length : end;
    all.push(cmdline.subarray(start, stop));
    start = stop + 1;
  }
  return all.length >= count ? all.slice(all.length - count) : null;
}
