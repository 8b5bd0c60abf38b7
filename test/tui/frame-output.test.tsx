// The console script composes its frames on its own Output (src/tui/frame-output.ts) in place of
// Ink's, which scripts/bundle.js swaps in: the lines it gives must be Ink's, byte for byte, for any
// writes, styles, wide characters and clips, and for the console's own frames, the first time and
// again from what it keeps of the last frame; its widest line, which the renderer takes instead of
// widest-line's, must be widest-line's.

import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {renderToString} from 'ink';
import {expect, it, vi} from 'vitest';
import InkOutput from '../../node_modules/ink/build/output.js';
import inkWidestLine from 'widest-line';
import {tokenize, type StyledChar} from '@alcalzone/ansi-tokenize';
import stringWidth from 'string-width';
import Output, {PLAIN, rowTexts, widestLine} from '../../src/tui/frame-output.js';
import {Frame} from '../../src/tui/components/Frame.js';
import {paneRows} from '../../src/tui/state/rows.js';
import {initialUi, type UiState} from '../../src/tui/state/ui-state.js';
import {makeTheme} from '../../src/tui/theme.js';
import {listBody} from '../../src/tui/views/list-lines.js';
import {withChalkLevel} from '../helpers/chalk-level.js';
import {contentState} from '../helpers/content-fixture.js';
import {distDir} from '../helpers/pchat-process.js';

type Transformer = (line: string, index: number) => string;
type Operation =
  | {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
  | {
      type: 'clip';
      clip: {x1: number | undefined; x2: number | undefined; y1: number | undefined; y2: number | undefined};
    }
  | {type: 'unclip'};

interface Composer {
  write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void;
  clip(clip: Extract<Operation, {type: 'clip'}>['clip']): void;
  unclip(): void;
  get(): {output: string; height: number};
}

function compose(output: Composer, operations: readonly Operation[]): {output: string; height: number} {
  for (const op of operations) {
    if (op.type === 'write') output.write(op.x, op.y, op.text, {transformers: op.transformers});
    else if (op.type === 'clip') output.clip(op.clip);
    else output.unclip();
  }
  return output.get();
}

const SGR = ['\x1b[1m', '\x1b[22m', '\x1b[2m', '\x1b[7m', '\x1b[27m', '\x1b[31m', '\x1b[39m', '\x1b[0m'];
const PIECES = ['a', 'Room 7', ' ', '  ', '─', '│', '…', '日本', '👍', 'e\u0301', '\u200b', '\t', ...SGR];
const TRANSFORMERS: Transformer[][] = [
  [],
  [(line) => `\x1b[36m${line}\x1b[39m`],
  [(line, i) => (i % 2 === 0 ? `\x1b[1m${line}\x1b[22m` : line), (line) => `\x1b[7m${line}\x1b[27m`],
];

const line = fc.array(fc.constantFrom(...PIECES), {maxLength: 12}).map((p) => p.join(''));
const write = fc.record({
  type: fc.constant('write' as const),
  x: fc.integer({min: -3, max: 24}),
  y: fc.integer({min: -2, max: 9}),
  text: fc.array(line, {minLength: 1, maxLength: 4}).map((lines) => lines.join('\n')),
  transformers: fc.constantFrom(...TRANSFORMERS),
});
const bound = fc.option(fc.integer({min: -1, max: 22}), {nil: undefined});
const clip = fc.record({
  type: fc.constant('clip' as const),
  clip: fc.record({x1: bound, x2: bound, y1: bound, y2: bound}),
});
const operations = fc.array(
  fc.oneof({arbitrary: write, weight: 4}, clip, fc.constant({type: 'unclip' as const})),
  {
    maxLength: 14,
  },
);

it("composes any writes and clips into Ink's lines, again from what it kept", () => {
  fc.assert(
    fc.property(
      fc.integer({min: 1, max: 20}),
      fc.integer({min: 0, max: 8}),
      operations,
      (width, height, ops) => {
        const ink = compose(new InkOutput({width, height}), ops);
        expect(compose(new Output({width, height}), ops)).toEqual(ink);
        expect(compose(new Output({width, height}), ops)).toEqual(ink);
      },
    ),
    {numRuns: 2000},
  );
});

it("measures a text's widest line as widest-line does, again from what it kept", () => {
  fc.assert(
    fc.property(fc.array(line, {minLength: 1, maxLength: 4}), (lines) => {
      const text = lines.join('\n');
      expect(widestLine(text)).toBe(inkWidestLine(text));
      expect(widestLine(text)).toBe(inkWidestLine(text));
    }),
    {numRuns: 1000},
  );
});

it("composes and measures plain lines (printable ASCII, a cut cell's ellipsis) as Ink does, without cutting them into graphemes", () => {
  // New texts, as a filter key's rows are: nothing of them is kept yet.
  const text = Array.from({length: 6}, (_, i) => `┌─ row ${i} of a plain frame  cn=Dubois…  ~!{} › ─┐`).join(
    '\n',
  );
  const ops: Operation[] = [
    {type: 'write', x: 1, y: 0, text, transformers: []},
    {type: 'write', x: 30, y: 2, text: 'over…', transformers: []},
  ];
  const ink = compose(new InkOutput({width: 48, height: 7}), ops);
  const inkWidth = inkWidestLine(text);
  const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
  try {
    expect(compose(new Output({width: 48, height: 7}), ops)).toEqual(ink);
    expect(widestLine(text)).toBe(inkWidth);
    expect(segment).not.toHaveBeenCalled();
  } finally {
    segment.mockRestore();
  }
});

it('takes as plain only characters that are each a grapheme one column wide, for string-width and ansi-tokenize alike', () => {
  const plain = Array.from({length: 0x10000}, (_, unit) => String.fromCharCode(unit)).filter(
    (c) => !/[\ud800-\udfff]/.test(c) && PLAIN.test(c),
  );
  expect(plain.length).toBeGreaterThan(95 + 128);
  const text = `a${plain.join('a')}a`;
  expect(stringWidth(text)).toBe(text.length);
  expect(tokenize(text).map((t) => (t.type === 'char' && !t.fullWidth ? t.value : null))).toEqual([...text]);
});

it("gives Yoga's measure of a text, in the console script, the kept widest line instead of widest-line's", () => {
  const script = fs.readFileSync(path.join(distDir, 'console', 'main.cjs'), 'utf8');
  // Booleans, so that a failure does not print the script.
  expect(script.includes('// node_modules/ink/build/measure-text.js')).toBe(true);
  expect(script.includes('// node_modules/widest-line/')).toBe(false);
});

withChalkLevel(3);

/** What Ink's Output was given for each frame, and the lines it made of it. */
function recordedFrames(
  draw: () => void,
): {width: number; height: number; ops: Operation[]; output: string}[] {
  const frames: {width: number; height: number; ops: Operation[]; output: string}[] = [];
  const proto = InkOutput.prototype as unknown as {get: () => {output: string}};
  const get = proto.get;
  proto.get = function (this: {width: number; height: number; operations: Operation[]}) {
    const result = get.call(this);
    frames.push({width: this.width, height: this.height, ops: [...this.operations], output: result.output});
    return result;
  };
  try {
    draw();
  } finally {
    proto.get = get;
  }
  return frames;
}

it("composes the console's list frames, cursor moves and pages, into Ink's lines", () => {
  const theme = makeTheme({ascii: false, color: true});
  const base = initialUi({chat: contentState(), now: 0, size: {columns: 120, rows: 35}, pane: 'rooms'});
  const ids = paneRows(base, 'rooms').map((r) => r.id);
  const frames = recordedFrames(() => {
    for (const cursor of [0, 1, 2, 1, Math.min(ids.length - 1, 12), ids.length - 1]) {
      const ui: UiState = {
        ...base,
        lists: {...base.lists, rooms: {...base.lists.rooms, cursorId: ids[cursor]!, marks: [ids[1]!]}},
      };
      const body = listBody(ui, 'rooms', theme, 116, 27);
      renderToString(
        <Frame
          title={body.title}
          lines={body.lines}
          table={body.table}
          width={120}
          height={31}
          theme={theme}
        />,
        {columns: 120},
      );
    }
  });
  expect(frames).toHaveLength(6);
  // Styles and box glyphs are in the frames compared.
  expect(frames[0]!.output).toContain('\x1b[7m');
  expect(frames[0]!.output).toContain('─');
  for (const frame of frames)
    expect(compose(new Output({width: frame.width, height: frame.height}), frame.ops).output).toBe(
      frame.output,
    );
});

it("gives a row whose cells are the last frame's its last text, without turning it into text again", () => {
  const cell = (value: string): StyledChar => ({type: 'char', value, fullWidth: false, styles: []});
  const [a, b, c] = [cell('a'), cell('b'), cell('c')];
  const first = [[a, b], [c]];
  expect(rowTexts(first)).toEqual(['ab', 'c']);
  // Cells are never changed once made; one changed here shows which rows were turned into text again.
  (b as {value: string}).value = 'B';
  (c as {value: string}).value = 'C';
  expect(
    rowTexts([
      [a, b],
      [c, a],
    ]),
  ).toEqual(['ab', 'Ca']);
  expect(
    rowTexts([
      [a, b],
      [c, a],
    ]),
  ).toEqual(['ab', 'Ca']);
  expect(
    rowTexts([
      [b, a],
      [c, a],
    ]),
  ).toEqual(['Ba', 'Ca']);
});
