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

export function fitSegments(line: Line, width: number, ellipsis = '…'): Segment[] {
  const out: Segment[] = [];
  let left = width;
  for (const seg of line) {
    if (left <= 0) break;
    const w = stringWidth(seg.text);
    if (w <= left) {
      out.push(seg);
      left -= w;
    } else {
      out.push({...seg, text: fitCell(seg.text, left, 'left', ellipsis)});
      left = 0;
    }
  }
  if (left > 0) out.push({text: ' '.repeat(left)});
  return out;
}
