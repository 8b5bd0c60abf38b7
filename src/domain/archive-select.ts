// What Export-CsPersistentChatData puts in an archive (spec 8.1): the pool's categories (or those in
// -Scope), their rooms, the add-ins, the users they name, and the rooms whose history goes along.

import {sameText} from './content-identity.js';
import {
  ARCHIVE_FORMAT_VERSION,
  LEVEL_PARTS,
  type ArchivePlan,
  type ArchiveUser,
  type ExportLevel,
} from './archive-format.js';
import type {Category, ChatState, Room} from './types.js';

export interface ExportRequest {
  readonly poolFqdn: string;
  readonly dbInstance: string;
  readonly dbName: string;
  readonly level: ExportLevel;
  /** Category names; null = every category of the pool. */
  readonly scope: readonly string[] | null;
  readonly startDate: string | null;
  readonly exportedAt: string;
}

export interface ExportSelection {
  readonly plan: ArchivePlan;
  /** Rooms whose messages go into the archive, in content order; empty when the level has no content. */
  readonly contentRooms: readonly {readonly roomId: string; readonly room: string}[];
  /** Scope names that match no category of the pool (a warning each). */
  readonly unknownScope: readonly string[];
  readonly categoryIds: readonly string[];
  readonly roomIds: readonly string[];
}

export function selectExport(state: ChatState, request: ExportRequest): ExportSelection {
  const inPool = <T extends {readonly poolFqdn: string}>(items: readonly T[]): T[] =>
    items.filter((i) => sameText(i.poolFqdn, request.poolFqdn));
  const scope = request.scope;
  const categories = inPool(state.categories).filter(
    (c) => scope === null || scope.some((s) => sameText(s, c.name)),
  );
  const unknownScope = (scope ?? []).filter((s) => !categories.some((c) => sameText(s, c.name)));
  const categoryIds = new Set(categories.map((c) => c.id));
  const rooms = inPool(state.rooms).filter((r) => categoryIds.has(r.categoryId));
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  const addinName = new Map(state.addins.map((a) => [a.id, a.name]));
  const addins = inPool(state.addins).filter((a) => scope === null || rooms.some((r) => r.addinId === a.id));
  const parts = LEVEL_PARTS[request.level];
  const users = referencedUsers(state, categories, rooms);
  const documents = {
    ...(parts.includes('users') ? {users} : {}),
    ...(parts.includes('categories')
      ? {categories: categories.map(({rev: _rev, poolFqdn: _pool, ...c}) => c)}
      : {}),
    ...(parts.includes('rooms')
      ? {
          rooms: rooms.map(({rev: _rev, poolFqdn: _pool, categoryId, addinId, ...r}) => ({
            ...r,
            category: categoryName.get(categoryId) ?? '',
            addin: addinId === null ? null : (addinName.get(addinId) ?? null),
          })),
        }
      : {}),
    ...(parts.includes('addins') ? {addins: addins.map(({id, name, url}) => ({id, name, url}))} : {}),
  };
  const contentRooms = parts.includes('content') ? rooms.map((r) => ({roomId: r.id, room: r.name})) : [];
  return {
    plan: {
      manifest: {
        formatVersion: ARCHIVE_FORMAT_VERSION,
        exportedAt: request.exportedAt,
        source: {dbInstance: request.dbInstance, dbName: request.dbName, poolFqdn: request.poolFqdn},
        level: request.level,
        scope: request.scope === null ? null : [...request.scope],
        startDate: request.startDate,
        counts: {
          users: documents.users?.length ?? 0,
          categories: documents.categories?.length ?? 0,
          rooms: documents.rooms?.length ?? 0,
          addins: documents.addins?.length ?? 0,
        },
      },
      documents,
      startDate: request.startDate,
    },
    contentRooms,
    unknownScope,
    categoryIds: categories.map((c) => c.id),
    roomIds: rooms.map((r) => r.id),
  };
}

/** Directory users named by the exported categories and rooms, with their Persistent Chat data. */
function referencedUsers(
  state: ChatState,
  categories: readonly Category[],
  rooms: readonly Room[],
): ArchiveUser[] {
  const named = new Set<string>();
  for (const c of categories)
    for (const p of [...c.allowedMembers, ...c.deniedMembers, ...c.creators]) named.add(p.toLowerCase());
  for (const r of rooms)
    for (const p of [...r.members, ...r.managers, ...r.presenters]) named.add(p.toLowerCase());
  return state.directory.users
    .filter(
      (u) =>
        named.has(u.dn.toLowerCase()) || (u.sipAddress !== null && named.has(u.sipAddress.toLowerCase())),
    )
    .map((u) => ({dn: u.dn, sipAddress: u.sipAddress, persistentChatPolicy: u.persistentChatPolicy}));
}
