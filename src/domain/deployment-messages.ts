// The deployment file's messages checked one at a time, as a reader streams them out of the file:
// the shape of each entry at once, the pool of its room once the rest of the file is known. Only the
// first problems are kept (with a count of the others), so a million bad entries cost no more memory
// than a few hundred.

import type {Issue} from './errors.js';
import {buildMessage, shapeIssues, type DeploymentMessage} from './deployment.js';
import {messagePoolIssue, poolOfRoom} from './deployment-rules.js';
import {deploymentMessageSchema, type DeploymentMessageEntry} from './deployment-schema.js';
import {memoizeText} from './text-memo.js';

const FIELDS = deploymentMessageSchema.shape;
const FIELD_COUNT = Object.keys(FIELDS).length;

/** A field's checked value, or null when the field check fails. */
const fieldCheck =
  (schema: (typeof FIELDS)['room' | 'from']) =>
  (text: string): string | null => {
    const parsed = schema.safeParse(text);
    return parsed.success ? parsed.data : null;
  };

/** Far more than anyone reads (the error lists 500); the rest are counted. */
const KEEP_ISSUES = 501;

export interface CountedIssues {
  readonly listed: readonly Issue[];
  readonly unlisted: number;
}

interface PoolUse {
  /** The first messages that name the pool, by index. */
  readonly first: {readonly index: number; readonly room: string}[];
  count: number;
}

export class DeploymentMessageCheck {
  private readonly shape: Issue[] = [];
  private unlistedShape = 0;
  /** Lower-case pool of a room identity → the messages naming it: the pools are checked per pool, not per message. */
  private readonly pools = new Map<string, PoolUse>();

  /** The message, or null when its shape is wrong (the problem is kept for shapeIssues). */
  check(input: unknown, index: number): DeploymentMessage | null {
    const fields = this.fields(input);
    if (fields !== null) {
      this.notePool(fields.room, index);
      return buildMessage(fields);
    }
    const parsed = deploymentMessageSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        for (const found of shapeIssues({...issue, path: ['messages', index, ...issue.path]})) {
          if (this.shape.length < KEEP_ISSUES) this.shape.push(found);
          else this.unlistedShape += 1;
        }
      }
      return null;
    }
    this.notePool(parsed.data.room, index);
    return buildMessage(parsed.data);
  }

  shapeIssues(): CountedIssues {
    return {listed: this.shape, unlisted: this.unlistedShape};
  }

  /** The messages whose room is in a pool the deployment does not have, in file order. */
  ruleIssues(deploymentPools: ReadonlySet<string>): CountedIssues {
    const bad = [...this.pools].filter(([pool]) => !deploymentPools.has(pool)).map(([, use]) => use);
    const first = bad.flatMap((use) => use.first).sort((a, b) => a.index - b.index);
    const listed = first
      .slice(0, KEEP_ISSUES)
      .flatMap(({index, room}) => messagePoolIssue(room, index, deploymentPools) ?? []);
    const total = bad.reduce((sum, use) => sum + use.count, 0);
    return {listed, unlisted: total - listed.length};
  }

  /**
   * The entry as the schema gives it, checked field by field with the schema's own field checks,
   * the room's and the author's remembered (a million messages name ten thousand rooms and fifty
   * thousand authors); null when a field fails or the entry is not an object of exactly these four
   * strings, and then the whole schema runs to say what is wrong.
   */
  private fields(input: unknown): DeploymentMessageEntry | null {
    if (typeof input !== 'object' || input === null || Object.keys(input).length !== FIELD_COUNT) return null;
    const {room, from, at, text} = input as Partial<Record<keyof DeploymentMessageEntry, unknown>>;
    if (
      typeof room !== 'string' ||
      typeof from !== 'string' ||
      typeof at !== 'string' ||
      typeof text !== 'string'
    )
      return null;
    const checkedRoom = this.room(room);
    const checkedFrom = this.from(from);
    if (checkedRoom === null || checkedFrom === null) return null;
    const checkedAt = FIELDS.at.safeParse(at);
    const checkedText = FIELDS.text.safeParse(text);
    if (!checkedAt.success || !checkedText.success) return null;
    return {room: checkedRoom, from: checkedFrom, at: checkedAt.data, text: checkedText.data};
  }

  private readonly room = memoizeText(fieldCheck(FIELDS.room));
  private readonly from = memoizeText(fieldCheck(FIELDS.from));

  private notePool(room: string, index: number): void {
    const pool = poolOfRoom(room);
    if (pool === null) return;
    let use = this.pools.get(pool);
    if (use === undefined) {
      use = {first: [], count: 0};
      this.pools.set(pool, use);
    }
    use.count += 1;
    if (use.first.length < KEEP_ISSUES) use.first.push({index, room});
  }
}
