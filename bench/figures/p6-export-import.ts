// P6: Export-CsPersistentChatData and Import-CsPersistentChatData of every pool of a generated store,
// each in its own process (so its peak RSS is its own), against a raw streaming copy of the bytes it
// reads (export: state.json and messages.jsonl; import: the archives), fsynced as the store's files
// are. The goal is half the copy's throughput or better (time <= 2x) and a peak RSS <= 256 MiB.
// The import is the round trip of issue 9: into a store with the same topology and no content
// (withoutContent), after which both stores must hold the same data (p6-round-trip.ts; a difference
// stops the bench). Then the same archives are imported back into the store they came from: every
// room is overwritten and its messages replaced, the most work an import can be given.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import {fileURLToPath} from 'node:url';
import {withoutContent} from '../../src/gen/without-content.js';
import {writeStore} from '../../src/gen/write-store.js';
import type {Figure} from './figure.js';
import {deflateMs, inflateMs} from './p6-floors.js';
import {compareRoundTrip} from './p6-round-trip.js';
import {messageLog, stateFile, type BenchStore} from './stores.js';
import {inProcess, median} from './timing.js';

/** One run by default: a transfer of L takes minutes (README). */
const RUNS = Number(process.env['BENCH_P6_RUNS'] ?? 1);
const MAX_RATIO = 2;
const MAX_RSS = 256 * 1024 * 1024;
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'p6-transfer-process.js');

interface Sample {
  readonly ms: number;
  readonly maxRssBytes: number;
}

/**
 * A transfer runs with V8's defaults, as a `pchat exec` started by hand does: the console's Export
 * screen starts its child with a smaller young generation (EXPORT_NODE_FLAGS, transfer-process.ts),
 * which peaks lower still.
 */
function transfer(mode: 'export' | 'import', dir: string, file: string, dbInstances: string[]): Sample {
  const run = spawnSync(process.execPath, [child, mode, dir, file, ...dbInstances], {
    encoding: 'utf8',
    env: {...process.env, PCHAT_STORE: ''},
  });
  if (run.status !== 0) throw new Error(`P6 ${mode} failed (${run.status}): ${run.stderr.slice(0, 2000)}`);
  return JSON.parse(run.stdout) as Sample;
}

async function streamingCopy(sources: readonly string[], target: string): Promise<void> {
  const out = fs.openSync(target, 'wx', 0o600);
  try {
    for (const source of sources)
      await pipeline(fs.createReadStream(source), fs.createWriteStream('', {fd: out, autoClose: false}));
    fs.fsyncSync(out);
  } finally {
    fs.closeSync(out);
    fs.rmSync(target, {force: true});
  }
}

const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(0)} MiB`;

function row(
  id: string,
  what: string,
  samples: readonly Sample[],
  baseline: number,
  bytes: number,
  floor: string,
  check = '',
): Figure {
  const value = median(samples.map((s) => s.ms));
  const peak = Math.max(...samples.map((s) => s.maxRssBytes));
  const ratio = value / baseline;
  const throughput = (ms: number) => `${(bytes / (1024 * 1024) / (ms / 1000)).toFixed(1)} MiB/s`;
  return {
    id,
    what,
    value,
    baseline,
    baselineWhat: `a streaming copy of the same ${mib(bytes)}`,
    ratio,
    goal: '>= 0.5x streaming the same bytes; peak RSS <= 256 MiB',
    met: ratio <= MAX_RATIO && peak <= MAX_RSS,
    note: `peak RSS ${mib(peak)}; ${throughput(value)} against ${throughput(baseline)}; ${floor}${check}`,
  };
}

export async function p6(store: BenchStore, root: string): Promise<Figure[]> {
  const dbInstances = store.generated.state.topology.persistentChatPools.map(
    (p) => `${p.stores.primary.sqlFqdn}\\${p.stores.primary.instance}`,
  );
  const read = [stateFile(store), messageLog(store)];
  const readBytes = read.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const scratch = path.join(root, 'p6-copy');
  const exportCopy = await inProcess(() => streamingCopy(read, scratch), RUNS);
  const exports: Sample[] = [];
  for (let i = 0; i < RUNS; i++) exports.push(transfer('export', store.dir, `p6-${i}`, dbInstances));
  const archives = dbInstances.map((_, k) => path.join(store.dir, 'exports', `p6-0-${k}.zip`));
  const archiveBytes = archives.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const importCopy = await inProcess(() => streamingCopy(archives, scratch), RUNS);
  const imports: Sample[] = [];
  let roundTrip = '';
  for (let i = 0; i < RUNS; i++) {
    const target = path.join(root, `p6-target-${i}`);
    await writeStore(target, withoutContent(store.generated.state), []);
    fs.mkdirSync(path.join(target, 'exports'), {mode: 0o700});
    for (const archive of archives)
      fs.copyFileSync(archive, path.join(target, 'exports', path.basename(archive)));
    imports.push(transfer('import', target, 'p6-0', dbInstances));
    if (i === 0) {
      const found = await compareRoundTrip(store.dir, target);
      if (found.differences.length > 0)
        throw new Error(`P6: the round trip is not exact:\n${found.differences.slice(0, 20).join('\n')}`);
      roundTrip = `; round trip exact: ${found.rooms} rooms' messages (${found.messages}) byte-equal, equal Gets (${found.gets.join(', ')})`;
    }
    fs.rmSync(target, {recursive: true, force: true});
  }
  const overwrites: Sample[] = [];
  for (let i = 0; i < RUNS; i++) overwrites.push(transfer('import', store.dir, 'p6-0', dbInstances));
  const size = store.size;
  // What the codec alone takes, against the copy: a floor above the goal's 2x cannot be met by the store.
  const floor = (what: string, ms: number, copy: number) =>
    `${what} alone: ${ms.toFixed(0)} ms on one core = ${(ms / copy).toFixed(2)}x the copy`;
  const deflated = floor(`deflating the bytes read at the archives' level`, deflateMs(read), exportCopy);
  const inflated = await inflateMs(archives);
  // An import writes what the archives hold, about the bytes the export's copy wrote, not their size.
  const inflating =
    floor(`inflating the archives to ${mib(inflated.bytes)}`, inflated.ms, importCopy) +
    `; writing what they hold, as the streaming copy of the store's ${mib(readBytes)} did: ` +
    `${exportCopy.toFixed(0)} ms = ${(exportCopy / importCopy).toFixed(2)}x the copy`;
  for (let i = 0; i < RUNS; i++)
    for (const [k] of dbInstances.entries()) fs.rmSync(path.join(store.dir, 'exports', `p6-${i}-${k}.zip`));
  return [
    row(
      'P6-export',
      `Export-CsPersistentChatData of every pool, ${size}`,
      exports,
      exportCopy,
      readBytes,
      deflated,
    ),
    row(
      'P6-import',
      `Import-CsPersistentChatData of those archives into ${size} without content`,
      imports,
      importCopy,
      archiveBytes,
      inflating,
      roundTrip,
    ),
    row(
      'P6-import-over',
      `Import-CsPersistentChatData of those archives back into ${size}`,
      overwrites,
      importCopy,
      archiveBytes,
      inflating,
    ),
  ];
}
