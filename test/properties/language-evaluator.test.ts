// The parser and evaluator on arbitrary lines, in-process, on the demo deployment: every line ends in
// values or typed errors (never an exception or a stack overflow), within 5 s each, and the whole
// run stays within a memory bound. Lines that try to blow values up end in LimitExceeded.

import v8 from 'node:v8';
import vm from 'node:vm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {catalog} from '../../src/cmdlets/catalog.js';
import type {Value} from '../../src/cmdlets/types.js';
import {ERROR_IDS, WARNING_IDS} from '../../src/domain/error-ids.js';
import {emptyPorts} from '../../src/domain/ports.js';
import type {EvalOptions, LineResult} from '../../src/lang/api.js';
import {evaluateLine} from '../../src/lang/evaluate.js';
import {listView} from '../../src/lang/present/list-view.js';
import {expandedSize, MAX_VALUE_ITEMS} from '../../src/lang/value-size.js';
import {demoDeployment, stateFrom} from '../helpers/demo.js';
import {tokenSoup, wellFormedLine} from './language-grammar.js';

// Fixed, so a failure can be replayed: fast-check's message gives the seed and the path of the
// shrunk counterexample; run it again with {seed, path} in fc.assert's parameters.
const SEED = 20_261_206;
const RUNS = 1000;
const DOUBLING_RUNS = 20;
const PER_LINE_MS = 5000;
// The evaluator's own budget ends long loops well before the 5 s a line may take.
const TIME_BUDGET_MS = 1000;
// A line may build up to MAX_VALUE_ITEMS (1,000,000) items before LimitExceeded; as shared
// references that is a few MB, and fully expanded for output some 100 MB at worst. 256 MiB above
// the start leaves room for that and for the collector's lag, and is far below the 1.9 GB at which
// an unbounded `$a = $a,$a` used to crash V8.
const MEMORY_BOUND = 256 * 1024 * 1024;
// The process's resident size also holds what the allocator keeps after the collector frees it,
// and this file shares its worker with the other pure test files: 280 MiB above the start was seen
// in a full run while the heap stayed within MEMORY_BOUND. Twice the heap's bound still fails long
// before the 1.9 GB crash.
const RSS_BOUND = 2 * MEMORY_BOUND;

const KNOWN_IDS = new Set<string>([...ERROR_IDS, ...WARNING_IDS]);
const state = stateFrom(demoDeployment());

const options = (): EvalOptions => {
  let n = 0;
  return {
    state,
    operator: {name: 'admin', roles: ['CsAdministrator']},
    roles: ['CsAdministrator'],
    readOnly: false,
    now: new Date('2026-01-15T12:00:00Z'),
    newId: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
    ports: emptyPorts,
    catalog,
    confirm: () => true,
    variables: new Map<string, Value>(),
    timeBudgetMs: TIME_BUDGET_MS,
  };
};

const start = {rss: 0, heapUsed: 0};
const peak = {rss: 0, heapUsed: 0, line: ''};
let slowest = {ms: 0, line: ''};

// The collector on demand, so that what is measured is what a line holds, not the garbage of earlier
// lines and of the other test files that share this worker (a full run saw +352 MiB of heap that way).
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Called while the line's output is still held; when the heap looks large, it is collected first. */
function sampleMemory(line: string): void {
  if (process.memoryUsage().heapUsed - start.heapUsed > MEMORY_BOUND / 2) collectGarbage();
  const {rss, heapUsed} = process.memoryUsage();
  if (rss > peak.rss) Object.assign(peak, {rss, line});
  peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
}

/** Evaluates the line and shows its output as `pchat exec` would; checks what came out. */
function evaluateAndShow(line: string): LineResult {
  const started = performance.now();
  const result = evaluateLine(line, options());
  listView(result.output, 120);
  const ms = performance.now() - started;
  sampleMemory(line);
  if (ms > slowest.ms) slowest = {ms, line};
  expect(ms, line).toBeLessThan(PER_LINE_MS);
  for (const error of result.errors) expect(KNOWN_IDS, `${line}: ${error.message}`).toContain(error.errorId);
  for (const warning of result.warnings) expect(KNOWN_IDS, line).toContain(warning.warningId);
  return result;
}

function check(property: fc.IPropertyWithHooks<[string]>, numRuns = RUNS): void {
  const details = fc.check(property, {seed: SEED, numRuns});
  if (details.failed)
    throw new Error(
      `Failed with seed ${SEED} after ${details.numRuns} runs (path ${details.counterexamplePath}): ${JSON.stringify(details.counterexample?.[0])}\n${String(details.errorInstance)}`,
    );
}

beforeAll(() => {
  collectGarbage();
  const {rss, heapUsed} = process.memoryUsage();
  Object.assign(start, {rss, heapUsed});
  Object.assign(peak, {rss, heapUsed});
});

describe('the parser and the evaluator on arbitrary lines', () => {
  it('end every token soup in values or typed errors, each line within 5 s', () => {
    check(fc.property(tokenSoup, (line) => void evaluateAndShow(line)));
  }, 120_000);

  it('end every well-formed line of expressions, statements and pipelines in values or typed errors, within 5 s', () => {
    check(
      fc.property(wellFormedLine, (line) => {
        const result = evaluateAndShow(line);
        // The grammar writes only what the parser accepts: a ParserError here is the parser's bug.
        expect(
          result.errors.filter((e) => e.errorId === 'ParserError'),
          line,
        ).toEqual([]);
      }),
    );
  }, 120_000);

  it('end each doubling of a value past the bound in LimitExceeded, and keep the value within it', () => {
    const doubling = fc
      .tuple(fc.integer({min: 20, max: 26}), fc.constantFrom('$a,$a', '@($a) + @($a)', '$a + $a'))
      .map(([times, double]) => `$a = 1,2; ${`$a = ${double}; `.repeat(times)}$a`);
    check(
      fc.property(doubling, (line) => {
        const result = evaluateAndShow(line);
        expect(result.errors.length, line).toBeGreaterThan(0);
        for (const error of result.errors) expect(error.errorId, line).toBe('LimitExceeded');
        expect(expandedSize(result.output as Value[])).toBeLessThanOrEqual(MAX_VALUE_ITEMS);
      }),
      // Each of these lines builds a million items before the bound stops it: a few are enough.
      DOUBLING_RUNS,
    );
  }, 120_000);

  it('stays within the memory bound over all the runs', () => {
    expect(peak.rss - start.rss, `peak RSS at: ${peak.line}`).toBeLessThan(RSS_BOUND);
    expect(peak.heapUsed - start.heapUsed).toBeLessThan(MEMORY_BOUND);
  });
});

afterAll(() => {
  if (process.env['PCHAT_STRESS'] === '1')
    console.log(
      `language properties: slowest line ${Math.round(slowest.ms)} ms (${JSON.stringify(slowest.line)}), peak RSS +${Math.round((peak.rss - start.rss) / 2 ** 20)} MiB, heap +${Math.round((peak.heapUsed - start.heapUsed) / 2 ** 20)} MiB`,
    );
});
