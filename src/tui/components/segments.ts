// A line of styled pieces, fitted to an exact width across its pieces (truncated with an
// ellipsis, padded with spaces), so no line ever wraps and borders stay aligned.

import stringWidth from 'string-width';
import {fitCell} from '../table/columns.js';
import type {ColorName} from '../theme.js';

export interface Segment {
  readonly text: string;
  readonly color?: ColorName | undefined;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
}

export type Line = readonly Segment[];

export const plain = (text: string): Line => [{text}];

const widths = new Map<string, number>();

/**
 * stringWidth, remembered: a frame fits every line on screen again, and a key changes only a few of
 * them (issue 12: keypress to frame). Bounded, since filter and prompt text make new strings.
 */
function widthOf(text: string): number {
  let w = widths.get(text);
  if (w === undefined) {
    if (widths.size >= 4096) widths.clear();
    w = stringWidth(text);
    widths.set(text, w);
  }
  return w;
}

/** The line cut to at most `width` columns (the last piece that does not fit ends with an ellipsis). */
export function fitLine(line: Line, width: number, ellipsis = '…'): Segment[] {
  const out: Segment[] = [];
  let left = width;
  for (const seg of line) {
    if (left <= 0) break;
    const w = widthOf(seg.text);
    if (w <= left) {
      out.push(seg);
      left -= w;
    } else {
      out.push({...seg, text: fitCell(seg.text, left, 'left', ellipsis)});
      left = 0;
    }
  }
  return out;
}

/** The line fitted to exactly `width` columns: cut as fitLine does, padded with spaces. */
export function fitSegments(line: Line, width: number, ellipsis = '…'): Segment[] {
  const out = fitLine(line, width, ellipsis);
  const left = width - out.reduce((n, s) => n + widthOf(s.text), 0);
  if (left > 0) out.push({text: ' '.repeat(left)});
  return out;
}

/** Breaks `text` into pieces at most `width` columns wide, at spaces where it can. */
export function wrapText(text: string, width: number): string[] {
  if (width <= 0 || stringWidth(text) <= width) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (stringWidth(rest) > width) {
    let cut = 0;
    let used = 0;
    const chars = [...rest];
    while (cut < chars.length && used + stringWidth(chars[cut] ?? '') <= width)
      used += stringWidth(chars[cut++] ?? '');
    const head = chars.slice(0, cut).join('');
    const space = head.lastIndexOf(' ');
    const at = space > width / 2 ? space + 1 : head.length;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at);
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

/** Wraps the last segment of a line under itself, so `label : long value` stays aligned. */
export function wrapLine(line: Line, width: number): Line[] {
  const last = line[line.length - 1];
  if (!last) return [line];
  const head = line.slice(0, -1);
  const indent = head.reduce((n, s) => n + stringWidth(s.text), 0);
  if (indent >= width - 10) return [line];
  const [first = '', ...more] = wrapText(last.text, width - indent);
  return [
    [...head, {...last, text: first}],
    ...more.map((text): Line => [{text: ' '.repeat(indent)}, {...last, text}]),
  ];
}
