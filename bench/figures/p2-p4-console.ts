// P2-P4: the console on the large store, on a real pseudo-terminal (pty-console.ts), each beside a
// minimal Ink app started and timed the same way in the same run. P2 is the median of whole starts;
// P3 and P4 are p95s over every key pressed. P3-commits repeats P3's keys while another process
// commits Set lines in a loop, and reads the store revision each frame shows.

import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {ratioFigure, type Figure} from './figure.js';
import {FIRST_PANE, firstFrameMs, MINIMAL_TEXT, startConsole, startMinimalInk} from './console-on-pty.js';
import {describe, merge, timeKeys, type KeySamples, type Step} from './key-timing.js';
import {PCHAT} from './p1-exec-get.js';
import type {PtyProgram} from './pty-console.js';
import type {BenchStore} from './stores.js';
import {median, percentile, RUNS} from './timing.js';

const FRAME_MS = 16;
const DOWN = 'j';
const UP = 'k';
const PAGE_DOWN = '\x1b[6~';
const PAGE_UP = '\x1b[5~';
const ESC = '\x1b';

const times = (n: number, keys: string): Step[] => Array.from({length: n}, () => ({keys}));

/** Cursor and page moves through a long list. */
const NAVIGATION: Step[] = [
  ...times(20, DOWN),
  ...times(10, PAGE_DOWN),
  ...times(10, UP),
  ...times(5, PAGE_UP),
];

/** Pane switches (Rooms is 3, Principals 0), each followed by moves through the list. */
const P3_STEPS: Step[] = Array.from({length: 3}, () => [
  {keys: '3', shows: 'Rooms ('},
  ...NAVIGATION,
  {keys: '0', shows: 'Principals ('},
  ...NAVIGATION,
]).flat();

/** Room and principal filters as an operator types them: some found as typed, some with a typo. */
const ROOM_QUERIES = ['hiring', 'sales3budget', 'finance2design', 'dashbord', 'plannnig'];
const PRINCIPAL_QUERIES = ['dubois', 'clara.dub', 'operations', 'dubios', 'engineerng'];

/** `/`, then each character (the keys P4 counts), then Esc, which clears the filter. */
const typed = (query: string): Step[] =>
  [...query].map((_, i) => ({keys: query[i]!, shows: `/${query.slice(0, i + 1)} `}));

async function filterSamples(
  program: PtyProgram,
  paneKey: string,
  title: string,
  queries: readonly string[],
) {
  await timeKeys(program, [{keys: paneKey, shows: title}]);
  const all: KeySamples[] = [];
  for (const query of queries) {
    await timeKeys(program, [{keys: '/'}]);
    all.push(await timeKeys(program, typed(query)));
    await timeKeys(program, [{keys: ESC}]);
  }
  return merge(...all);
}

async function consoleOn(store: BenchStore): Promise<PtyProgram> {
  const program = startConsole(store.dir);
  await program.frame((t) => t.includes(FIRST_PANE));
  return program;
}

/** The minimal app answering as many keys as `steps`: the floor of a key's trip through Ink and the pty. */
async function baselineKeys(count: number): Promise<KeySamples> {
  const program = startMinimalInk();
  try {
    await program.frame((t) => t.includes(MINIMAL_TEXT));
    return await timeKeys(
      program,
      Array.from({length: count}, (_, i) => ({keys: DOWN, shows: `, ${i + 1} keys`})),
    );
  } finally {
    await program.stop();
  }
}

const keyFigure = (
  id: string,
  what: string,
  samples: KeySamples,
  baseline: KeySamples,
  note = '',
): Figure => {
  const value = percentile(samples.ms, 0.95);
  const base = percentile(baseline.ms, 0.95);
  return {
    id,
    what,
    value,
    baseline: base,
    baselineWhat: 'p95 of a minimal Ink app answering a key',
    ratio: value / base,
    goal: `p95 <= ${FRAME_MS} ms`,
    met: value <= FRAME_MS,
    note: `${describe(samples)}; baseline ${describe(baseline)}${note}`,
  };
};

export async function p2(large: BenchStore): Promise<Figure> {
  // One start of each first, so that both find their files in the page cache.
  await firstFrameMs(startMinimalInk(), MINIMAL_TEXT);
  await firstFrameMs(startConsole(large.dir), FIRST_PANE);
  const minimal: number[] = [];
  const console: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    minimal.push(await firstFrameMs(startMinimalInk(), MINIMAL_TEXT));
    console.push(await firstFrameMs(startConsole(large.dir), FIRST_PANE));
  }
  return ratioFigure({
    id: 'P2',
    what: `console cold start to the first complete frame, ${large.size}`,
    value: median(console),
    baseline: median(minimal),
    baselineWhat: 'a minimal Ink app, the same way',
    maxRatio: 1.5,
    goal: '<= 1.5x a minimal Ink app',
  });
}

export async function p3(large: BenchStore): Promise<Figure> {
  const program = await consoleOn(large);
  try {
    const samples = await timeKeys(program, P3_STEPS);
    const baseline = await baselineKeys(P3_STEPS.length);
    return keyFigure('P3', `keypress to frame (cursor, page, pane switch), ${large.size}`, samples, baseline);
  } finally {
    await program.stop();
  }
}

export async function p4(large: BenchStore): Promise<Figure[]> {
  const program = await consoleOn(large);
  try {
    const rooms = await filterSamples(program, '3', 'Rooms (', ROOM_QUERIES);
    const principals = await filterSamples(program, '0', 'Principals (', PRINCIPAL_QUERIES);
    const baseline = await baselineKeys(Math.max(rooms.ms.length, principals.ms.length));
    return [
      keyFigure('P4-rooms', `each keystroke of a / filter over the rooms, ${large.size}`, rooms, baseline),
      keyFigure(
        'P4-principals',
        `each keystroke of a / filter over the principals, ${large.size}`,
        principals,
        baseline,
      ),
    ];
  } finally {
    await program.stop();
  }
}

/** `pchat exec -f` of Set lines, one commit each, until it is stopped. */
function committer(store: BenchStore, scratch: string) {
  const script = path.join(scratch, 'p3-commits.ps1');
  const lines = Array.from(
    {length: 10_000},
    (_, i) => `Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -Description "commit ${i}"`,
  );
  fs.writeFileSync(script, `${lines.join('\n')}\n`);
  const child = spawn(process.execPath, [PCHAT, 'exec', '--store', store.dir, '-f', script], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {stop: () => (child.kill('SIGTERM'), exited)};
}

const revisions = (text: string): number[] => [...text.matchAll(/rev (\d+)/g)].map((m) => Number(m[1]));

export async function p3WhileCommitting(large: BenchStore, scratch: string): Promise<Figure> {
  const program = await consoleOn(large);
  const first = revisions(program.last()?.text ?? '')[0] ?? 0;
  const writer = committer(large, scratch);
  try {
    const samples = await timeKeys(program, P3_STEPS);
    await writer.stop();
    const baseline = await baselineKeys(P3_STEPS.length);
    const shown = revisions(program.last()?.text ?? '')[0] ?? first;
    return keyFigure(
      'P3-commits',
      `P3 while another process commits Set lines in a loop, ${large.size}`,
      samples,
      baseline,
      `; the console showed rev ${first} at the start and rev ${shown} at the end`,
    );
  } finally {
    await writer.stop();
    await program.stop();
  }
}
