// Each operator idiom of idioms-table.ts through the built `pchat exec`, on a copy of the demo store:
// its exact text output, its JSON output (`--json`) parsed, its exit status and standard error. Lines
// that write get a store of their own per run; the others share one. Four processes run at a time.
//
// Most idioms only read and print, with no error, warning or what-if line: they run in a few batches,
// several lines to one process (as an operator's `pchat exec LINE LINE ...`), which saves a process
// start for each. A batch's output is cut back into each idiom's own: with --json, the Nth line of
// standard output is the Nth line's array; in text, a marker line after each idiom ends its output.
// Such an idiom expects exit status 0 and an empty standard error, so the batch's status and standard
// error are each idiom's. The only state one line leaves to the next is its variables: an idiom that
// names any variable other than $_, $true, $false and $null runs alone.

import fs from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {pchat, pchatAsync, tempDir, type ProcessResult} from '../helpers/pchat-process.js';
import {IDIOMS, type Idiom} from './idioms-table.js';

const PROCESSES_AT_ONCE = 4;
let running = 0;
const waiting: (() => void)[] = [];

/** Runs `task` when fewer than PROCESSES_AT_ONCE others are running. */
async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (running >= PROCESSES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await task();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

let demo = '';
let shared = '';

beforeAll(() => {
  const root = tempDir('pchat-idioms-');
  demo = path.join(root, 'demo');
  expect(pchat(['init', '--store', demo]).status).toBe(0);
  shared = path.join(root, 'shared');
  fs.cpSync(demo, shared, {recursive: true});
});

const storeFor = (idiom: Idiom): string => {
  if (!idiom.writes) return shared;
  const copy = path.join(tempDir('pchat-idiom-'), 's');
  fs.cpSync(demo, copy, {recursive: true});
  return copy;
};

// The width of Format-Table and Format-List: 120 columns, as without a terminal.
const exec = (store: string, ...args: string[]): Promise<ProcessResult> =>
  limited(() => pchatAsync(['exec', '--store', store, ...args], {env: {COLUMNS: ''}}));

const isRecordLine = (line: string): boolean => line.startsWith('{');
const linesOf = (text: string): string[] => text.split('\n').filter((line) => line !== '');

function expectFile(store: string, file: Idiom['file']): void {
  if (file) expect(fs.readFileSync(path.join(store, 'exports', file.name), 'utf8')).toBe(file.content);
}

/** The automatic variables a batched line may use: every other one may be set by an earlier line. */
const AUTOMATIC = new Set(['_', 'true', 'false', 'null']);
const namesVariables = (line: string): boolean =>
  [...line.matchAll(/\$(\w+|\{)/g)].some((match) => !AUTOMATIC.has(match[1]!.toLowerCase())) ||
  /variable|function/i.test(line);

/** Reads the shared store, prints output only, and exits 0: it can share a process. */
const batchable = (idiom: Idiom): boolean =>
  !idiom.writes &&
  idiom.file === undefined &&
  (idiom.status ?? 0) === 0 &&
  (idiom.stderr ?? '') === '' &&
  (idiom.records ?? []).length === 0 &&
  !linesOf(idiom.text).some((line) => line.startsWith('What if: ')) &&
  !namesVariables(idiom.line);

const BATCHES = 4;
const END = 'pchat-idioms: end of the line above';
const batched = IDIOMS.filter(batchable);
const batchOf = new Map(batched.map((idiom, i) => [idiom, i % BATCHES] as const));

interface BatchRun {
  readonly text: ProcessResult;
  readonly json: ProcessResult;
  readonly lines: readonly Idiom[];
}
const batchRuns = new Map<number, Promise<BatchRun>>();

function runBatch(batch: number): Promise<BatchRun> {
  let run = batchRuns.get(batch);
  if (!run) {
    const lines = batched.filter((idiom) => batchOf.get(idiom) === batch);
    run = Promise.all([
      exec(shared, '--', ...lines.flatMap((idiom) => [idiom.line, `'${END}'`])),
      exec(shared, '--json', '--', ...lines.map((idiom) => idiom.line)),
    ]).then(([text, json]) => ({text, json, lines}));
    batchRuns.set(batch, run);
  }
  return run;
}

/** The idiom's own runs, cut out of its batch's: status, standard output and standard error. */
async function batchedRuns(idiom: Idiom): Promise<{text: ProcessResult; json: ProcessResult}> {
  const {text, json, lines} = await runBatch(batchOf.get(idiom)!);
  const at = lines.indexOf(idiom);
  const texts = text.stdout.split(`${END}\n`);
  const jsons = json.stdout.split('\n');
  // Every line printed its part, and nothing else was printed.
  expect([texts.length, jsons.length]).toEqual([lines.length + 1, lines.length + 1]);
  expect([texts.at(-1), jsons.at(-1)]).toEqual(['', '']);
  return {
    text: {status: text.status, stdout: texts[at]!, stderr: text.stderr},
    json: {status: json.status, stdout: jsons[at]!, stderr: json.stderr},
  };
}

async function ownRuns(idiom: Idiom): Promise<{text: ProcessResult; json: ProcessResult}> {
  const [textStore, jsonStore] = [storeFor(idiom), storeFor(idiom)];
  const [text, json] = await Promise.all([
    exec(textStore, '--', idiom.line),
    exec(jsonStore, '--json', '--', idiom.line),
  ]);
  expectFile(textStore, idiom.file);
  expectFile(jsonStore, idiom.file);
  return {text, json};
}

describe('operator idioms through pchat exec', () => {
  it('covers at least 60 idioms, each line once', () => {
    const lines = IDIOMS.map((idiom) => idiom.line);
    expect(lines.length).toBeGreaterThanOrEqual(60);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it.each([
    ['$null -eq $x', 'reads a variable an earlier line may set'],
    ['$s = "abc"; $s.Length', 'sets a variable'],
    ['Write-Warning "careful"', 'warns'],
    ['1 / 0', 'fails'],
    [
      'Get-CsPersistentChatRoom | Select-Object Name,Type | Export-Csv rooms.csv -NoTypeInformation',
      'writes',
    ],
  ])('runs alone %s, which %s', (line) => {
    const idiom = IDIOMS.find((entry) => entry.line === line);
    expect(idiom && batchable(idiom)).toBe(false);
  });

  it('batches most idioms', () => {
    expect(batched.length).toBeGreaterThan(IDIOMS.length / 2);
  });

  it.concurrent.each(IDIOMS.map((idiom) => [idiom.line, idiom] as const))(
    '%s',
    async (_line, idiom) => {
      const {text, json} = batchOf.has(idiom) ? await batchedRuns(idiom) : await ownRuns(idiom);

      expect({status: text.status, stdout: text.stdout, stderr: text.stderr}).toEqual({
        status: idiom.status ?? 0,
        stdout: idiom.text,
        stderr: idiom.stderr ?? '',
      });

      expect(json.status).toBe(idiom.status ?? 0);
      expect(JSON.parse(json.stdout)).toEqual(idiom.json);
      const stderrLines = linesOf(json.stderr);
      expect(stderrLines.filter(isRecordLine).map((line) => JSON.parse(line) as unknown)).toEqual(
        idiom.records ?? [],
      );
      // The text lines of --json's standard error: the errors and warnings, and the what-if lines
      // that the text run writes to standard output.
      const whatIf = linesOf(idiom.text).filter((line) => line.startsWith('What if: '));
      expect(stderrLines.filter((line) => !isRecordLine(line)).sort()).toEqual(
        [...linesOf(idiom.stderr ?? ''), ...whatIf].sort(),
      );
    },
    120_000,
  );
});
