// Breaking a value onto several lines of a column, as Windows PowerShell's formatter does in
// English: at spaces, a word too long for a whole line broken between its characters, and a
// character wider than the column shown as `?`. Widths are display widths.

import {graphemes, stringWidth} from './fit-cell.js';

/** Lines at most `width` columns wide, without trailing spaces; never fewer than one. */
export function wrapText(text: string, width: number): string[] {
  if (width <= 0 || stringWidth(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  let room = width;
  const newLine = (): void => {
    lines.push(line.trimEnd());
    line = '';
    room = width;
  };
  // Each word keeps the space after it, which may hang past the edge: it is trimmed away.
  for (const word of text.split(/(?<= )/)) {
    const bare = stringWidth(word.trimEnd());
    if (bare <= room) {
      line += word;
      room -= stringWidth(word);
      continue;
    }
    if (bare <= width) {
      newLine();
      line = word;
      room = width - stringWidth(word);
      continue;
    }
    for (const g of graphemes(word.trimEnd())) {
      const [piece, w] = stringWidth(g) > width ? ['?', 1] : [g, stringWidth(g)];
      if (w > room) newLine();
      line += piece;
      room -= w;
    }
    if (word !== word.trimEnd()) {
      line += ' ';
      room -= 1;
    }
  }
  if (line.trimEnd() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}
