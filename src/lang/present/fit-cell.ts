// Fitting text into a column by display width (what a terminal draws), not by UTF-16 length: a
// CJK character or an emoji takes two columns, a combining mark none. Text is cut between
// graphemes, so an emoji sequence or a letter with its accents is kept or dropped whole.

import stringWidth from 'string-width';

export {stringWidth};

// Made on first use: a segmenter loads the ICU break data, tens of ms of a `pchat exec`'s start. Each
// printable ASCII character is a grapheme of its own, so such text needs none.
let segmenter: Intl.Segmenter | null = null;
const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/;

export const graphemes = (text: string): string[] =>
  PRINTABLE_ASCII.test(text)
    ? Array.from(text)
    : Array.from(
        (segmenter ??= new Intl.Segmenter('en', {granularity: 'grapheme'})).segment(text),
        (s) => s.segment,
      );

/** The longest start of `text` at most `width` columns wide. */
export function headOf(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = stringWidth(g);
    if (used + w > width) break;
    out += g;
    used += w;
  }
  return out;
}

/** The longest end of `text` at most `width` columns wide. */
export function tailOf(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const g of graphemes(text).reverse()) {
    const w = stringWidth(g);
    if (used + w > width) break;
    out = g + out;
    used += w;
  }
  return out;
}

/** Ellipses that join no character of printable ASCII beside them into one grapheme. */
const ALONE_ELLIPSIS = /^[\u0020-\u007E\u2026]*$/;

/** The ellipses' widths: one of a few strings, whose width string-width found by segmenting it. */
const ellipsisWidths = new Map<string, number>();

function ellipsisWidth(ellipsis: string): number {
  let width = ellipsisWidths.get(ellipsis);
  if (width === undefined) {
    width = stringWidth(ellipsis);
    if (ellipsisWidths.size < 16) ellipsisWidths.set(ellipsis, width);
  }
  return width;
}

/**
 * Exactly `width` columns wide, padded with spaces. Text too wide is cut as Windows PowerShell's
 * table writer cuts it: a left-aligned cell keeps its start and ends in the ellipsis, a
 * right-aligned one keeps its end and starts with it; a column too narrow for the ellipsis is cut
 * without one. A wide character that no longer fits leaves a space. A cut of printable ASCII is as
 * wide as its length and the ellipsis: measured whole, its ellipsis sent it through string-width's
 * segmentation, at every cut cell of every row a filter key shows (issue 12: P4).
 */
export function fitCell(
  text: string,
  width: number,
  align: 'left' | 'right' = 'left',
  ellipsis = '…',
): string {
  if (width <= 0) return '';
  const whole = stringWidth(text);
  if (whole <= width) return padTo(text, whole, width, align);
  const room = width - ellipsisWidth(ellipsis);
  const part =
    align === 'right' ? tailOf(text, room > 0 ? room : width) : headOf(text, room > 0 ? room : width);
  const cut = room <= 0 ? part : align === 'right' ? ellipsis + part : part + ellipsis;
  const used =
    room > 0 && PRINTABLE_ASCII.test(part) && ALONE_ELLIPSIS.test(ellipsis)
      ? part.length + ellipsisWidth(ellipsis)
      : stringWidth(cut);
  return padTo(cut, used, width, align);
}

const padTo = (text: string, used: number, width: number, align: 'left' | 'right'): string => {
  const pad = ' '.repeat(Math.max(0, width - used));
  return align === 'right' ? pad + text : text + pad;
};

/** Padded with spaces to `width` columns; never cut (for columns sized to their content). */
export const padCell = (text: string, width: number, align: 'left' | 'right' = 'left'): string =>
  padTo(text, stringWidth(text), width, align);
