// The console script's stand-in for Ink 6.8's Output (ink/build/output.js, which scripts/bundle.js
// resolves here): the grid of styled characters a frame is composed on, then turned into the lines
// Ink writes. What it gives is Ink's, byte for byte (test/tui/frame-output.test.tsx compares them);
// what it costs is not. Ink makes a new Output, and with it new caches, for every frame, so each
// frame tokenizes every line on screen into one object per character again, makes an object per cell
// of the 120x34 grid, and turns every cell into text through a style diff of three Sets, whatever the
// key changed: 1.2 ms of CPU for an empty frame, 8.8 ms for 34 written lines, loaded (issue 12:
// keypress to frame on L). Here the tokenized lines and widths are kept from one frame to the next
// (a cursor move changes two lines), a blank cell is one shared object, characters of one run of
// styles share its list of codes, two neighbouring cells of the same list are not diffed, and a row
// whose cells are all the last frame's gives the last frame's text. The renderer's measure of each
// text's widest line, which Ink does not keep either, is kept here too.

import {
  ansiCodesToString,
  diffAnsiCodes,
  reduceAnsiCodesIncremental,
  tokenize,
  type AnsiCode,
  type StyledChar,
} from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

type Transformer = (line: string, index: number) => string;

interface Clip {
  readonly x1: number | undefined;
  readonly x2: number | undefined;
  readonly y1: number | undefined;
  readonly y2: number | undefined;
}

type Operation =
  | {
      readonly type: 'write';
      readonly x: number;
      readonly y: number;
      readonly text: string;
      readonly transformers: readonly Transformer[];
    }
  | {readonly type: 'clip'; readonly clip: Clip}
  | {readonly type: 'unclip'};

/** Never changed: every cell and character without styles holds this one list. */
const NO_STYLES: AnsiCode[] = [];
const BLANK: StyledChar = {type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES};

/** A map that forgets everything once full: a frame's lines are few, and filter text makes new ones. */
class Kept<V> {
  private readonly map = new Map<string, V>();
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  get(key: string, make: (key: string) => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      value = make(key);
      this.map.set(key, value);
    }
    return value;
  }
}

/**
 * Printable ASCII and the console's own glyphs (the ellipsis that ends a cut cell, box drawing, the
 * cursor, the dot, the dash, arrows, the mark and the pool states), without an escape: each is a
 * grapheme of its own one column wide, so such a line needs neither ansi-tokenize's nor
 * string-width's grapheme segmentation (Intl.Segmenter), which took most of what a frame of new
 * rows cost them: a filter key changes every row shown and the frame's title, and one glyph sent a
 * whole line down their slow paths (issue 12: P4). test/tui/frame-output.test.tsx checks each
 * character against them.
 */
export const PLAIN = /^[\x20-\x7e\u00b7\u2014\u2026\u203a\u2190-\u2193\u2500-\u257f\u25b2\u25bd\u25cf]*$/;

/** Each plain character's one styled character without styles, shared as BLANK is. */
const plainChars = new Map<string, StyledChar>();

function plainChar(value: string): StyledChar {
  let char = plainChars.get(value);
  if (char === undefined) {
    char = {type: 'char', value, fullWidth: false, styles: NO_STYLES};
    plainChars.set(value, char);
  }
  return char;
}

/** string-width, without its segmentation for a plain text. */
const textWidth = (text: string): number => (PLAIN.test(text) ? text.length : stringWidth(text));

/**
 * ansi-tokenize's styledCharsFromTokens, with the characters between two codes sharing one list of
 * codes (never changed once made) instead of a copy each.
 */
function styledChars(line: string): StyledChar[] {
  if (PLAIN.test(line)) return Array.from(line, plainChar);
  let codes: AnsiCode[] = [];
  let styles = NO_STYLES;
  const chars: StyledChar[] = [];
  for (const token of tokenize(line)) {
    if (token.type === 'ansi') {
      codes = reduceAnsiCodesIncremental(codes, [token]);
      styles = codes.length === 0 ? NO_STYLES : [...codes];
    } else chars.push({...token, styles});
  }
  return chars;
}

const charsOfLine = new Kept<StyledChar[]>(2048);
const widths = new Kept<number>(4096);
const widestLines = new Kept<number>(1024);

/** string-width, kept; a single character below DEL is one column (string-width gives 1, or 0 for a control, which Ink counts as 1). */
function widthOf(text: string): number {
  if (text.length === 1 && text.charCodeAt(0) < 0x7f) return 1;
  return widths.get(text, textWidth);
}

/**
 * widest-line, kept: Ink's renderer also measures every text of every frame with it to see whether
 * the text must wrap (scripts/bundle.js gives it this one), and most texts are the last frame's.
 */
export const widestLine = (text: string): number =>
  widestLines.get(text, () => {
    let width = 0;
    for (const line of text.split('\n')) width = Math.max(width, widths.get(line, textWidth));
    return width;
  });

/**
 * ansi-tokenize's styledCharsToString over the row's cells (holes skipped, as Ink filters them),
 * trimmed at the end as Ink does. The diff from one style list to the same list, or from no styles
 * to none, is empty, so it is not made.
 */
function rowText(row: readonly (StyledChar | undefined)[]): string {
  let text = '';
  let last = NO_STYLES;
  for (const cell of row) {
    if (cell === undefined) continue;
    const styles = cell.styles;
    if (styles !== last && (styles.length > 0 || last.length > 0))
      text += ansiCodesToString(diffAnsiCodes(last, styles));
    text += cell.value;
    last = styles;
  }
  if (last.length > 0) text += ansiCodesToString(diffAnsiCodes(last, []));
  return text.trimEnd();
}

/**
 * The last frame's rows and their texts, by line: a row whose cells are all the ones it held last
 * frame (the same objects: the kept lines' characters, the one blank) gives the same text, so it is
 * not turned into text again. A cursor move changes two rows of 35; the rest were turned into text
 * a character at a time every frame (issue 12: keypress to frame on L).
 */
let lastRows: readonly (readonly (StyledChar | undefined)[])[] = [];
let lastTexts: readonly string[] = [];

function sameCells(
  a: readonly (StyledChar | undefined)[],
  b: readonly (StyledChar | undefined)[] | undefined,
): boolean {
  if (b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The rows' texts, each the last frame's where its row holds the same cells. */
export function rowTexts(rows: readonly (readonly (StyledChar | undefined)[])[]): string[] {
  const texts = rows.map((row, y) => (sameCells(row, lastRows[y]) ? lastTexts[y]! : rowText(row)));
  lastRows = rows;
  lastTexts = texts;
  return texts;
}

export default class Output {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor(options: {readonly width: number; readonly height: number}) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: {readonly transformers: readonly Transformer[]}): void {
    if (!text) return;
    this.operations.push({type: 'write', x, y, text, transformers: options.transformers});
  }

  clip(clip: Clip): void {
    this.operations.push({type: 'clip', clip});
  }

  unclip(): void {
    this.operations.push({type: 'unclip'});
  }

  get(): {output: string; height: number} {
    const output: (StyledChar | undefined)[][] = [];
    for (let y = 0; y < this.height; y++) output.push(new Array<StyledChar>(this.width).fill(BLANK));
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      else if (operation.type === 'unclip') clips.pop();
      else this.place(output, operation, clips.at(-1));
    }
    return {output: rowTexts(output).join('\n'), height: output.length};
  }

  /** One write on the grid, clipped as Ink clips it. */
  private place(
    output: (StyledChar | undefined)[][],
    operation: Extract<Operation, {type: 'write'}>,
    clip: Clip | undefined,
  ): void {
    const {text, transformers} = operation;
    let {x, y} = operation;
    let lines = text.split('\n');
    if (clip) {
      const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      // Text wholly outside the clip is skipped.
      if (clipHorizontally && (x + widestLine(text) < clip.x1 || x > clip.x2)) return;
      if (clipVertically && (y + lines.length < clip.y1 || y > clip.y2)) return;
      if (clipHorizontally) {
        const x1 = clip.x1;
        const x2 = clip.x2;
        lines = lines.map((line) => {
          const from = x < x1 ? x1 - x : 0;
          const width = widths.get(line, textWidth);
          const to = x + width > x2 ? x2 - x : width;
          return sliceAnsi(line, from, to);
        });
        if (x < x1) x = x1;
      }
      if (clipVertically) {
        const y1 = clip.y1;
        const y2 = clip.y2;
        const from = y < y1 ? y1 - y : 0;
        const to = y + lines.length > y2 ? y2 - y : lines.length;
        lines = lines.slice(from, to);
        if (y < y1) y = y1;
      }
    }
    let offsetY = 0;
    for (let index = 0; index < lines.length; index++) {
      const row = output[y + offsetY];
      // A text taller than the grid writes no line past its bottom.
      if (!row) continue;
      let line = lines[index]!;
      for (const transformer of transformers) line = transformer(line, index);
      let offsetX = x;
      for (const character of charsOfLine.get(line, styledChars)) {
        row[offsetX] = character;
        const characterWidth = Math.max(1, widthOf(character.value));
        // A wide character's other columns are cleared, as Ink does.
        for (let k = 1; k < characterWidth; k++)
          row[offsetX + k] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
        offsetX += characterWidth;
      }
      offsetY++;
    }
  }
}
