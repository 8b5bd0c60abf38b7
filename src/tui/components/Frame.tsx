// A box drawn with text: a title in the top border, side borders on every line, exactly `height`
// lines tall. Drawn by hand so the layout is arithmetic and the ASCII mode needs no font support.

import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import type {Theme} from '../theme.js';
import {fitCell} from '../table/columns.js';
import {LineText} from './LineText.js';
import type {Line} from './segments.js';

export interface Props {
  readonly title: string;
  readonly lines: readonly Line[];
  readonly width: number;
  readonly height: number;
  readonly theme: Theme;
}

export function Frame({title, lines, width, height, theme}: Props) {
  const b = theme.glyphs.box;
  const inner = Math.max(1, width - 4);
  const titleText = ` ${fitCell(title, Math.max(0, width - 6), 'left', theme.glyphs.ellipsis).trimEnd()} `;
  const top = `${b.tl}${b.h}${titleText}${b.h.repeat(Math.max(0, width - 3 - stringWidth(titleText)))}${b.tr}`;
  const bottom = `${b.bl}${b.h.repeat(Math.max(0, width - 2))}${b.br}`;
  const body = lines.slice(0, Math.max(0, height - 2));
  const filler = Math.max(0, height - 2 - body.length);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={theme.accent} wrap="truncate-end">
        {top}
      </Text>
      {body.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          <Text color={theme.muted}>{`${b.v} `}</Text>
          <LineText line={line} width={inner} ellipsis={theme.glyphs.ellipsis} />
          <Text color={theme.muted}>{` ${b.v}`}</Text>
        </Text>
      ))}
      {Array.from({length: filler}, (_, i) => (
        <Text
          key={`f${i}`}
          color={theme.muted}
          wrap="truncate-end"
        >{`${b.v}${' '.repeat(Math.max(0, width - 2))}${b.v}`}</Text>
      ))}
      <Text color={theme.muted} wrap="truncate-end">
        {bottom}
      </Text>
    </Box>
  );
}
