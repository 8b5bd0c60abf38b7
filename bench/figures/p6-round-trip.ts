// The check of P6's round trip: after a store's archives are imported into a store with the same
// topology and no content, both hold the same counts, answer a sample of Gets alike, and hold each
// room's messages as the same bytes in the same order. The logs are compared whole, as one digest
// per room from one streaming pass over each; the Gets are a sample, since every Get of ten thousand
// rooms would take longer than the transfer it checks.

import {createHash, type Hash} from 'node:crypto';
import path from 'node:path';
import {Session} from '../../src/session.js';
import {openStore} from '../../src/store/file-store.js';
import {readLines} from '../../src/store/jsonl.js';

/** Every room's lines of the log, as one SHA-256 per room id, and the number of lines. */
function roomDigests(dir: string): {digests: Map<string, string>; lines: number} {
  const hashes = new Map<string, Hash>();
  let lines = 0;
  for (const line of readLines(path.join(dir, 'messages.jsonl'))) {
    const roomId = (JSON.parse(line.text) as {roomId: string}).roomId;
    let hash = hashes.get(roomId);
    if (!hash) hashes.set(roomId, (hash = createHash('sha256')));
    hash.update(`${line.text}\n`);
    lines += 1;
  }
  return {digests: new Map([...hashes].map(([id, h]) => [id, h.digest('hex')])), lines};
}

/** Every category, add-in, room and user, and the messages of a few rooms through the store. */
function getLines(session: Session, sampleRooms: number): string[] {
  const rooms = [...session.state.rooms].sort((a, b) => a.id.localeCompare(b.id));
  const step = Math.max(1, Math.floor(rooms.length / sampleRooms));
  const sample = rooms.filter((_, i) => i % step === 0).slice(0, sampleRooms);
  const quoted = (text: string): string => `'${text.replace(/'/g, "''")}'`;
  return [
    'Get-CsPersistentChatCategory',
    'Get-CsPersistentChatAddin',
    'Get-CsPersistentChatRoom',
    'Get-CsUser',
    // One line for the sample: each line of a session reads the state again.
    sample.map((r) => `Get-PcChatMessage -Room ${quoted(`${r.poolFqdn}\\${r.name}`)}`).join('; '),
  ];
}

/** Each line's output as JSON, and how many objects it wrote. */
async function gets(dir: string, lines: readonly string[] | null, sampleRooms: number) {
  const store = await openStore(dir);
  try {
    const session = await Session.open({store, origin: 'exec', yes: true});
    const out = new Map<string, {json: string; count: number}>();
    for (const line of lines ?? getLines(session, sampleRooms)) {
      const result = await session.run(line);
      if (!result.ok || result.storeFailure)
        throw new Error(`${line}: ${result.storeFailure?.message ?? result.errors[0]?.message}`);
      out.set(line, {json: JSON.stringify(result.output), count: result.output.length});
    }
    return out;
  } finally {
    store.close();
  }
}

export interface RoundTrip {
  readonly messages: number;
  readonly rooms: number;
  /** The Get lines compared, each with the number of objects it wrote. */
  readonly gets: readonly string[];
  /** What differs; empty when the round trip is exact. */
  readonly differences: readonly string[];
}

export async function compareRoundTrip(source: string, target: string, sampleRooms = 3): Promise<RoundTrip> {
  const differences: string[] = [];
  const from = roomDigests(source);
  const to = roomDigests(target);
  if (from.lines !== to.lines) differences.push(`messages: ${from.lines} in the source, ${to.lines} after`);
  for (const [roomId, digest] of from.digests)
    if (to.digests.get(roomId) !== digest) differences.push(`the messages of room ${roomId} differ`);
  for (const roomId of to.digests.keys())
    if (!from.digests.has(roomId)) differences.push(`room ${roomId} has messages only after the import`);
  const before = await gets(source, null, sampleRooms);
  const after = await gets(target, [...before.keys()], sampleRooms);
  for (const [line, output] of before) {
    const now = after.get(line);
    if (now?.json !== output.json)
      differences.push(
        `${line.slice(0, 60)}: ${output.count} objects before, ${now?.count} after, not equal`,
      );
  }
  return {
    messages: to.lines,
    rooms: to.digests.size,
    gets: [...before].map(([line, o]) => `${line.slice(0, 60)}: ${o.count}`),
    differences,
  };
}
