// Medians of several runs: these machines are shared and noisy, so one run decides nothing.

import {spawnSync} from 'node:child_process';
import {performance} from 'node:perf_hooks';

export const RUNS = Number(process.env['BENCH_RUNS'] ?? 9);

export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Wall time of one whole process, in milliseconds; a failing process stops the bench. */
export function processMs(args: readonly string[], env: NodeJS.ProcessEnv = {}): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: {...process.env, PCHAT_STORE: '', ...env},
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - start;
  if (run.status !== 0)
    throw new Error(`${args.join(' ')} failed (${run.status}): ${run.stderr.slice(0, 2000)}`);
  return ms;
}

/** Medians of two processes run in turn (A B A B ...), so a drift of the machine hits both alike. */
export function processPair(a: readonly string[], b: readonly string[], runs = RUNS): {a: number; b: number} {
  processMs(a);
  processMs(b);
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(processMs(a));
    bs.push(processMs(b));
  }
  return {a: median(as), b: median(bs)};
}

/** Median wall time of `task` in this process, in milliseconds. */
export async function inProcess(task: (run: number) => unknown, runs = RUNS): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task(i);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** The value below which `share` of the samples lie (nearest rank): p95 is percentile(xs, 0.95). */
export const percentile = (xs: readonly number[], share: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
};
