// What one commit changed in the state, as changes a reader applies to the state before it. The
// domain builds a new state by spreading the old one, so an unchanged collection or item keeps its
// identity: a commit compares by reference first (and by value only where identity differs), and
// costs what it changed, not the size of the state. The state and its plain objects (topology,
// directory) are compared key by key; a list is compared item by item when its length is the same
// (only at the items replaced, when the domain made it by replacing items: replaced-items.ts), and
// otherwise as one splice between its unchanged start and end. Items are recorded whole.

import {recordReplacedAt, replacedSince} from '../domain/replaced-items.js';

export type StatePath = readonly (string | number)[];

export type StateChange =
  | {readonly path: StatePath; readonly value: unknown}
  | {readonly path: StatePath; readonly unset: true}
  | {
      readonly path: StatePath;
      readonly splice: readonly [number, number];
      readonly items: readonly unknown[];
    };

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Two values of the state that serialize alike: the same thing to a reader of state.json. */
const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The changes that turn `before` into `after`; `skip` names top-level keys the record carries itself. */
export function diffState(before: object, after: object, skip: readonly string[] = []): StateChange[] {
  const changes: StateChange[] = [];
  diffObject([], before as Plain, after as Plain, changes, new Set(skip));
  return changes;
}

function diffObject(path: StatePath, a: Plain, b: Plain, out: StateChange[], skip?: Set<string>): void {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (skip?.has(key)) continue;
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    const at = [...path, key];
    if (y === undefined) out.push({path: at, unset: true});
    else if (Array.isArray(x) && Array.isArray(y)) diffList(at, x, y, out);
    else if (isPlain(x) && isPlain(y)) diffObject(at, x, y, out);
    else if (!same(x, y)) out.push({path: at, value: y});
  }
}

function diffList(path: StatePath, a: readonly unknown[], b: readonly unknown[], out: StateChange[]): void {
  if (a.length === b.length) {
    // A list made from `a` by replacing items (replaced-items.ts) differs from it only there.
    const replaced = replacedSince(a, b);
    if (replaced !== null) {
      for (const i of replaced) if (!same(a[i], b[i])) out.push({path: [...path, i], value: b[i]});
      return;
    }
    for (let i = 0; i < a.length; i += 1) if (!same(a[i], b[i])) out.push({path: [...path, i], value: b[i]});
    return;
  }
  const shorter = Math.min(a.length, b.length);
  let start = 0;
  while (start < shorter && same(a[start], b[start])) start += 1;
  let end = 0;
  while (end < shorter - start && same(a[a.length - 1 - end], b[b.length - 1 - end])) end += 1;
  out.push({path, splice: [start, a.length - start - end], items: b.slice(start, b.length - end)});
}

/** A change that does not fit the state it is applied to: the log holding it is damaged. */
export class ChangeMismatch extends Error {}

/**
 * `state` with `changes` applied, sharing every part they do not touch. `fresh` holds the copies
 * this replay made, which it may change again in place: a record of 50,000 items copies a list once.
 */
export function applyChanges<T extends object>(
  state: T,
  changes: readonly StateChange[],
  fresh: WeakSet<object> = new WeakSet(),
): T {
  let root: unknown = state;
  for (const change of changes) root = applyAt(root, change, 0, fresh);
  return root as T;
}

function own<T extends object>(node: T, fresh: WeakSet<object>): T {
  if (fresh.has(node)) return node;
  const copy = (Array.isArray(node) ? node.slice() : {...node}) as T;
  fresh.add(copy);
  return copy;
}

const where = (change: StateChange): string => change.path.map(String).join('.');

function applyAt(node: unknown, change: StateChange, depth: number, fresh: WeakSet<object>): unknown {
  const {path} = change;
  if ('splice' in change && depth === path.length) {
    if (!Array.isArray(node)) throw new ChangeMismatch(`${where(change)} is not a list`);
    const [start, count] = change.splice;
    if (start + count > node.length)
      throw new ChangeMismatch(`${where(change)} has ${node.length} items, fewer than the change removes`);
    const list = node.slice(0, start).concat(change.items, node.slice(start + count));
    fresh.add(list);
    return list;
  }
  const key = path[depth];
  const last = depth === path.length - 1 && !('splice' in change);
  if (Array.isArray(node)) {
    if (typeof key !== 'number' || key >= node.length)
      throw new ChangeMismatch(`${where(change)} is not an item of its list`);
    if (last && 'unset' in change)
      throw new ChangeMismatch(`${where(change)} removes an item by unsetting it`);
    const list = own(node, fresh);
    list[key] = last && 'value' in change ? change.value : applyAt(node[key], change, depth + 1, fresh);
    // A reader that follows the store (the console) keeps what it made of the other items.
    recordReplacedAt(node, list, key);
    return list;
  }
  if (!isPlain(node) || typeof key !== 'string')
    throw new ChangeMismatch(`${where(change)} is not a field of the state`);
  const object = own(node, fresh);
  if (last && 'unset' in change) delete object[key];
  else if (last && 'value' in change) object[key] = change.value;
  else {
    if (!Object.hasOwn(node, key)) throw new ChangeMismatch(`${where(change)} is not a field of the state`);
    object[key] = applyAt(node[key], change, depth + 1, fresh);
  }
  return object;
}
