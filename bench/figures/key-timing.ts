// Keys pressed one at a time on a program on a pty, each timed to the first complete frame after it
// that shows what the key should show, with the CPU time the program spent on it.

import {setTimeout as sleep} from 'node:timers/promises';
import type {PtyProgram} from './pty-console.js';
import {percentile} from './timing.js';

export interface Step {
  readonly keys: string;
  /** What the frame answering the key shows; any frame after the key when absent. */
  readonly shows?: string;
}

export interface KeySamples {
  readonly ms: readonly number[];
  readonly cpuMs: readonly number[];
}

/**
 * Ink draws at most 30 frames a second: a key within 34 ms of the last frame waits for the next
 * slot. The pause between keys (after each frame) keeps keys apart as an operator's are (a fast
 * typist's are 80-150 ms apart), so that what is timed is the console's work, not that slot.
 */
export const PAUSE_MS = 60;

export async function timeKeys(program: PtyProgram, steps: readonly Step[]): Promise<KeySamples> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  for (const step of steps) {
    await sleep(PAUSE_MS);
    const before = program.cpuMs();
    const {ms: took} = await program.press(step.keys, (text) =>
      step.shows === undefined ? true : text.includes(step.shows),
    );
    // The CPU is read once the frame has been written: a little of the write's own time is after it.
    await sleep(5);
    const after = program.cpuMs();
    ms.push(took);
    if (before !== null && after !== null) cpuMs.push(after - before);
  }
  return {ms, cpuMs};
}

export const merge = (...all: readonly KeySamples[]): KeySamples => ({
  ms: all.flatMap((s) => s.ms),
  cpuMs: all.flatMap((s) => s.cpuMs),
});

/** p95, max and count of the wall times, and p95 of the CPU, as a figure's note. */
export function describe(samples: KeySamples): string {
  const cpu = samples.cpuMs.length > 0 ? `, CPU p95 ${percentile(samples.cpuMs, 0.95).toFixed(1)} ms` : '';
  return `${samples.ms.length} keys: p50 ${percentile(samples.ms, 0.5).toFixed(1)} ms, max ${Math.max(...samples.ms).toFixed(1)} ms${cpu}`;
}
