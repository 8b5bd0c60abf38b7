// The state log (state-changes.jsonl): the changes of each commit since the last checkpoint of the
// state (state.json), one line each, after a first line that names that checkpoint (its revision,
// size and sha256). Its lines follow the one rule for log lines (jsonl.ts): a last line without its
// newline was never committed and is not read, and a writer cuts it off.
//
// A reader takes state.json and applies the records past its revision, in order; a record that does
// not follow the revision before it, or whose values do not fit the schema at their place, makes the
// log damaged (exit 3). Each record is checked alone, so a commit costs what it changed; state.json is
// checked in full only when it is not the checkpoint the header names (a hand edit, an old store, or a
// checkpoint cut short between its two renames), else trusted after its hash is compared.
//
// Each record carries its commit's audit entry: the record's flushed append is the one write that
// makes a commit durable, its audit entry included. audit.jsonl is brought up to date from the records
// after the commit point, under the lock, and flushed before a checkpoint folds the records away
// (audit-catch-up.ts); records written before they carried one have none.

import {z} from 'zod';
import type {AuditEntry, ChatState} from '../domain/types.js';
import {damaged} from './decode.js';
import {
  readLines,
  readLinesOf,
  toRecord,
  parseLine,
  toJsonLine,
  type JsonLine,
  type LogFormat,
} from './jsonl.js';
import {applyChanges, ChangeMismatch, type StateChange, type StatePath} from './state-diff.js';
import {auditEntrySchema, firstIssue, schemaAt} from './state-schema.js';

export interface Checkpoint {
  readonly revision: number;
  readonly sha256: string;
  readonly bytes: number;
}

export interface StateRecord {
  readonly revisionBefore: number;
  readonly revisionAfter: number;
  /** An upper bound of the bytes the changes add to state.json, for the size limit without serializing. */
  readonly grows: number;
  readonly changes: readonly StateChange[];
  /** The commit's audit entry (seq = revisionAfter); absent in records written before it was carried here. */
  readonly audit?: AuditEntry;
}

const count = z.number().int().nonnegative();

const headerSchema = z.strictObject({
  checkpoint: z.strictObject({revision: count, sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: count}),
});

const recordSchema = z.strictObject({
  revisionBefore: count,
  revisionAfter: count,
  grows: count,
  changes: z.array(z.unknown()),
  audit: auditEntrySchema.optional(),
});

const lineFormat: LogFormat<z.infer<typeof headerSchema> | z.infer<typeof recordSchema>> = {
  what: 'a checkpoint or a change of the state',
  schema: z.union([headerSchema, recordSchema]),
};

export const headerLine = (checkpoint: Checkpoint): string => toJsonLine({checkpoint});

export const recordLine = (record: StateRecord): string => toJsonLine(record);

/** What a writer must know to append: where the last complete line ends. */
export const stateLogFormat = lineFormat;

export interface ReadRecord {
  readonly record: StateRecord;
  readonly line: JsonLine;
}

export interface StateLogRead {
  /** The checkpoint the log starts from; null when reading went on past the first line. */
  readonly header: Checkpoint | null;
  readonly records: readonly ReadRecord[];
  /** Where the next complete line would start, and how many lines there are before it. */
  readonly end: {readonly offset: number; readonly lines: number};
}

const at = (line: JsonLine): string => `line ${line.number} (byte offset ${line.offset})`;

/**
 * The log's lines from `from` on (all of them by default), each checked alone. `fd`: the log as the
 * caller holds it open, which may be one a checkpoint has since replaced (`file` names it in messages).
 * `maxRecords`: stop after that many records (`end` is then where the next one starts).
 */
export function readStateLog(
  file: string,
  from: {readonly offset: number; readonly lines: number} = {offset: 0, lines: 0},
  fd?: number,
  maxRecords = Infinity,
): StateLogRead {
  let header: Checkpoint | null = null;
  const records: ReadRecord[] = [];
  let end = from;
  const lines = fd === undefined ? readLines(file, undefined, from) : readLinesOf(fd, file, undefined, from);
  for (const line of lines) {
    const value = toRecord(line, file, lineFormat, parseLine(line, file));
    if ('checkpoint' in value) {
      if (line.number !== 1)
        throw damaged(file, `${at(line)} names a checkpoint, which only its first line may`);
      header = value.checkpoint;
    } else {
      const {audit} = value;
      if (
        audit !== undefined &&
        (audit.seq !== value.revisionAfter ||
          audit.revisionAfter !== value.revisionAfter ||
          audit.revisionBefore !== value.revisionBefore)
      )
        throw damaged(
          file,
          `${at(line)} records the change to revision ${value.revisionAfter} with the audit entry of revision ${audit.seq}`,
        );
      records.push({
        record: {...value, changes: value.changes.map((c) => checkedChange(c, file, line))},
        line,
      });
    }
    end = {offset: line.offset + Buffer.byteLength(line.text, 'utf8') + 1, lines: line.number};
    if (records.length >= maxRecords) break;
  }
  return {header, records, end};
}

const isPath = (value: unknown): value is StatePath =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isInteger(k) && k >= 0));

/** One change, its values checked against the schema of the place they go to. */
export function checkedChange(raw: unknown, file: string, line: JsonLine | null): StateChange {
  const fail = (reason: string): Error =>
    line === null
      ? new Error(`The new state is malformed and was not saved (${reason}).`)
      : damaged(file, `${at(line)} ${reason}`);
  if (typeof raw !== 'object' || raw === null || !isPath((raw as {path?: unknown}).path))
    throw fail('holds a change without a path into the state');
  const change = raw as Record<string, unknown> & {path: StatePath};
  const keys = Object.keys(change).sort().join(',');
  const where = change.path.map(String).join('.');
  const schema = schemaAt(change.path);
  if (schema === null) throw fail(`changes ${where}, which is not part of the state`);
  const parse = (value: unknown, valueSchema: z.ZodType): unknown => {
    const parsed = valueSchema.safeParse(value);
    if (!parsed.success)
      throw fail(`changes ${where} to a value that does not fit (${firstIssue(parsed.error)})`);
    return parsed.data;
  };
  if (keys === 'path,value') return {path: change.path, value: parse(change['value'], schema)};
  if (keys === 'path,unset' && change['unset'] === true) {
    if (!(schema instanceof z.ZodOptional)) throw fail(`removes ${where}, which the state must have`);
    return {path: change.path, unset: true};
  }
  const splice = change['splice'];
  const items = change['items'];
  if (
    keys === 'items,path,splice' &&
    Array.isArray(splice) &&
    splice.length === 2 &&
    splice.every((n) => Number.isInteger(n) && (n as number) >= 0) &&
    Array.isArray(items) &&
    schema instanceof z.ZodArray
  ) {
    const element = schema.element as z.ZodType;
    return {
      path: change.path,
      splice: [splice[0] as number, splice[1] as number],
      items: items.map((i) => parse(i, element)),
    };
  }
  throw fail(`holds a change of ${where} that is not a value, a removal or a splice of a list`);
}

/**
 * `state` with the records past its revision applied in order. A record that does not start at the
 * revision reached so far, or does not fit the state, makes the log damaged. `fresh`: see applyChanges.
 */
export function replay(
  state: ChatState,
  records: readonly ReadRecord[],
  file: string,
  fresh: WeakSet<object> = new WeakSet(),
): {state: ChatState; grows: number} {
  let current = state;
  let grows = 0;
  for (const {record, line} of records) {
    if (record.revisionAfter <= current.revision) continue;
    if (record.revisionBefore !== current.revision || record.revisionAfter !== record.revisionBefore + 1)
      throw damaged(
        file,
        `${at(line)} records the change from revision ${record.revisionBefore} to ${record.revisionAfter}, but the state before it is at revision ${current.revision}`,
      );
    try {
      current = applyChanges(
        current,
        [...record.changes, {path: ['revision'], value: record.revisionAfter}],
        fresh,
      );
    } catch (error) {
      if (error instanceof ChangeMismatch)
        throw damaged(file, `${at(line)} does not fit the state: ${error.message}`);
      throw error;
    }
    grows += record.grows;
  }
  return {state: current, grows};
}

/**
 * The audit entries the log's records carry after seq `after`, up to `upTo`, in order and without a
 * gap: what audit.jsonl is missing after a crash between a record and its entry there.
 */
export function auditEntriesAfter(file: string, after: number, upTo: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const {record} of readStateLog(file).records) {
    const entry = record.audit;
    if (entry === undefined || entry.seq <= after || entry.seq > upTo) continue;
    if (entry.seq !== (entries.at(-1)?.seq ?? after) + 1) break;
    entries.push(entry);
  }
  return entries;
}

/** The most bytes `changes` can add to state.json as serializeState writes it (two spaces a level). */
export function growthBound(changes: readonly StateChange[]): number {
  let total = 0;
  for (const change of changes) {
    const depth = change.path.length + ('splice' in change ? 1 : 0);
    const values = 'value' in change ? [change.value] : 'splice' in change ? change.items : [];
    for (const value of values) {
      const {bytes, lines} = indentedSize(value);
      total += bytes + lines * (2 * depth + 2) + Buffer.byteLength(String(change.path.at(-1))) + 8;
    }
  }
  return total;
}

/**
 * The bytes and lines of JSON.stringify(value, null, 2), counted without writing it: the compact text
 * and the whitespace the indentation adds. A commit bounds every changed item this way.
 */
export function indentedSize(value: unknown): {bytes: number; lines: number} {
  const compact = JSON.stringify(value) as string | undefined;
  if (compact === undefined) return {bytes: 0, lines: 1};
  const layout = {newlines: 0, spaces: 0};
  if (!addIndentation(value, 0, layout)) {
    const text = JSON.stringify(value, null, 2);
    return {bytes: Buffer.byteLength(text, 'utf8'), lines: text.split('\n').length};
  }
  return {
    bytes: Buffer.byteLength(compact, 'utf8') + layout.newlines + layout.spaces,
    lines: layout.newlines + 1,
  };
}

/**
 * Adds the newlines and spaces that indenting `value` at `level` adds to its compact JSON: a list or
 * an object of n members puts each on a line of its own (indented one level more) and its closing
 * bracket on one more; an object's member has a space after its colon. False for a value whose JSON
 * is not that of its own fields (a toJSON method): the caller then writes the text to count it.
 */
function addIndentation(value: unknown, level: number, layout: {newlines: number; spaces: number}): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (typeof (value as {toJSON?: unknown}).toJSON === 'function') return false;
  let members = 0;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      members += 1;
      if (!addIndentation(item, level + 1, layout)) return false;
    }
  } else {
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      // JSON leaves out members it cannot write.
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      members += 1;
      layout.spaces += 1;
      if (!addIndentation(member, level + 1, layout)) return false;
    }
  }
  if (members === 0) return true;
  layout.newlines += members + 1;
  layout.spaces += members * 2 * (level + 1) + 2 * level;
  return true;
}
