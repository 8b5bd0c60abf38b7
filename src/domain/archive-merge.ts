// How Import-CsPersistentChatData merges an archive into a pool (spec 8.2): an imported item
// overwrites the item of the same name in the target pool (keeping the target's id, so references
// to it stay valid), with a warning; anything new is added; what cannot be placed is skipped, with a
// warning. Every item gets one line of the plan, which -WhatIf prints and the import outputs.

import type {ArchiveDocuments, ArchiveRoomContent} from './archive-format.js';
import {sameText} from './content-identity.js';
import type {Addin, Category, ChatState, Room} from './types.js';

export type PlanAction = 'Add' | 'Overwrite' | 'Skip';
export type PlanKind = 'Addin' | 'Category' | 'Room' | 'User' | 'Messages';

export interface PlanItem {
  readonly action: PlanAction;
  readonly kind: PlanKind;
  readonly identity: string;
  /** Why it was overwritten or skipped; empty for a plain add. */
  readonly detail: string;
}

/** One room's archived history and the target room it goes into. */
export interface MessageImport {
  readonly contentIndex: number;
  readonly fromRoomId: string;
  readonly toRoomId: string;
  /** Target messages of the room at or after this time are replaced (null: the whole history). */
  readonly replaceFrom: string | null;
}

export interface ImportMerge {
  readonly state: ChatState;
  readonly items: readonly PlanItem[];
  readonly messages: readonly MessageImport[];
}

export interface MergeInput {
  readonly poolFqdn: string;
  readonly documents: ArchiveDocuments;
  readonly startDate: string | null;
  readonly rev: number;
  readonly newId: () => string;
  /** How many target messages of the room (at or after `from`) an import would replace. */
  readonly messagesIn: (roomId: string, from: string | null) => number;
}

export function mergeArchive(state: ChatState, input: MergeInput): ImportMerge {
  const {poolFqdn, documents, rev} = input;
  const items: PlanItem[] = [];
  const at = (name: string): string => `${poolFqdn}\\${name}`;
  const ids = new Set([...state.categories, ...state.rooms, ...state.addins].map((i) => i.id));
  const freshId = (wanted: string): string => {
    const chosen = ids.has(wanted) ? input.newId() : wanted;
    ids.add(chosen);
    return chosen;
  };

  const addins = new PoolItems(state.addins, poolFqdn);
  for (const a of documents.addins ?? []) {
    const existing = addins.find(a.name);
    const next: Addin = {id: existing?.id ?? freshId(a.id), name: a.name, poolFqdn, url: a.url, rev};
    addins.put(existing, next);
    items.push(
      item(
        existing ? 'Overwrite' : 'Add',
        'Addin',
        at(a.name),
        existing ? 'an add-in of that name existed' : '',
      ),
    );
  }

  const roomsBefore = new PoolItems(state.rooms, poolFqdn);
  const categories = new PoolItems(state.categories, poolFqdn);
  for (const c of documents.categories ?? []) {
    if (roomsBefore.find(c.name)) {
      items.push(
        item(
          'Skip',
          'Category',
          at(c.name),
          'a chat room of that name exists; rooms and categories cannot share a name',
        ),
      );
      continue;
    }
    const existing = categories.find(c.name);
    const {id: _id, ...fields} = c;
    const next: Category = {...fields, id: existing?.id ?? freshId(c.id), poolFqdn, rev};
    categories.put(existing, next);
    items.push(
      item(
        existing ? 'Overwrite' : 'Add',
        'Category',
        at(c.name),
        existing ? 'a category of that name existed' : '',
      ),
    );
  }

  const rooms = new PoolItems(state.rooms, poolFqdn);
  const roomIdOf = new Map<string, string>();
  for (const r of documents.rooms ?? []) {
    const category = categories.find(r.category);
    if (!category) {
      items.push(item('Skip', 'Room', at(r.name), `its category "${r.category}" is not in the target pool`));
      continue;
    }
    if (categories.find(r.name)) {
      items.push(
        item(
          'Skip',
          'Room',
          at(r.name),
          'a category of that name exists; rooms and categories cannot share a name',
        ),
      );
      continue;
    }
    const addin = r.addin === null ? undefined : addins.find(r.addin);
    const existing = rooms.find(r.name);
    const {id: _id, category: _c, addin: _a, ...fields} = r;
    const next: Room = {
      ...fields,
      id: existing?.id ?? freshId(r.id),
      poolFqdn,
      categoryId: category.id,
      addinId: addin?.id ?? null,
      rev,
    };
    rooms.put(existing, next);
    roomIdOf.set(r.id, next.id);
    const lostAddin =
      r.addin !== null && !addin ? `; its add-in "${r.addin}" is not in the target pool, so it has none` : '';
    items.push(
      item(
        existing ? 'Overwrite' : 'Add',
        'Room',
        at(r.name),
        (existing ? 'a chat room of that name existed' : '') + lostAddin,
      ),
    );
  }

  const users = [...state.directory.users];
  const byDn = firstIndexBy(users, (x) => x.dn);
  const bySip = firstIndexBy(users, (x) => x.sipAddress);
  let usersChanged = false;
  for (const u of documents.users ?? []) {
    // The first user whose DN or SIP address is the archived user's, as a search in order finds it.
    const found = Math.min(
      byDn.get(u.dn.toLowerCase()) ?? Infinity,
      (u.sipAddress === null ? undefined : bySip.get(u.sipAddress.toLowerCase())) ?? Infinity,
    );
    const target = users[found];
    const label = u.sipAddress ?? u.dn;
    if (!target) {
      items.push(
        item(
          'Skip',
          'User',
          label,
          'the user is not in the target directory (import creates no directory objects)',
        ),
      );
      continue;
    }
    const policy = u.persistentChatPolicy;
    if (policy !== null && !state.policies.some((p) => sameText(p.identity, `Tag:${policy}`))) {
      items.push(item('Skip', 'User', label, `the policy "${policy}" does not exist in the target`));
      continue;
    }
    if ((target.persistentChatPolicy ?? '').toLowerCase() === (policy ?? '').toLowerCase()) continue;
    users[found] = {...target, persistentChatPolicy: policy};
    usersChanged = true;
    items.push(
      item(
        'Overwrite',
        'User',
        label,
        `its Persistent Chat policy was ${target.persistentChatPolicy ?? 'none'}`,
      ),
    );
  }

  const messages: MessageImport[] = [];
  const roomIdsBefore = new Set(state.rooms.map((r) => r.id));
  (documents.content ?? []).forEach((c: ArchiveRoomContent, contentIndex) => {
    const toRoomId = roomIdOf.get(c.roomId) ?? (documents.rooms ? undefined : rooms.find(c.room)?.id);
    if (toRoomId === undefined) {
      items.push(item('Skip', 'Messages', at(c.room), 'the chat room is not in the target pool'));
      return;
    }
    const replaced = roomIdsBefore.has(toRoomId) ? input.messagesIn(toRoomId, input.startDate) : 0;
    messages.push({contentIndex, fromRoomId: c.roomId, toRoomId, replaceFrom: input.startDate});
    const window = input.startDate === null ? '' : ` posted since ${input.startDate}`;
    items.push(
      item(
        replaced > 0 ? 'Overwrite' : 'Add',
        'Messages',
        at(c.room),
        replaced > 0
          ? `${c.messages} messages replace the ${replaced} the room had${window}`
          : `${c.messages} messages`,
      ),
    );
  });

  const changed = items.some((i) => i.action !== 'Skip' && i.kind !== 'Messages');
  const next: ChatState = changed
    ? {
        ...state,
        addins: addins.all(),
        categories: categories.all(),
        rooms: rooms.all(),
        directory: {...state.directory, users: usersChanged ? users : state.directory.users},
      }
    : state;
  return {state: next, items, messages};
}

const item = (action: PlanAction, kind: PlanKind, identity: string, detail: string): PlanItem => ({
  action,
  kind,
  identity,
  detail,
});

/**
 * A list of items of which those of one pool are found by name (names compare without case, as
 * sameText does), each in O(1): an archive of ten thousand rooms meets ten thousand rooms. Replacing
 * an item keeps its place; a new one goes at the end.
 */
class PoolItems<T extends {readonly poolFqdn: string; readonly name: string}> {
  private readonly items: T[];
  private readonly byName = new Map<string, number>();

  constructor(items: readonly T[], poolFqdn: string) {
    this.items = [...items];
    const pool = poolFqdn.toLowerCase();
    this.items.forEach((item, i) => {
      if (item.poolFqdn.toLowerCase() === pool) this.index(item.name, i);
    });
  }

  find(name: string): T | undefined {
    const i = this.byName.get(name.toLowerCase());
    return i === undefined ? undefined : this.items[i];
  }

  /** `existing`: what find returned for next's name. */
  put(existing: T | undefined, next: T): void {
    const i = existing === undefined ? undefined : this.byName.get(existing.name.toLowerCase());
    if (i === undefined) this.index(next.name, this.items.push(next) - 1);
    else this.items[i] = next;
  }

  all(): readonly T[] {
    return this.items;
  }

  private index(name: string, i: number): void {
    const key = name.toLowerCase();
    if (!this.byName.has(key)) this.byName.set(key, i);
  }
}

/** The index of the first item of each key (without case); items without one are left out. */
function firstIndexBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item)?.toLowerCase();
    if (k !== undefined && !map.has(k)) map.set(k, i);
  });
  return map;
}
