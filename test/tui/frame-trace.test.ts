// PCHAT_FRAME_TRACE: one line per key with where its time went, and nothing at all when it is unset.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {describe, expect, it} from 'vitest';
import {frameTrace} from '../../src/tui/frame-trace.js';

describe('frameTrace', () => {
  it('is off unless PCHAT_FRAME_TRACE names a file', () => {
    expect(frameTrace({})).toBeNull();
    expect(frameTrace({PCHAT_FRAME_TRACE: ''})).toBeNull();
  });

  it('writes a line per key with its renders, composition and outside reads, the last one when it closes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-frame-trace-'));
    const file = path.join(dir, 'trace.jsonl');
    const trace = frameTrace({PCHAT_FRAME_TRACE: file})!;
    trace.key('j');
    trace.renderStarted();
    trace.renderEnded();
    trace.composed(2.5);
    trace.committed();
    trace.key('pgdn');
    trace.composed(1);
    trace.outsideRead(performance.now(), 7);
    trace.close();
    const lines = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            key: string;
            renders: number;
            composeMs: number;
            reads: {revision: number}[];
            epochMs: number;
          },
      );
    expect(lines.map((l) => [l.key, l.renders, l.composeMs, l.reads.map((r) => r.revision)])).toEqual([
      ['j', 1, 2.5, []],
      ['pgdn', 0, 1, [7]],
    ]);
    // The key's time on the clock another process reads too.
    expect(Math.abs(lines[1]!.epochMs - Date.now())).toBeLessThan(60_000);
    fs.rmSync(dir, {recursive: true, force: true});
  });
});
