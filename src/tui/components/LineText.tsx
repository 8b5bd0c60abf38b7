// Renders one fitted line of segments.

import {Text} from 'ink';
import type {Line} from './segments.js';
import {fitSegments} from './segments.js';

export interface Props {
  readonly line: Line;
  readonly width: number;
  readonly ellipsis?: string;
}

export function LineText({line, width, ellipsis}: Props) {
  const segments = fitSegments(line, width, ellipsis);
  return (
    <Text wrap="truncate-end">
      {segments.map((s, i) => (
        <Text key={i} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
