// npm run bench: measurements printed as ratios against a baseline measured in the same run.
// Never used as assertions: these machines are shared and noisy.

import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'pchat.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(args) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, {encoding: 'utf8', env: {...process.env, PCHAT_STORE: ''}});
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    samples.push(ms);
  }
  return median(samples);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-bench-'));
const store = path.join(dir, 's');
const init = spawnSync(process.execPath, [bin, 'init', '--store', store], {encoding: 'utf8'});
if (init.status !== 0) throw new Error(init.stderr);

const baseline = time(['-e', '']);
const exec = time([bin, 'exec', '--store', store, 'Get-CsPersistentChatState']);
const json = time([
  bin,
  'exec',
  '--store',
  store,
  '--json',
  'Get-CsPersistentChatRoom -PersistentChatPoolFqdn pc1.dc1.example.org',
]);

console.log(`pchat exec start-up (median of ${runs} runs, one machine, one run)`);
console.log(`  node -e ''                          ${baseline.toFixed(1)} ms  (baseline)`);
console.log(
  `  pchat exec Get-CsPersistentChatState ${exec.toFixed(1)} ms  (${(exec / baseline).toFixed(2)}x baseline)`,
);
console.log(
  `  pchat exec --json Get-...Room        ${json.toFixed(1)} ms  (${(json / baseline).toFixed(2)}x baseline)`,
);
fs.rmSync(dir, {recursive: true, force: true});

// Further benchmarks are the TypeScript files beside this one, compiled into .bench/ by npm run bench.
const compiled = path.join(root, '.bench', 'bench');
for (const file of fs
  .readdirSync(compiled)
  .filter((f) => f.endsWith('.js'))
  .sort()) {
  console.log(`\n${file}`);
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(compiled, file)], {stdio: 'inherit'});
  if (r.status !== 0) process.exitCode = 1;
}
