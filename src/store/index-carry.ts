// Carries the message index over a rewrite of the log (MessageDraft.rewrite), so that the log a
// Clear or a Remove leaves behind has its index at once, instead of a rebuild at the next read. The
// lines of the rooms rewritten are recorded where they are written; every other room's runs keep
// their bytes and only move, by how much the rewritten lines before them shrank or grew.

import {addLine} from './message-index.js';
import type {IndexData, RoomRuns} from './message-index-file.js';

export class IndexCarry {
  private readonly before: IndexData;
  private readonly rewritten: ReadonlySet<string>;
  private readonly rooms = new Map<string, RoomRuns>();
  /** From `at` in the old log on, a byte is `shift` bytes further in the new one; ascending. */
  private readonly ats: number[] = [0];
  private readonly shifts: number[] = [0];
  /** A rewrite that moved a message to a room it does not rewrite: nothing is carried over. */
  private lost = false;

  constructor(before: IndexData, rewritten: ReadonlySet<string>) {
    this.before = before;
    this.rewritten = rewritten;
  }

  /** A line of a rewritten room, as it now stands at [start, end) of the new log. */
  written(roomId: string, start: number, end: number): void {
    if (!this.rewritten.has(roomId)) this.lost = true;
    addLine(this.rooms, roomId, start, end);
  }

  /** A line of a rewritten room that ended at `oldEnd` was deleted or replaced; the new log is at `newEnd`. */
  changed(oldEnd: number, newEnd: number): void {
    this.ats.push(oldEnd);
    this.shifts.push(newEnd - oldEnd);
  }

  /** The rooms of the new log, as far as the old log's lines go; null when they cannot be told. */
  finish(): Map<string, RoomRuns> | null {
    if (this.lost) return null;
    const rooms = new Map<string, RoomRuns>();
    for (const [roomId, runs] of this.before.rooms) {
      if (this.rewritten.has(roomId)) continue;
      const starts: number[] = [];
      const ends: number[] = [];
      for (let i = 0; i < runs.starts.length; i++) {
        const shift = this.shiftAt(runs.starts[i] as number);
        starts.push((runs.starts[i] as number) + shift);
        ends.push((runs.ends[i] as number) + shift);
      }
      rooms.set(roomId, {starts, ends, lines: runs.lines});
    }
    for (const [roomId, runs] of this.rooms) rooms.set(roomId, runs);
    return rooms;
  }

  private shiftAt(offset: number): number {
    let low = 0;
    let high = this.ats.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.ats[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return this.shifts[low] as number;
  }
}
