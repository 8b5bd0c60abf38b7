// The message log of a store being created, written a message at a time (pchat init of a deployment
// with a million messages never holds them all): each message checked against the log's schema as
// initializeStore checks a list of them, written in the log's line format, fsynced when finished.
// initializeStore then moves the file into place under the store's lock, with the store's mode.

import fs from 'node:fs';
import type {ChatMessage} from '../domain/types.js';
import {io, removeQuietly, storeIo, writeAll} from './durable-fs.js';
import {toJsonLine} from './jsonl.js';
import {chatMessageSchema, firstIssue} from './state-schema.js';

const FLUSH_BYTES = 1 << 20;

export class InitialMessageLog {
  readonly file: string;
  private fd: number | null;
  private pending: string[] = [];
  private pendingChars = 0;
  private count = 0;

  /** `file` must not exist: it is created here, beside where the store will be. */
  constructor(file: string) {
    this.file = file;
    this.fd = io('create', file, () => fs.openSync(file, 'wx', 0o600));
  }

  get messages(): number {
    return this.count;
  }

  append(message: ChatMessage): void {
    const checked = chatMessageSchema.safeParse(message);
    if (!checked.success) throw new Error(`An initial message is malformed (${firstIssue(checked.error)}).`);
    const line = toJsonLine(message);
    this.pending.push(line);
    this.pendingChars += line.length;
    this.count += 1;
    if (this.pendingChars >= FLUSH_BYTES) this.flush();
  }

  /** Written and fsynced: ready to be moved into a store. */
  finish(): void {
    this.flush();
    const fd = this.openFd();
    io('write', this.file, () => storeIo.fsync(fd));
    fs.closeSync(fd);
    this.fd = null;
  }

  /** Removes the file (a failed init). */
  discard(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    removeQuietly(this.file);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const fd = this.openFd();
    const text = this.pending.join('');
    io('write', this.file, () => writeAll(fd, text));
    this.pending = [];
    this.pendingChars = 0;
  }

  private openFd(): number {
    if (this.fd === null) throw new Error(`${this.file} is already finished.`);
    return this.fd;
  }
}
