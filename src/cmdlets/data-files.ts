// The files Export/Import-CsPersistentChatData name: a Windows path is mapped into the store's
// exports/ (with a warning naming the full path used), and every name goes through the store's one
// confinement rule, reached through the archive port.

import {CmdletError} from '../domain/errors.js';
import type {Checked} from '../domain/ports.js';
import {exportFileName} from '../domain/windows-path.js';
import type {CmdletContext} from './types.js';

export function dataFilePath(
  ctx: CmdletContext,
  requested: string,
  parameter: string,
  resolve: (name: string) => Checked<{path: string}>,
): string {
  const {name, mapped} = exportFileName(requested);
  const found = resolve(name);
  if (!found.ok) {
    const exists = /exists already/.test(found.problem);
    throw new CmdletError(exists ? 'AlreadyExists' : 'InvalidValue', found.problem, {
      target: requested,
      parameter,
    });
  }
  if (mapped)
    ctx.warn('WindowsPathMapped', `The Windows path ${requested} is mapped to ${found.path}.`, found.path);
  return found.path;
}

/** A -Report log: plain text, one fact a line. */
export const reportText = (title: string, lines: readonly string[]): string =>
  [title, ...lines.map((l) => `  ${l}`)].join('\n') + '\n';
