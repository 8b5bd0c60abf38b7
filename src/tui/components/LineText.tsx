// Renders one fitted line of segments: a plain segment as text, a styled one as a nested Text; a
// line with other characters than printable ASCII as a row of runs (ascii-runs.ts). A line is drawn
// again only when its text or styles change (issue 12: a key changes a few lines of a full screen).

import {Box, Text} from 'ink';
import {memo} from 'react';
import {asciiRuns} from './ascii-runs.js';
import type {Line, Segment} from './segments.js';
import {fitLine} from './segments.js';

export interface Props {
  readonly line: Line;
  readonly width: number;
  readonly ellipsis?: string;
}

const styled = (s: Segment): boolean =>
  s.color !== undefined || s.bold === true || s.dim === true || s.inverse === true;

const sameSegment = (a: Segment, b: Segment): boolean =>
  a.text === b.text &&
  a.color === b.color &&
  (a.bold ?? false) === (b.bold ?? false) &&
  (a.dim ?? false) === (b.dim ?? false) &&
  (a.inverse ?? false) === (b.inverse ?? false);

const sameProps = (a: Props, b: Props): boolean =>
  a.width === b.width &&
  a.ellipsis === b.ellipsis &&
  a.line.length === b.line.length &&
  a.line.every((s, i) => sameSegment(s, b.line[i]!));

function RunText({run}: {readonly run: Line}) {
  return (
    <Text wrap="truncate-end">
      {run.map((s, i) =>
        styled(s) ? (
          <Text key={i} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse}>
            {s.text}
          </Text>
        ) : (
          s.text
        ),
      )}
    </Text>
  );
}

/**
 * Nothing after the line's text is written: the rest of the row is blank, and Ink trims trailing
 * blanks. A blank line is one space, since Ink gives a text without characters no height.
 */
function LineTextOf({line, width, ellipsis}: Props) {
  const fitted = fitLine(line, width, ellipsis);
  const runs = asciiRuns(fitted.some((s) => s.text !== '') ? fitted : [{text: ' '}]);
  if (runs.length === 1) return <RunText run={runs[0]!} />;
  return (
    <Box height={1}>
      {runs.map((run, i) => (
        <RunText key={i} run={run} />
      ))}
    </Box>
  );
}

export const LineText = memo(LineTextOf, sameProps);
