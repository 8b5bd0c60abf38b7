// A list's rows as a table (views/list-lines.ts): each column one text at its place, then the rows
// drawn whole over it. Both are placed absolutely in a box as tall as the rows, so a cursor move
// changes only the line drawn over the table, and the columns stay as they were.

import {Box, Text} from 'ink';
import {memo} from 'react';
import type {ListTable} from '../views/list-lines.js';
import {LineText} from './LineText.js';

export interface Props {
  readonly table: ListTable;
  readonly width: number;
  readonly ellipsis: string;
}

interface ColumnProps {
  readonly x: number;
  readonly width: number;
  readonly text: string;
}

const Column = memo(function Column({x, width, text}: ColumnProps) {
  return (
    <Box position="absolute" marginLeft={x} width={width}>
      <Text wrap="truncate-end">{text}</Text>
    </Box>
  );
});

export function TableRows({table, width, ellipsis}: Props) {
  return (
    <Box width={width} height={table.height} flexShrink={0}>
      {table.columns.map((c) =>
        c.text === '' ? null : <Column key={c.key} x={c.x} width={c.width} text={c.text} />,
      )}
      {table.overlays.map((o) => (
        <Box key={o.at} position="absolute" marginTop={o.at} width={width}>
          <LineText line={o.line} width={width} ellipsis={ellipsis} />
        </Box>
      ))}
    </Box>
  );
}
