// The archive Export-CsPersistentChatData writes and Import-CsPersistentChatData reads (README,
// "The export archive"): a zip holding manifest.json, one JSON document per part, and one JSON
// Lines file of messages per room. Pure rules: the names, the limits and the schemas; the store
// does the reading and writing. Objects are strict, so an unknown key (and `__proto__`) is refused.

import {z} from 'zod';
import {lazySchemas} from './lazy-schemas.js';
import {textFieldProblem} from './text-fields.js';

export const ARCHIVE_FORMAT_VERSION = 1;

export const EXPORT_LEVELS = ['All', 'User', 'Category', 'RoomDirectory', 'Content'] as const;
export type ExportLevel = (typeof EXPORT_LEVELS)[number];

export const DOCUMENT_NAMES = {
  manifest: 'manifest.json',
  users: 'users.json',
  categories: 'categories.json',
  rooms: 'rooms.json',
  addins: 'addins.json',
  content: 'content.json',
} as const;
export type DocumentPart = Exclude<keyof typeof DOCUMENT_NAMES, 'manifest'>;

/** The parts each level holds (spec 8.1); `All` adds the add-ins. */
export const LEVEL_PARTS: Readonly<Record<ExportLevel, readonly DocumentPart[]>> = {
  All: ['users', 'categories', 'rooms', 'addins', 'content'],
  User: ['users'],
  Category: ['categories'],
  RoomDirectory: ['categories', 'rooms'],
  Content: ['content'],
};

/** Room i's messages: its index, not its name, so no name from the data ever becomes a path. */
export const messageEntryName = (index: number): string => `messages/${index}.jsonl`;
const MESSAGE_ENTRY = /^messages\/(0|[1-9]\d{0,5})\.jsonl$/;

/** Whether the entry holds a room's messages (rather than a JSON document). */
export const isMessageEntryName = (name: string): boolean => MESSAGE_ENTRY.test(name);

/**
 * Limits checked while reading, on the bytes actually inflated (the sizes a zip header claims are
 * never trusted). Generous for a real export (a million messages is about 200 MB), small enough that
 * a crafted archive cannot fill the disk or memory.
 */
export const ARCHIVE_LIMITS = {
  maxArchiveBytes: 2 * 1024 * 1024 * 1024,
  maxEntries: 200_003,
  /** A JSON document is parsed whole, so it is held to far less than a message file. */
  maxDocumentBytes: 64 * 1024 * 1024,
  maxEntryBytes: 2 * 1024 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  /** Text deflates 5-20 times; 200 leaves room for repetitive chat and stops zip bombs early. */
  maxRatio: 200,
  maxDepth: 16,
  maxLineBytes: 1024 * 1024,
} as const;

/** Why an entry name is refused, or null: only the names this format writes are accepted. */
export function entryNameProblem(name: string): string | null {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'it is an absolute path';
  if (name.includes('\\')) return 'it contains a backslash';
  if (name.split('/').includes('..')) return 'it contains a ".." part';
  if (Object.values(DOCUMENT_NAMES).includes(name as never) || MESSAGE_ENTRY.test(name)) return null;
  return 'it is not a part of this archive format';
}

const MAX_ITEMS = 100_000;

/** Built at the first parse (lazy-schemas.ts): only an import reads an archive. */
const schema = lazySchemas(function archiveSchemas() {
  const text = (kind: 'line' | 'lines' = 'line') =>
    z.string().superRefine((s, ctx) => {
      const why = textFieldProblem(s, kind);
      if (why !== null) ctx.addIssue({code: 'custom', message: why});
    });
  const name = text().min(1).max(256);
  const id = z.string().min(1).max(128);
  const principals = z.array(z.string().min(1).max(1024)).max(100_000);
  const isoDate = z.iso.datetime({offset: true});
  const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

  const category = z.strictObject({
    id,
    name,
    description: text('lines').max(1024).nullable(),
    invitations: z.boolean(),
    fileUpload: z.boolean(),
    chatHistory: z.boolean(),
    allowedMembers: principals,
    deniedMembers: principals,
    creators: principals,
    disabled: z.boolean(),
  });

  const room = z.strictObject({
    id,
    name,
    category: name,
    description: text('lines').max(1024).nullable(),
    type: z.enum(['Normal', 'Auditorium']),
    privacy: z.enum(['Open', 'Closed', 'Secret']),
    invitations: z.enum(['Inherit', 'False']),
    disabled: z.boolean(),
    addin: name.nullable(),
    members: principals,
    managers: principals,
    presenters: principals,
  });

  const addin = z.strictObject({id, name, url: z.string().min(1).max(2048)});

  const user = z.strictObject({
    dn: z.string().min(1).max(1024),
    sipAddress: z.string().max(1024).nullable(),
    persistentChatPolicy: name.nullable(),
  });

  const roomContent = z.strictObject({
    roomId: id,
    room: name,
    entry: z.string().regex(MESSAGE_ENTRY),
    messages: z.number().int().nonnegative(),
  });

  const users = z.array(user).max(MAX_ITEMS * 2);
  const categories = z.array(category).max(MAX_ITEMS);
  const rooms = z.array(room).max(MAX_ITEMS);
  const addins = z.array(addin).max(MAX_ITEMS);
  const content = z.array(roomContent).max(MAX_ITEMS);

  const manifest = z.strictObject({
    formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
    exportedAt: isoDate,
    source: z.strictObject({dbInstance: z.string().min(1).max(512), dbName: name, poolFqdn: name}),
    level: z.enum(EXPORT_LEVELS),
    scope: z.array(name).max(MAX_ITEMS).nullable(),
    startDate: isoDate.nullable(),
    counts: z.strictObject({
      users: z.number().int().nonnegative(),
      categories: z.number().int().nonnegative(),
      rooms: z.number().int().nonnegative(),
      addins: z.number().int().nonnegative(),
      messages: z.number().int().nonnegative(),
    }),
    entries: z
      .array(z.strictObject({name: z.string().max(64), bytes: z.number().int().nonnegative(), sha256}))
      .max(ARCHIVE_LIMITS.maxEntries),
  });
  return {category, room, addin, user, roomContent, users, categories, rooms, addins, content, manifest};
});

export const archiveCategorySchema = schema((s) => s.category);
export const archiveRoomSchema = schema((s) => s.room);
export const archiveAddinSchema = schema((s) => s.addin);
export const archiveUserSchema = schema((s) => s.user);
/** One room's history in the archive; the room is named so a Content-only archive can find it. */
export const archiveRoomContentSchema = schema((s) => s.roomContent);
export const archiveDocumentSchemas = {
  users: schema((s) => s.users),
  categories: schema((s) => s.categories),
  rooms: schema((s) => s.rooms),
  addins: schema((s) => s.addins),
  content: schema((s) => s.content),
} as const;

export const manifestSchema = schema((s) => s.manifest);

/** Read-only views of the parsed shapes, so domain entities (with readonly lists) fit them. */
type Frozen<T> = T extends readonly (infer U)[]
  ? readonly Frozen<U>[]
  : T extends object
    ? {readonly [K in keyof T]: Frozen<T[K]>}
    : T;
export type ArchiveCategory = Frozen<z.infer<typeof archiveCategorySchema>>;
export type ArchiveRoom = Frozen<z.infer<typeof archiveRoomSchema>>;
export type ArchiveAddin = Frozen<z.infer<typeof archiveAddinSchema>>;
export type ArchiveUser = Frozen<z.infer<typeof archiveUserSchema>>;
export type ArchiveRoomContent = Frozen<z.infer<typeof archiveRoomContentSchema>>;
export type Manifest = Frozen<z.infer<typeof manifestSchema>>;

/** The JSON documents of an archive; a part the level does not hold is absent. */
export interface ArchiveDocuments {
  readonly users?: readonly ArchiveUser[];
  readonly categories?: readonly ArchiveCategory[];
  readonly rooms?: readonly ArchiveRoom[];
  readonly addins?: readonly ArchiveAddin[];
  readonly content?: readonly ArchiveRoomContent[];
}

/** What to write: the documents, and per content entry the room id whose messages go into it. */
export interface ArchivePlan {
  readonly manifest: Omit<Manifest, 'entries' | 'counts'> & {
    readonly counts: Omit<Manifest['counts'], 'messages'>;
  };
  readonly documents: ArchiveDocuments;
  /** Inclusive lower bound on postedAt for the messages, or null for all. */
  readonly startDate: string | null;
}

/** The parts present must be exactly the level's, and every content entry must name its own file. */
export function archiveShapeProblem(manifest: Manifest, documents: ArchiveDocuments): string | null {
  const expected = LEVEL_PARTS[manifest.level];
  for (const part of Object.keys(DOCUMENT_NAMES) as (keyof typeof DOCUMENT_NAMES)[]) {
    if (part === 'manifest') continue;
    const present = documents[part] !== undefined;
    if (present !== expected.includes(part))
      return `${DOCUMENT_NAMES[part]} is ${present ? 'present' : 'missing'} in a ${manifest.level} archive`;
  }
  const entries = new Set<string>();
  for (const [i, room] of (documents.content ?? []).entries()) {
    if (room.entry !== messageEntryName(i)) return `content.json item ${i} names ${room.entry}`;
    entries.add(room.entry);
  }
  const listed = new Set(manifest.entries.map((e) => e.name));
  for (const name of listed)
    if (MESSAGE_ENTRY.test(name) && !entries.has(name)) return `${name} belongs to no room of content.json`;
  return null;
}
