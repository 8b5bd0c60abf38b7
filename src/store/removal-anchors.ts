// The anchor of a message a removal deletes without rewriting the log (removal-merge.ts): the id of
// the last line before it that readers still see. The log is read backwards from the deleted line,
// over the lines already removed, so a removal reads the lines around what it removes, never the log.

import fs from 'node:fs';
import {io} from './durable-fs.js';
import {lineAt, type JsonLine} from './jsonl.js';
import type {Removals} from './message-removals.js';
import {lineNumberIn} from './room-pieces.js';

const BACK_BYTES = 1 << 16;

export class RemovalAnchors {
  private readonly file: string;
  private readonly removals: Removals;
  private readonly lineId: (line: JsonLine) => string;
  private fd: number | null = null;
  /** The anchor found for each line this pass deleted, by its offset: a run of deletions walks back once. */
  private readonly found = new Map<number, string | null>();

  /** `removals`: the records in force, this pass's included as it goes. */
  constructor(file: string, removals: Removals, lineId: (line: JsonLine) => string) {
    this.file = file;
    this.removals = removals;
    this.lineId = lineId;
  }

  /** The anchor of the line at `offset`, which this pass deletes. */
  before(offset: number): string | null {
    let end = offset;
    let anchor: string | null = null;
    while (end > 0) {
      const line = this.lineBefore(end);
      const shown = this.removals.view(line);
      if (shown !== null) {
        anchor = this.lineId(shown);
        break;
      }
      const known = this.found.get(line.offset);
      if (known !== undefined) {
        anchor = known;
        break;
      }
      end = line.offset;
    }
    this.found.set(offset, anchor);
    return anchor;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  /** The line that ends (with its newline) where `end` starts. */
  private lineBefore(end: number): JsonLine {
    const file = this.file;
    const fd = (this.fd ??= io('open', file, () =>
      fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW),
    ));
    for (let want = BACK_BYTES; ; want *= 2) {
      const from = Math.max(0, end - 1 - want);
      const bytes = Buffer.allocUnsafe(end - 1 - from);
      io('read', file, () => fs.readSync(fd, bytes, 0, bytes.length, from));
      const newline = bytes.lastIndexOf(0x0a);
      if (newline >= 0 || from === 0) {
        const start = from + newline + 1;
        return lineAt(bytes.subarray(newline + 1), file, start, () => lineNumberIn(file, start));
      }
    }
  }
}
