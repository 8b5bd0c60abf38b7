// Restore-PcBackup of a removal backup, the state part: the removed categories and rooms come back
// as they were, into the state as it is now (the messages are the store's part).
//
// Spec note: what comes back must fit what exists now, and the restore is all or nothing:
// - a room or category whose id is in the store already (the backup was restored before) is
//   AlreadyExists; one whose name a room or category created since now holds is DuplicateName or
//   NameConflict: rename or remove that one first;
// - a room whose category is neither in the store nor in the same backup is CategoryNotFound, and
//   the message names the backup that holds the category when there is one (restore that first);
// - a room whose add-in was removed since comes back without one (warning AddinNotRestored);
// - members, managers and presenters that the category no longer allows are left out, as moving a
//   room to another category does (warning PrincipalsPurged, rule R17).

import {CmdletError, type Warning} from './errors.js';
import {assertNameFree, findPool, identityOf} from './content-identity.js';
import {entryInScope, scopeOf} from './membership.js';
import type {RemovedObjects} from './ports.js';
import type {Category, ChatState, Room} from './types.js';

export interface RestoreRemovedInput {
  readonly removed: RemovedObjects;
  /** Finds the removal backup that holds a category no longer in the store, to name it. */
  readonly backupHolding: (categoryId: string) => string | null;
}

const inStoreAlready = (kind: string, identity: string): CmdletError =>
  new CmdletError(
    'AlreadyExists',
    `The ${kind} ${identity} is in the store already: this backup was restored before.`,
    {target: identity},
  );

/** Name checks say what restoring ran into, with the same ids as creating would. */
const nameFree = (state: ChatState, kind: 'Category' | 'Room', item: Category | Room): void => {
  try {
    assertNameFree(state, kind, item.poolFqdn, item.name, null);
  } catch (error) {
    if (!(error instanceof CmdletError)) throw error;
    throw new CmdletError(
      error.errorId,
      `Cannot restore ${identityOf(item)}: ${error.message} Rename or remove it first.`,
      {target: identityOf(item)},
    );
  }
};

const restoreCategory = (state: ChatState, category: Category): ChatState => {
  if (state.categories.some((c) => c.id === category.id))
    throw inStoreAlready('category', identityOf(category));
  findPool(state, category.poolFqdn);
  nameFree(state, 'Category', category);
  return {...state, categories: [...state.categories, category]};
};

const restoreRoom = (
  state: ChatState,
  room: Room,
  input: RestoreRemovedInput,
  warnings: Warning[],
): ChatState => {
  const identity = identityOf(room);
  if (state.rooms.some((r) => r.id === room.id)) throw inStoreAlready('chat room', identity);
  const category = state.categories.find((c) => c.id === room.categoryId);
  if (!category) {
    const holder = input.backupHolding(room.categoryId);
    throw new CmdletError(
      'CategoryNotFound',
      holder
        ? `Cannot restore ${identity}: its category was removed since. Restore backup ${holder} first, which holds it.`
        : `Cannot restore ${identity}: its category no longer exists and no backup holds it.`,
      {target: identity},
    );
  }
  nameFree(state, 'Room', room);
  let addinId = room.addinId;
  if (addinId !== null && !state.addins.some((a) => a.id === addinId)) {
    warnings.push({
      warningId: 'AddinNotRestored',
      message: `${identity} comes back without its add-in, which was removed since.`,
      target: identity,
    });
    addinId = null;
  }
  const scope = scopeOf(category);
  const allowed = (v: string): boolean => entryInScope(state.directory, scope, v);
  const lists = {
    members: room.members.filter(allowed),
    managers: room.managers.filter(allowed),
    presenters: room.presenters.filter(allowed),
  };
  const gone = [
    ...room.members.filter((v) => !allowed(v)),
    ...room.managers.filter((v) => !allowed(v)),
    ...room.presenters.filter((v) => !allowed(v)),
  ];
  if (gone.length > 0)
    warnings.push({
      warningId: 'PrincipalsPurged',
      message: `${identity} comes back without ${[...new Set(gone)].join(', ')}, which category ${identityOf(category)} no longer allows.`,
      target: identity,
    });
  return {...state, rooms: [...state.rooms, {...room, ...lists, addinId}]};
};

/** Categories first, so that rooms removed with their category come back into it. */
export const restoreRemoved = (
  state: ChatState,
  input: RestoreRemovedInput,
): {state: ChatState; warnings: readonly Warning[]} => {
  const warnings: Warning[] = [];
  let next = state;
  for (const category of input.removed.categories) next = restoreCategory(next, category);
  for (const room of input.removed.rooms) next = restoreRoom(next, room, input, warnings);
  return {state: next, warnings};
};
