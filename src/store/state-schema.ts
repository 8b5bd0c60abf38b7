// The shape of what the store reads back, checked in full: a file that parses but has the wrong shape
// is damaged, never patched with defaults. Objects are strict, so unknown or hostile keys are refused.
// Each schema is typed against src/domain/types.ts, so a field added there without one here fails to compile.

import {z} from 'zod';
import {lazySchemas} from '../domain/lazy-schemas.js';
import {COMMAND_ORIGINS, ROLES} from '../domain/types.js';
import type {AuditEntry, ChatMessage, ChatState, SqlStore} from '../domain/types.js';

// Each command parses the state once: zod's compiled fast path costs more to build than it saves.
z.config({jitless: true});

/** Built at the first parse (domain/lazy-schemas.ts): a Get reads the checkpoint its log names unparsed. */
const schema = lazySchemas(function stateSchemas() {
  const str = z.string();
  const nullableStr = z.string().nullable();
  const strings = z.array(z.string());
  const int = z.number().int();
  const rev = z.number().int().nonnegative();
  const role = z.enum(ROLES as [string, ...string[]]).transform((r) => r as (typeof ROLES)[number]);
  const origin = z
    .enum(COMMAND_ORIGINS as [string, ...string[]])
    .transform((o) => o as (typeof COMMAND_ORIGINS)[number]);

  const sqlStore: z.ZodType<SqlStore> = z.strictObject({
    sqlFqdn: str,
    instance: str,
    dataCenter: nullableStr,
    online: z.boolean().optional(),
    active: z.boolean().optional(),
    restored: z.boolean().optional(),
  });

  const pool = z.strictObject({
    fqdn: str,
    site: str,
    displayName: nullableStr,
    kind: z.enum(['multiComputer', 'singleComputer']),
    collocatedWithStandardEdition: z.boolean(),
    servers: z.array(z.strictObject({fqdn: str, dataCenter: nullableStr})),
    activeServers: strings,
    poolState: z.enum(['Normal', 'FailedOver']),
    stores: z.strictObject({
      primary: sqlStore,
      primaryMirror: sqlStore.nullable(),
      backup: sqlStore.nullable(),
      backupMirror: sqlStore.nullable(),
      logShipping: z.boolean(),
    }),
    lowLatencyLink: z.boolean(),
    compliance: z.strictObject({enabled: z.boolean(), store: sqlStore.nullable()}),
    port: int,
    fileStore: nullableStr,
    nextHopPool: nullableStr,
  });

  const topology = z.strictObject({
    sites: z.array(z.strictObject({name: str, dataCenters: strings})),
    frontEndPools: z.array(z.strictObject({fqdn: str, site: str, dataCenter: nullableStr})),
    persistentChatPools: z.array(pool),
  });

  const directory = z.strictObject({
    users: z.array(
      z.strictObject({
        dn: str,
        sipAddress: nullableStr,
        displayName: str,
        site: nullableStr,
        enabled: z.boolean(),
        persistentChatPolicy: nullableStr,
        userPrincipalName: nullableStr,
        samAccountName: nullableStr,
        attributes: z.record(z.string(), z.string()),
      }),
    ),
    groups: z.array(z.strictObject({dn: str, displayName: str, members: strings})),
    contacts: z.array(z.strictObject({dn: str, sipAddress: nullableStr, displayName: str})),
    organizationalUnits: strings,
    containers: strings,
  });

  const configuration = z.strictObject({
    identity: str,
    defaultChatHistory: int,
    maxFileSizeKB: int,
    participantUpdateLimit: int,
    roomManagementUrl: nullableStr,
    rev,
  });

  const compliance = z.strictObject({
    identity: str,
    adapterType: nullableStr,
    adapterName: nullableStr,
    adapterOutputDirectory: nullableStr,
    oneChatRoomPerOutputFile: z.boolean(),
    addChatRoomDetails: z.boolean(),
    addUserDetails: z.boolean(),
    createFileAttachmentsManifest: z.boolean(),
    customConfiguration: nullableStr,
    runIntervalSeconds: z.number().nonnegative(),
    rev,
  });

  const policy = z.strictObject({
    identity: str,
    description: nullableStr,
    enablePersistentChat: z.boolean(),
    rev,
  });

  const endpoint = z.strictObject({
    dn: str,
    objectId: str,
    sipAddress: str,
    displayName: nullableStr,
    poolFqdn: str,
    isDefault: z.boolean(),
  });

  const category = z.strictObject({
    id: str,
    name: str,
    poolFqdn: str,
    description: nullableStr,
    invitations: z.boolean(),
    fileUpload: z.boolean(),
    chatHistory: z.boolean(),
    allowedMembers: strings,
    deniedMembers: strings,
    creators: strings,
    disabled: z.boolean(),
    rev,
  });

  const room = z.strictObject({
    id: str,
    name: str,
    poolFqdn: str,
    categoryId: str,
    description: nullableStr,
    type: z.enum(['Normal', 'Auditorium']),
    privacy: z.enum(['Open', 'Closed', 'Secret']),
    invitations: z.enum(['Inherit', 'False']),
    disabled: z.boolean(),
    addinId: nullableStr,
    members: strings,
    managers: strings,
    presenters: strings,
    rev,
  });

  const addin = z.strictObject({id: str, name: str, poolFqdn: str, url: str, rev});

  const stateObject = z.strictObject({
    schemaVersion: int.positive(),
    revision: rev,
    sipDomains: strings,
    topology,
    directory,
    configurations: z.array(configuration),
    compliance: z.array(compliance),
    policies: z.array(policy),
    endpoints: z.array(endpoint),
    categories: z.array(category),
    rooms: z.array(room),
    addins: z.array(addin),
    operators: z.array(z.strictObject({name: str, roles: z.array(role)})),
    complianceMarks: z.array(z.strictObject({poolFqdn: str, through: str, idsAtThrough: strings})).optional(),
  });

  const chatMessage: z.ZodType<ChatMessage> = z.strictObject({
    id: str,
    roomId: str,
    author: str,
    postedAt: str,
    text: str,
    replaced: z.boolean(),
    replacedAt: nullableStr,
  });

  const auditEntry: z.ZodType<AuditEntry> = z.strictObject({
    seq: int.positive(),
    time: str,
    operator: str,
    uid: int.nullable(),
    role: z.union([role, z.literal('None')]),
    command: str,
    targets: strings,
    result: z.enum(['Success', 'PartialFailure']),
    errors: strings,
    revisionBefore: rev,
    revisionAfter: rev,
    source: nullableStr,
    // Optional so that entries written before these fields existed still read.
    warnings: strings.optional(),
    via: origin.optional(),
  });

  const removedObjects = z.strictObject({
    rooms: z.array(room),
    categories: z.array(category),
    passes: int.nonnegative(),
  });
  return {stateObject, chatMessage, auditEntry, removedObjects};
});

const stateObject = schema((s) => s.stateObject);
export const chatStateSchema: z.ZodType<ChatState> = stateObject;

/**
 * The schema of what sits at `path` in the state (a field, a list, an item of a list), or null when
 * nothing can: a change recorded in the state log is checked alone against it.
 */
export function schemaAt(path: readonly (string | number)[]): z.ZodType | null {
  let schema: z.ZodType = stateObject.unwrap();
  for (const key of path) {
    while (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
      schema = schema.unwrap() as z.ZodType;
    if (schema instanceof z.ZodObject && typeof key === 'string' && Object.hasOwn(schema.shape, key))
      schema = schema.shape[key] as z.ZodType;
    else if (schema instanceof z.ZodArray && typeof key === 'number') schema = schema.element as z.ZodType;
    else return null;
  }
  return schema;
}

export const chatMessageSchema: z.ZodType<ChatMessage> = schema((s) => s.chatMessage);

export const auditEntrySchema: z.ZodType<AuditEntry> = schema((s) => s.auditEntry);

/** What a removal backup keeps besides its messages (removed.json). */
export const removedObjectsSchema = schema((s) => s.removedObjects);

/** The first problem as `path: message`, for the damaged-file error. */
export const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  if (!issue) return 'it does not have the shape of a store';
  const where = issue.path.length === 0 ? '(the document)' : issue.path.map(String).join('.');
  return `${where}: ${issue.message}`;
};
