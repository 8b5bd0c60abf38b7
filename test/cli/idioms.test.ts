// Each operator idiom of idioms-table.ts through the built `pchat exec`, on a copy of the demo store:
// its exact text output, its JSON output (`--json`) parsed, its exit status and standard error. Lines
// that write get a store of their own per run; the others share one. Four processes run at a time.

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

describe('operator idioms through pchat exec', () => {
  it('covers at least 60 idioms, each line once', () => {
    const lines = IDIOMS.map((idiom) => idiom.line);
    expect(lines.length).toBeGreaterThanOrEqual(60);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it.concurrent.each(IDIOMS.map((idiom) => [idiom.line, idiom] as const))(
    '%s',
    async (_line, idiom) => {
      const [textStore, jsonStore] = [storeFor(idiom), storeFor(idiom)];
      const [text, json] = await Promise.all([
        exec(textStore, '--', idiom.line),
        exec(jsonStore, '--json', '--', idiom.line),
      ]);

      expect({status: text.status, stdout: text.stdout, stderr: text.stderr}).toEqual({
        status: idiom.status ?? 0,
        stdout: idiom.text,
        stderr: idiom.stderr ?? '',
      });
      expectFile(textStore, idiom.file);

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
      expectFile(jsonStore, idiom.file);
    },
    120_000,
  );
});
