// Stores for the export and import tests: the demo store, a store with the demo's topology and no
// content, sessions on them, and zip helpers that build or take apart archives the way a hostile
// sender could.

import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import {Session, type LineRun} from '../../src/session.js';
import {openStore} from '../../src/store/file-store.js';
import {DEMO_DEPLOYMENT, DEMO_SETUP, initStore} from '../../src/workspace.js';
import {demoDeployment} from './demo.js';

export const POOL1 = 'sql1.dc1.example.org\\rtc';

/** The demo store (deployment + setup script + messages), as `pchat init` makes it. */
export async function demoStore(root: string, name = 'source'): Promise<string> {
  const dir = path.join(root, name);
  await initStore({dir, from: DEMO_DEPLOYMENT, setup: DEMO_SETUP});
  return dir;
}

/**
 * The demo with the same topology, directory, policies and settings, and no content: no categories,
 * rooms, add-ins or messages (the setup script up to its content section).
 */
export async function emptyStore(root: string, name = 'target'): Promise<string> {
  const from = path.join(root, `${name}.json`);
  fs.writeFileSync(from, JSON.stringify({...demoDeployment(), messages: []}));
  const script = fs.readFileSync(DEMO_SETUP, 'utf8');
  const setup = path.join(root, `${name}.ps1`);
  fs.writeFileSync(setup, script.slice(0, script.indexOf('# --- Categories, rooms and add-ins ---')));
  const dir = path.join(root, name);
  await initStore({dir, from, setup});
  return dir;
}

/** The demo store's archive of POOL1, as Export-CsPersistentChatData -AsBytes gives it, and its entries. */
export async function demoArchive(root: string): Promise<{bytes: Uint8Array; entries: RawEntry[]}> {
  const source = await sessionOn(await demoStore(root));
  try {
    await run(source, `$b = Export-CsPersistentChatData -DBInstance "${POOL1}" -AsBytes`);
    const bytes = (source.variables.get('b') as {data: Uint8Array}).data;
    return {bytes, entries: await entriesOf(bytes)};
  } finally {
    source.store.close();
  }
}

export const sessionOn = async (dir: string): Promise<Session> =>
  Session.open({store: await openStore(dir), origin: 'exec', yes: true});

export async function run(session: Session, line: string): Promise<LineRun> {
  const result = await session.run(line);
  if (result.storeFailure) throw new Error(`${line}: ${result.storeFailure.message}`);
  return result;
}

/** The database instance of each demo pool's primary store. */
export const dbInstances = (): string[] =>
  demoDeployment().persistentChatPools.map(
    (p) => `${p.stores.primary.sqlFqdn}\\${p.stores.primary.instance}`,
  );

/** The message log's lines, grouped by room id, as bytes. */
export function linesByRoom(dir: string): Map<string, string> {
  const rooms = new Map<string, string>();
  const text = fs.readFileSync(path.join(dir, 'messages.jsonl'), 'utf8');
  for (const line of text.split('\n').filter((l) => l !== '')) {
    const roomId = (JSON.parse(line) as {roomId: string}).roomId;
    rooms.set(roomId, (rooms.get(roomId) ?? '') + `${line}\n`);
  }
  return rooms;
}

export interface RawEntry {
  readonly name: string;
  readonly data: Buffer;
}

/** The entries with a manifest recomputed for them, so that only the damage under test is wrong. */
export function resealed(list: readonly RawEntry[]): RawEntry[] {
  const manifestText = list.find((e) => e.name === 'manifest.json')!.data.toString('utf8');
  const manifest = JSON.parse(manifestText) as {entries: unknown[]};
  manifest.entries = list
    .filter((e) => e.name !== 'manifest.json')
    .map((e) => ({
      name: e.name,
      bytes: e.data.length,
      sha256: createHash('sha256').update(e.data).digest('hex'),
    }));
  return list.map((e) =>
    e.name === 'manifest.json' ? {...e, data: Buffer.from(JSON.stringify(manifest))} : e,
  );
}

/**
 * A zip of exactly these entries, in order, with their names as given however hostile: the zip
 * writer refuses such names, so each entry is written under a harmless name of the same length
 * that is then replaced in the finished bytes (names are covered by no checksum).
 */
export async function zipOf(entries: readonly RawEntry[]): Promise<Buffer> {
  const placeholders = entries.map((e, i) => {
    const tag = `~${i}~`;
    return e.name.length >= tag.length ? tag.padEnd(e.name.length, 'z') : null;
  });
  let bytes = await plainZip(entries.map((e, i) => ({...e, name: placeholders[i] ?? e.name})));
  entries.forEach((e, i) => {
    const placeholder = placeholders[i];
    if (placeholder) bytes = replaceAll(bytes, Buffer.from(placeholder), Buffer.from(e.name));
  });
  return bytes;
}

function replaceAll(bytes: Buffer, from: Buffer, to: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let at = out.indexOf(from); at >= 0; at = out.indexOf(from, at + 1)) to.copy(out, at);
  return out;
}

async function plainZip(entries: readonly RawEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', resolve);
    zip.outputStream.on('error', reject);
  });
  for (const e of entries) zip.addBuffer(e.data, e.name, {mtime: new Date(2000, 0, 1)});
  zip.end();
  await done;
  return Buffer.concat(chunks);
}

/** The entries of a zip held in memory. */
export async function entriesOf(bytes: Uint8Array): Promise<RawEntry[]> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes), {lazyEntries: true});
  const out: RawEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const parts: Buffer[] = [];
        stream.on('data', (c: Buffer) => parts.push(c));
        stream.on('end', () => {
          out.push({name: entry.fileName, data: Buffer.concat(parts)});
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return out;
}
