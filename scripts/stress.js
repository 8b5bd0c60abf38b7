// npm run test:stress: runs every test file that reads PCHAT_STRESS (the rule: the file's text
// names PCHAT_STRESS) with PCHAT_STRESS=1, so each takes its long variant, then prints the summary
// lines those tests wrote ("stress: <what> <count> <unit>, <failures> failures"). Exits non-zero
// when vitest fails, when no test wrote a summary, or when any summary counts a failure.
// PCHAT_STRESS_SIZE=M|L first generates a store of that size (npm run gen) into a temp dir, once per
// run, and passes it as PCHAT_STRESS_STORE: the crash and concurrency tests then start from copies of
// it (test/store/starting-store.ts). PCHAT_STRESS_STORE=DIR uses a store generated before instead.
// PCHAT_STRESS_TESTS=PATTERN runs only the tests whose name matches it (vitest's --testNamePattern).

import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function stressFiles(dir) {
  return fs
    .readdirSync(dir, {withFileTypes: true})
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return stressFiles(file);
      return /\.test\.tsx?$/.test(entry.name) && fs.readFileSync(file, 'utf8').includes('PCHAT_STRESS')
        ? [path.relative(root, file)]
        : [];
    })
    .sort();
}

// Arguments, if any, keep only the files whose path contains one of them.
const only = process.argv.slice(2);
const files = stressFiles(path.join(root, 'test')).filter(
  (file) => only.length === 0 || only.some((part) => file.includes(part)),
);
console.log(`Stress variants of ${files.length} test files:\n  ${files.join('\n  ')}\n`);

/** The generated store the tests start from, made here when PCHAT_STRESS_SIZE names a size. */
function generatedStore() {
  const size = process.env.PCHAT_STRESS_SIZE;
  if (size === undefined || process.env.PCHAT_STRESS_STORE !== undefined) return null;
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-stress-'));
  const dir = path.join(temp, 'store');
  const started = Date.now();
  const gen = spawnSync(process.execPath, [path.join(root, 'dist', 'gen', 'main.js'), size, dir], {
    cwd: root,
    stdio: 'inherit',
  });
  if (gen.status !== 0) {
    fs.rmSync(temp, {recursive: true, force: true});
    console.log(`FAILED: npm run gen -- ${size} exited ${gen.status}.`);
    process.exit(1);
  }
  console.log(`Generated the size ${size} store in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
  return {temp, dir};
}

const generated = generatedStore();
const started = Date.now();
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const names = process.env.PCHAT_STRESS_TESTS;
// One file at a time, as before vitest.config.ts ran two: the long variants on an L store each hold
// copies of it, and their kill rounds aim at moments measured in an earlier round, which a second
// file running at once would shift.
const child = spawn(
  process.execPath,
  [vitest, 'run', '--maxWorkers=1', ...files, ...(names ? ['-t', names] : [])],
  {
    cwd: root,
    env: {...process.env, PCHAT_STRESS: '1', ...(generated ? {PCHAT_STRESS_STORE: generated.dir} : {})},
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);

const SUMMARY = /^stress: .+ \d+( \S+)?, (\d+) failures$/;
// Colour codes vitest puts around console output.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const summaries = [];
let pending = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  pending += chunk.toString('utf8');
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const text = line.replace(ANSI, '').trim();
    if (SUMMARY.test(text)) summaries.push(text);
  }
});

child.on('exit', (code, signal) => {
  if (generated) fs.rmSync(generated.temp, {recursive: true, force: true});
  console.log(`\nStress summary (${((Date.now() - started) / 1000).toFixed(0)} s):`);
  for (const line of summaries) console.log(`  ${line}`);
  const failed = summaries.filter((line) => Number(SUMMARY.exec(line)?.[2]) > 0);
  if (summaries.length === 0) console.log('  (no test wrote a summary line)');
  const ok = code === 0 && summaries.length > 0 && failed.length === 0;
  if (!ok)
    console.log(
      `\nFAILED: vitest ${signal ? `stopped on ${signal}` : `exited ${code}`}, ${failed.length} summary line(s) with failures.`,
    );
  process.exit(ok ? 0 : 1);
});
