// npm run bench: the figures of issue 12 (bench/figures/), each measured beside its baseline in the
// same run, as a table or, with --json, as one JSON object; then, without --json, the further
// benchmarks beside this file. Never used as assertions: these machines are shared and noisy.
//   npm run bench [-- --json] [-- --size M]      (BENCH_SIZE, BENCH_RUNS and BENCH_SCRIPT_LINES too)

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, '.bench', 'bench');
const args = process.argv.slice(2);

const figures = spawnSync(process.execPath, [path.join(compiled, 'figures', 'main.js'), ...args], {
  stdio: 'inherit',
});
if (figures.status !== 0) process.exitCode = figures.status ?? 1;

// The start-up figure that used to open this file is P1 now. The TypeScript benchmarks beside this
// file are compiled into .bench/ by npm run bench; they print free text, so --json leaves them out.
if (!args.includes('--json'))
  for (const file of fs
    .readdirSync(compiled)
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    console.log(`\n${file}`);
    const r = spawnSync(process.execPath, ['--expose-gc', path.join(compiled, file)], {stdio: 'inherit'});
    if (r.status !== 0) process.exitCode = 1;
  }
