// Where a key's time goes, key by key, when PCHAT_FRAME_TRACE names a file (issue 12: keypress to
// frame on L). Off, it is null and nothing is timed. On, each key gets one JSON line when the next
// key arrives (and at exit): React's render of the tree, the commit with Ink's layout (yoga), Ink's
// composition of the output, the writes to the terminal, and the GC pauses, in ms from the key.
//
// React's Profiler reports nothing in its production build, so the render is timed from the root's
// render to a last child's; commit+layout is from there to the root's layout effect, which React
// runs after the reconciler has handed the tree to Ink (resetAfterCommit: yoga, then the frame when
// Ink's frame throttle lets it through at once), less the composition and writes that happened
// inside it. A frame the throttle holds shows as a write long after the layout effect.
//
// Each line also has the key's time on the epoch clock (`epochMs`: performance.timeOrigin + now, in
// another process the same clock), so that a driver can tell how long the key waited before its
// handler ran, and each read of commits made elsewhere since the key (`reads`: when, how long, to
// which revision): a key that arrives during a read is handled after it.

import fs from 'node:fs';
import {constants, PerformanceObserver, performance} from 'node:perf_hooks';

interface KeyRecord {
  key: string;
  at: number;
  epochMs: number;
  renderMs: number;
  renders: number;
  commitLayoutMs: number;
  composeMs: number;
  /** Each write: ms after the key, its duration, its length. */
  writes: {at: number; ms: number; bytes: number}[];
  gcMs: number;
  gcs: string[];
  /** Each read of outside commits: ms after the key, its duration, the revision it reached. */
  reads: {at: number; ms: number; revision: number}[];
  renderStart: number | null;
  renderEnd: number | null;
  composeInCommit: number;
  writeInCommit: number;
}

export interface FrameTrace {
  key(name: string): void;
  renderStarted(): void;
  renderEnded(): void;
  committed(): void;
  composed(ms: number): void;
  /** A read of commits made elsewhere that began at performance.now() `start` and reached `revision`. */
  outsideRead(start: number, revision: number): void;
  /** Wraps the terminal's write so that each write is timed. */
  watchWrites(stdout: NodeJS.WriteStream): void;
  close(): void;
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

const round = (ms: number): number => Math.round(ms * 100) / 100;

export function frameTrace(env: Readonly<Record<string, string | undefined>>): FrameTrace | null {
  const file = env['PCHAT_FRAME_TRACE'];
  if (!file) return null;
  const out = fs.openSync(file, 'w');
  let current: KeyRecord | null = null;
  let inCommit = false;

  const flush = (): void => {
    if (!current) return;
    const {renderStart: _s, renderEnd: _e, composeInCommit, writeInCommit, ...rest} = current;
    const line = {
      ...rest,
      renderMs: round(rest.renderMs),
      commitLayoutMs: round(Math.max(0, rest.commitLayoutMs - composeInCommit - writeInCommit)),
      composeMs: round(rest.composeMs),
      writes: rest.writes.map((w) => ({at: round(w.at), ms: round(w.ms), bytes: w.bytes})),
      gcMs: round(rest.gcMs),
      reads: rest.reads.map((r) => ({at: round(r.at), ms: round(r.ms), revision: r.revision})),
      at: round(rest.at),
      epochMs: round(rest.epochMs),
    };
    fs.writeSync(out, `${JSON.stringify(line)}\n`);
  };

  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!current || entry.startTime < current.at) continue;
      current.gcMs += entry.duration;
      const kind = (entry as {readonly detail?: {readonly kind?: number} | null}).detail?.kind ?? 0;
      current.gcs.push(
        `${GC_KINDS[kind] ?? kind} ${round(entry.startTime - current.at)}+${round(entry.duration)}`,
      );
    }
  });
  gc.observe({entryTypes: ['gc']});

  return {
    key(name) {
      flush();
      const at = performance.now();
      current = {
        key: name,
        at,
        epochMs: performance.timeOrigin + at,
        renderMs: 0,
        renders: 0,
        commitLayoutMs: 0,
        composeMs: 0,
        writes: [],
        gcMs: 0,
        gcs: [],
        reads: [],
        renderStart: null,
        renderEnd: null,
        composeInCommit: 0,
        writeInCommit: 0,
      };
    },
    renderStarted() {
      if (current) current.renderStart = performance.now();
    },
    renderEnded() {
      if (!current || current.renderStart === null) return;
      current.renderEnd = performance.now();
      current.renderMs += current.renderEnd - current.renderStart;
      current.renders++;
      inCommit = true;
    },
    committed() {
      inCommit = false;
      if (!current || current.renderEnd === null) return;
      current.commitLayoutMs += performance.now() - current.renderEnd;
      current.renderStart = null;
      current.renderEnd = null;
    },
    composed(ms) {
      if (!current) return;
      current.composeMs += ms;
      if (inCommit) current.composeInCommit += ms;
    },
    outsideRead(start, revision) {
      if (current) current.reads.push({at: start - current.at, ms: performance.now() - start, revision});
    },
    watchWrites(stdout) {
      const write = stdout.write.bind(stdout) as (...args: unknown[]) => boolean;
      stdout.write = (...args: unknown[]) => {
        const start = performance.now();
        const done = write(...args);
        const ms = performance.now() - start;
        if (current) {
          const chunk = args[0];
          current.writes.push({
            at: start - current.at,
            ms,
            bytes:
              typeof chunk === 'string' ? chunk.length : ((chunk as Uint8Array | undefined)?.length ?? 0),
          });
          if (inCommit) current.writeInCommit += ms;
        }
        return done;
      };
    },
    close() {
      flush();
      current = null;
      gc.disconnect();
      fs.closeSync(out);
    },
  };
}
