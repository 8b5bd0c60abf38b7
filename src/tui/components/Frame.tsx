// A box drawn with text: a title in the top border, side borders on every line, exactly `height`
// lines tall. The top border is drawn by hand (it holds the title); the sides and the bottom are the
// Box's own border in the theme's glyphs, so the layout stays arithmetic and the ASCII mode needs no
// font support. Why not the sides as text, as before: Ink measures every text line of every frame,
// and a line with a box-drawing glyph takes string-width's slow path (grapheme segmentation) where
// a plain ASCII line takes its fast one; drawn as the Box's border, the glyphs are never measured,
// and a line is written only as long as its content (issue 12: keypress to frame on L).

import {Box, Text, type BoxProps} from 'ink';
import stringWidth from 'string-width';
import type {Glyphs, Theme} from '../theme.js';
import {fitCell} from '../table/columns.js';
import {LineText} from './LineText.js';
import type {Line} from './segments.js';
import type {ListTable} from '../views/list-lines.js';
import {TableRows} from './TableRows.js';

export interface Props {
  readonly title: string;
  readonly lines: readonly Line[];
  /** A list's rows, drawn after the lines (TableRows.tsx). */
  readonly table?: ListTable | null;
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
}

type BorderStyle = Exclude<BoxProps['borderStyle'], string | undefined>;

const borders = new WeakMap<Glyphs['box'], BorderStyle>();

/** The theme's box glyphs as the Box's border (its top is not drawn). */
function borderOf(b: Glyphs['box']): BorderStyle {
  let style = borders.get(b);
  if (!style) {
    style = {
      topLeft: b.tl,
      top: b.h,
      topRight: b.tr,
      right: b.v,
      bottomRight: b.br,
      bottom: b.h,
      bottomLeft: b.bl,
      left: b.v,
    };
    borders.set(b, style);
  }
  return style;
}

export function Frame({title, lines, table = null, width, height, theme}: Props) {
  const b = theme.glyphs.box;
  const inner = Math.max(1, width - 4);
  const titleText = ` ${fitCell(title, Math.max(0, width - 6), 'left', theme.glyphs.ellipsis).trimEnd()} `;
  const top = `${b.tl}${b.h}${titleText}${b.h.repeat(Math.max(0, width - 3 - stringWidth(titleText)))}${b.tr}`;
  const body = lines.slice(0, Math.max(0, height - 2));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={theme.accent} wrap="truncate-end">
        {top}
      </Text>
      <Box
        flexDirection="column"
        width={width}
        height={Math.max(1, height - 1)}
        borderStyle={borderOf(b)}
        borderTop={false}
        borderColor={theme.muted}
        paddingX={1}
      >
        {body.map((line, i) => (
          <LineText key={i} line={line} width={inner} ellipsis={theme.glyphs.ellipsis} />
        ))}
        {table && <TableRows table={table} width={inner} ellipsis={theme.glyphs.ellipsis} />}
      </Box>
    </Box>
  );
}
