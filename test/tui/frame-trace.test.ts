// PCHAT_FRAME_TRACE: one line per key with where its time went, and nothing at all when it is unset.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {frameTrace} from '../../src/tui/frame-trace.js';

describe('frameTrace', () => {
  it('is off unless PCHAT_FRAME_TRACE names a file', () => {
    expect(frameTrace({})).toBeNull();
    expect(frameTrace({PCHAT_FRAME_TRACE: ''})).toBeNull();
  });

  it('writes a line per key with its renders and composition, the last one when it closes', () => {
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
    trace.close();
    const lines = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as {key: string; renders: number; composeMs: number});
    expect(lines.map((l) => [l.key, l.renders, l.composeMs])).toEqual([
      ['j', 1, 2.5],
      ['pgdn', 0, 1],
    ]);
    fs.rmSync(dir, {recursive: true, force: true});
  });
});
