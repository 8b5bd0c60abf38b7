// Fitting text into a column by display width (what a terminal draws), not by UTF-16 length: a
// CJK character or an emoji takes two columns, a combining mark none.

import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';

export {stringWidth};

/** Exactly `width` columns wide: truncated with an ellipsis, padded with spaces. */
export function fitCell(
  text: string,
  width: number,
  align: 'left' | 'right' = 'left',
  ellipsis = '…',
): string {
  if (width <= 0) return '';
  let out = stringWidth(text) > width ? cliTruncate(text, width, {truncationCharacter: ellipsis}) : text;
  // cli-truncate may leave a wide character that overshoots by one column.
  while (stringWidth(out) > width) out = out.slice(0, -1);
  return padCell(out, width, align);
}

/** Padded with spaces to `width` columns; never cut (for columns sized to their content). */
export function padCell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const pad = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return align === 'right' ? pad + text : text + pad;
}
