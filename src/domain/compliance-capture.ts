// A compliance capture (topology spec 4.5): the messages of a pool posted since its last capture,
// written as the built-in XML adapter writes them into the pool's AdapterOutputDirectory. Planned
// here from the state and one streaming pass over the message log; the files are produced later,
// under the store's lock, by a second pass (captureEffects).

import {CmdletError, type Warning} from './errors.js';
import {effectiveCompliance} from './compliance.js';
import {
  unwritableCharacters,
  writeAttachmentManifest,
  writeConversations,
  type CaptureWindow,
  type Conversation,
} from './compliance-xml.js';
import {parsePoolIdentity, parseXdsIdentity, resolvePoolIdentity} from './identity.js';
import type {Effect, FileWriter, MessageReader} from './ports.js';
import {findSite} from './topology.js';
import {isWindowsPath, lastWindowsPart} from './windows-path.js';
import type {
  ChatMessage,
  ChatState,
  ComplianceConfiguration,
  ComplianceMark,
  PersistentChatPool,
  Room,
} from './types.js';

export interface CaptureFile {
  /** Relative to the store's exports/ directory. */
  readonly path: string;
  readonly roomIds: readonly string[];
  readonly messages: number;
}

export interface CapturePlan {
  readonly pool: PersistentChatPool;
  readonly configuration: ComplianceConfiguration;
  /** Relative to exports/. */
  readonly directory: string;
  readonly window: CaptureWindow;
  readonly previous: ComplianceMark | null;
  readonly mark: ComplianceMark;
  /** Rooms with messages in the window, in state order, with their counts. */
  readonly rooms: readonly {readonly room: Room; readonly messages: number}[];
  readonly files: readonly CaptureFile[];
  readonly attachmentManifests: readonly string[];
  readonly messages: number;
  readonly warnings: readonly Warning[];
}

/**
 * The pools an Identity names: a pool (its FQDN or service identity), or a scope, `Global` or
 * `site:<name>`, standing for its pools whose topology has compliance on.
 */
export function capturePools(state: ChatState, identity: string): PersistentChatPool[] {
  if (parsePoolIdentity(identity) !== null) {
    const pool = resolvePoolIdentity(state, identity);
    if (!pool.compliance.enabled) throw complianceDisabled([pool], identity);
    return [pool];
  }
  const parts = parseXdsIdentity(identity, {scopes: ['global', 'site']});
  const all = state.topology.persistentChatPools;
  let pools = all;
  if (parts.scope === 'site') {
    const site = findSite(state, parts.name ?? '');
    if (!site)
      throw new CmdletError('SiteNotFound', `No site is named "${parts.name ?? ''}".`, {
        target: identity,
        parameter: 'Identity',
      });
    pools = all.filter((p) => p.site.toLowerCase() === site.name.toLowerCase());
  }
  const enabled = pools.filter((p) => p.compliance.enabled);
  if (enabled.length === 0) throw complianceDisabled(pools, identity);
  return enabled;
}

const complianceDisabled = (pools: readonly PersistentChatPool[], identity: string): CmdletError =>
  new CmdletError(
    'ComplianceDisabled',
    pools.length === 0
      ? `No Persistent Chat pool is under ${identity}; there is nothing to capture.`
      : `Compliance is not enabled in the topology for ${pools.map((p) => p.fqdn).join(', ')}; nothing was captured.`,
    {target: identity},
  );

// Spec note: a collection without AdapterOutputDirectory writes to compliance/<pool> under exports/,
// so that the demo (whose collections name no folder) can run a capture as it is.
const defaultDirectory = (pool: PersistentChatPool): string => `compliance/${pool.fqdn}`;

/** The folder under exports/ and, for a documented Windows path, the warning that says where it went. */
function outputDirectory(
  pool: PersistentChatPool,
  configuration: ComplianceConfiguration,
): {directory: string; warning: Warning | null} {
  const requested = configuration.adapterOutputDirectory?.trim() ?? '';
  if (requested === '') return {directory: defaultDirectory(pool), warning: null};
  if (!isWindowsPath(requested)) return {directory: requested.replace(/\/+$/, ''), warning: null};
  const name = lastWindowsPart(requested);
  if (name === null)
    throw new CmdletError(
      'InvalidValue',
      `AdapterOutputDirectory "${requested}" of ${configuration.identity} names no folder.`,
      {target: configuration.identity},
    );
  return {
    directory: name,
    warning: {
      warningId: 'WindowsPathMapped',
      message: `AdapterOutputDirectory "${requested}" is written to exports/${name} in the store.`,
      target: configuration.identity,
    },
  };
}

function adapterCheck(configuration: ComplianceConfiguration, pool: PersistentChatPool): void {
  if (configuration.adapterType === 'XML') return;
  throw new CmdletError(
    'AdapterNotAvailable',
    configuration.adapterType === null
      ? `${configuration.identity} has no adapter (AdapterType is $Null), so compliance output is off for ${pool.fqdn}.`
      : `Only the built-in XML adapter can run here; ${configuration.identity} names ${configuration.adapterType}.`,
    {target: pool.fqdn},
  );
}

// Spec note: a capture's window runs from the end of the pool's previous capture (the first
// capture: its earliest message) to the moment it runs; StartTimeUTC and EndTimeUTC carry it. A
// message belongs to the window by its PostedAt, so a message imported later with an older date is
// not captured again, as the real service captures activity when it happens. Messages are written in
// the order of the message log. Files are named PersistentChat_<pool>_<end, UTC to the millisecond>
// (with _<room id> for one file per room), so runs never collide.
/** True when a message belongs to the window after `previous` and up to `end` (ms). */
const inWindow =
  (previous: ComplianceMark | null, endMs: number) =>
  (m: ChatMessage): boolean => {
    const t = Date.parse(m.postedAt);
    if (!(t <= endMs)) return false;
    if (previous === null) return true;
    const through = Date.parse(previous.through);
    return t > through || (t === through && !previous.idsAtThrough.includes(m.id));
  };

const poolRooms = (state: ChatState, pool: PersistentChatPool): Room[] =>
  state.rooms.filter((r) => r.poolFqdn.toLowerCase() === pool.fqdn.toLowerCase());

const stamp = (iso: string): string => iso.replace(/[-:.]/g, '');

/** Plans one pool's capture at `now`: counts what it will write, in one pass over the log. */
export function planCapture(
  state: ChatState,
  reader: MessageReader,
  pool: PersistentChatPool,
  now: Date,
): CapturePlan {
  const configuration = effectiveCompliance(state, pool.fqdn);
  adapterCheck(configuration, pool);
  const {directory, warning} = outputDirectory(pool, configuration);
  const previous =
    state.complianceMarks?.find((m) => m.poolFqdn.toLowerCase() === pool.fqdn.toLowerCase()) ?? null;
  const end = now.toISOString();
  const endMs = now.getTime();
  const rooms = poolRooms(state, pool);
  const counts = new Map<string, number>();
  const atEnd = previous?.through === end ? [...previous.idsAtThrough] : [];
  let earliest = end;
  let unwritable = 0;
  const take = inWindow(previous, endMs);
  for (const m of reader.scan({roomIds: rooms.map((r) => r.id)})) {
    if (!take(m)) continue;
    counts.set(m.roomId, (counts.get(m.roomId) ?? 0) + 1);
    if (Date.parse(m.postedAt) === endMs) atEnd.push(m.id);
    if (Date.parse(m.postedAt) < Date.parse(earliest)) earliest = m.postedAt;
    unwritable += unwritableCharacters(m.text);
  }
  const active = rooms
    .filter((r) => counts.has(r.id))
    .map((room) => ({room, messages: counts.get(room.id) ?? 0}));
  for (const {room} of active) unwritable += unwritableCharacters(room.name);
  const messages = active.reduce((n, r) => n + r.messages, 0);
  const base = `${directory}/PersistentChat_${pool.fqdn}_${stamp(end)}`;
  const files: CaptureFile[] =
    active.length === 0
      ? []
      : configuration.oneChatRoomPerOutputFile
        ? active.map(({room, messages: n}) => ({
            path: `${base}_${room.id}.xml`,
            roomIds: [room.id],
            messages: n,
          }))
        : [{path: `${base}.xml`, roomIds: active.map((r) => r.room.id), messages}];
  const warnings: Warning[] = [];
  if (warning && files.length > 0) warnings.push(warning);
  if (configuration.customConfiguration !== null && files.length > 0)
    warnings.push({
      warningId: 'XsltNotApplied',
      message: `${configuration.identity} has an XSLT in CustomConfiguration, but no XSLT processor is available; the XML is written as the built-in adapter makes it.`,
      target: pool.fqdn,
    });
  if (unwritable > 0)
    warnings.push({
      warningId: 'ComplianceTextReplaced',
      message: `${unwritable} character${unwritable === 1 ? '' : 's'} that XML cannot hold (control characters, lone surrogates) ${unwritable === 1 ? 'is' : 'are'} written as U+FFFD.`,
      target: pool.fqdn,
    });
  return {
    pool,
    configuration,
    directory,
    window: {start: previous?.through ?? earliest, end},
    previous,
    mark: {poolFqdn: pool.fqdn, through: end, idsAtThrough: atEnd},
    rooms: active,
    files,
    attachmentManifests: configuration.createFileAttachmentsManifest
      ? files.map((f) => f.path.replace(/\.xml$/, '.ATTACH'))
      : [],
    messages,
    warnings,
  };
}

/** The state with the pool's new high-water mark. */
export const withMark = (state: ChatState, mark: ComplianceMark): ChatState => ({
  ...state,
  complianceMarks: [
    ...(state.complianceMarks ?? []).filter((m) => m.poolFqdn.toLowerCase() !== mark.poolFqdn.toLowerCase()),
    mark,
  ],
});

/** At most this many messages are held at once while files are written. */
export const BATCH_MESSAGES = 50_000;

/**
 * The plan's conversations in order, read batch by batch: rooms are grouped until a batch holds
 * about BATCH_MESSAGES, and each batch is one pass over the log. A room that fills a batch alone is
 * streamed straight from the log, so no room is held whole.
 */
export function* conversations(
  plan: CapturePlan,
  reader: MessageReader,
  batchMessages = BATCH_MESSAGES,
): Generator<Conversation> {
  const inside = inWindow(plan.previous, Date.parse(plan.window.end));
  let batch: {room: Room; messages: number}[] = [];
  let size = 0;
  function* flush(): Generator<Conversation> {
    if (batch.length === 1 && batch[0] !== undefined) {
      const only = batch[0].room;
      yield {room: only, messages: filtered(reader.scan({roomIds: [only.id]}), inside)};
    } else if (batch.length > 1) {
      const byRoom = new Map<string, ChatMessage[]>(batch.map((r) => [r.room.id, []]));
      for (const m of reader.scan({roomIds: batch.map((r) => r.room.id)}))
        if (inside(m)) byRoom.get(m.roomId)?.push(m);
      for (const {room} of batch) yield {room, messages: byRoom.get(room.id) ?? []};
    }
    batch = [];
    size = 0;
  }
  for (const entry of plan.rooms) {
    if (size > 0 && size + entry.messages > batchMessages) yield* flush();
    batch.push(entry);
    size += entry.messages;
  }
  yield* flush();
}

function* filtered(
  messages: Iterable<ChatMessage>,
  take: (m: ChatMessage) => boolean,
): Generator<ChatMessage> {
  for (const m of messages) if (take(m)) yield m;
}

/**
 * The writeFile effects of a plan. Files are produced in plan order when the store prepares the
 * commit; the conversations are read once, in that order, shared by the files.
 */
export function captureEffects(state: ChatState, plan: CapturePlan, reader: MessageReader): Effect[] {
  let source: Generator<Conversation> | null = null;
  const next = (): Generator<Conversation> => (source ??= conversations(plan, reader));
  const details = {
    addChatRoomDetails: plan.configuration.addChatRoomDetails,
    addUserDetails: plan.configuration.addUserDetails,
  };
  const fileWriter =
    (file: CaptureFile): FileWriter =>
    (write) =>
      writeConversations(write, {
        state,
        details,
        window: plan.window,
        conversations: firstOf(next(), file.roomIds.length),
      });
  return [
    ...plan.files.map((file): Effect => ({kind: 'writeFile', path: file.path, data: fileWriter(file)})),
    ...plan.attachmentManifests.map((path): Effect => ({
      kind: 'writeFile',
      path,
      data: (write) => writeAttachmentManifest(write),
    })),
  ];
}

function* firstOf<T>(items: Iterator<T>, count: number): Generator<T> {
  for (let i = 0; i < count; i += 1) {
    const next = items.next();
    if (next.done === true) return;
    yield next.value;
  }
}
