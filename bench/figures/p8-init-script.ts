// P8: `pchat init --from --setup` of a generated store (against generating the same store
// directly), and a long `pchat exec -f` script (against evaluating the same lines on a store in memory).

import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {writeInitFiles} from '../../src/gen/init-files.js';
import {Session} from '../../src/session.js';
import {MemoryStore} from '../../src/store/memory-store.js';
import {ratioFigure, type Figure} from './figure.js';
import {PCHAT} from './p1-exec-get.js';
import type {BenchStore} from './stores.js';
import {processMs} from './timing.js';

const SCRIPT_LINES = Number(process.env['BENCH_SCRIPT_LINES'] ?? 20_000);

export function p8Init(store: BenchStore, scratch: string, note?: string): Figure {
  const files = writeInitFiles(path.join(scratch, `init-files-${store.size}`), store.generated);
  const target = path.join(scratch, `init-${store.size}`);
  const ms = processMs([
    PCHAT,
    'init',
    '--store',
    target,
    '--from',
    files.deployment,
    '--setup',
    files.setup,
  ]);
  fs.rmSync(target, {recursive: true, force: true});
  const figure = ratioFigure({
    id: 'P8-init',
    what: `pchat init --from --setup, ${store.size} (${files.setupLines} setup lines)`,
    value: ms,
    baseline: store.generateMs,
    baselineWhat: `npm run gen ${store.size} (in process)`,
    maxRatio: Number.POSITIVE_INFINITY,
    maxMs: 60_000,
    goal: '<= 60 s on L',
    ...(note === undefined ? {} : {note}),
  });
  // The goal is about L: a smaller store within 60 s does not meet it.
  return {...figure, met: figure.met && store.size === 'L'};
}

/** Lines that each change one room: a bulk edit as an operator would script it. */
function scriptLines(store: BenchStore, count: number): string[] {
  const rooms = store.generated.state.rooms;
  return Array.from({length: count}, (_, i) => {
    const room = rooms[i % rooms.length]!;
    return `Set-CsPersistentChatRoom -Identity "${room.poolFqdn}\\${room.name}" -Description "scripted ${i}"`;
  });
}

export async function p8Script(store: BenchStore, scratch: string): Promise<Figure> {
  const lines = scriptLines(store, SCRIPT_LINES);
  const file = path.join(scratch, `script-${store.size}.ps1`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const session = await Session.open({
    store: new MemoryStore(store.generated.state, {messages: store.generated.messages}),
    origin: 'exec',
    yes: true,
  });
  const start = performance.now();
  const runs = await session.runScript(lines.join('\n'));
  const inMemory = performance.now() - start;
  const failed = runs.filter((r) => !r.ok).length;
  if (failed > 0) throw new Error(`${failed} script lines failed in memory.`);
  const target = path.join(scratch, `script-store-${store.size}`);
  fs.cpSync(store.dir, target, {recursive: true});
  const ms = processMs([PCHAT, 'exec', '--store', target, '-f', file]);
  fs.rmSync(target, {recursive: true, force: true});
  return ratioFigure({
    id: 'P8-script',
    what: `pchat exec -f, ${lines.length} lines, ${store.size}`,
    value: ms,
    baseline: inMemory,
    baselineWhat: 'the same lines on a store in memory',
    maxRatio: 3,
    goal: '<= 3x',
  });
}
