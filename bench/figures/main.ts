// The figures of issue 12 (P1-P8), each beside its baseline measured in the same run, on stores
// generated for this run in a temporary directory. `--json` prints one JSON object; `--size M`
// (or BENCH_SIZE=M) uses M instead of L as the large store, for a quicker run.

import fs from 'node:fs';
import os from 'node:os';
import {parseArgs} from 'node:util';
import {isSizeName, type SizeName} from '../../src/gen/sizes.js';
import type {Figure} from './figure.js';
import {p1} from './p1-exec-get.js';
import {p2, p3, p3WhileCommitting, p4} from './p2-p4-console.js';
import {p5} from './p5-set-commit.js';
import {p6} from './p6-export-import.js';
import {p7} from './p7-messages.js';
import {postgresFigures} from './postgres.js';
import {p8Init, p8Script} from './p8-init-script.js';
import {json, table} from './print.js';
import {benchRoot, makeStore} from './stores.js';
import {RUNS} from './timing.js';

const {values} = parseArgs({
  options: {json: {type: 'boolean', default: false}, size: {type: 'string'}},
});
const size = values.size ?? process.env['BENCH_SIZE'] ?? 'L';
if (!isSizeName(size) || size === 'S') {
  console.error('usage: node bench/run.js [--json] [--size M|L]');
  process.exit(2);
}
const large: SizeName = size;
// BENCH_ONLY=P6 (or P1,P7 ...) measures only those figures, for a quicker run of one of them.
const only = process.env['BENCH_ONLY']?.split(',').map((id) => id.trim()) ?? null;
const say = (text: string): void => {
  if (!values.json) console.error(text);
};

const root = benchRoot();
try {
  say(`Generating S and ${large} in ${root} ...`);
  const small = await makeStore(root, 'S');
  const big = await makeStore(root, large);
  say(`  ${large}: ${(big.generateMs / 1000).toFixed(1)} s`);
  const figures: Figure[] = [];
  const step = async (name: string, task: () => Figure[] | Promise<Figure[]>): Promise<void> => {
    if (only !== null && !only.some((id) => name.startsWith(id))) return;
    say(`Measuring ${name} ...`);
    figures.push(...(await task()));
  };
  await step('P1', () => p1(small, big));
  await step('P2', async () => [await p2(big)]);
  await step('P3', async () => [await p3(big)]);
  await step('P4', () => p4(big));
  await step('P3 while another process commits', async () => [await p3WhileCommitting(big, root)]);
  await step('P5', () => p5(small, big, root));
  // On copies of the large store, so the figures after it start from the store as generated.
  if (process.env['BENCH_PG'] !== '0')
    await step('P1, P5, P7 on PostgreSQL', () => postgresFigures(big, root));
  // P6 runs on M unless asked otherwise: on L it takes minutes (README).
  const medium = large === 'L' ? await makeStore(root, 'M') : big;
  const p6Size = process.env['BENCH_P6_SIZE'] === 'L' ? 'L' : 'M';
  const p6Store = p6Size === large ? big : p6Size === 'M' ? medium : await makeStore(root, 'L');
  await step(`P6 (${p6Size})`, () => p6(p6Store, root));
  await step('P7', () => p7(big));
  await step('P8 init', () => [p8Init(big, root)]);
  await step('P8 script', async () => [await p8Script(small, root)]);
  const context = {
    size: large,
    runs: RUNS,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
  };
  if (values.json) console.log(json(figures, context));
  else
    console.log(
      `\nIssue 12 figures: median of ${RUNS} runs, ${context.cpu}, ${context.cores} cores, Node ${context.node}\n\n${table(figures)}`,
    );
} finally {
  fs.rmSync(root, {recursive: true, force: true});
}
