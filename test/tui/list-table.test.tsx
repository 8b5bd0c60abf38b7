// A list's rows are drawn as a table of columns with some rows drawn whole over it (list-lines.ts,
// TableRows.tsx), for speed; what the terminal gets must be exactly what drawing every row whole
// gives, styles included, whatever the rows hold and wherever the cursor and marks are.

import {renderToString} from 'ink';
import {expect, it} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import {Frame} from '../../src/tui/components/Frame.js';
import {paneRows} from '../../src/tui/state/rows.js';
import {initialUi, type UiState} from '../../src/tui/state/ui-state.js';
import {makeTheme} from '../../src/tui/theme.js';
import {listBody} from '../../src/tui/views/list-lines.js';
import {withChalkLevel} from '../helpers/chalk-level.js';
import {contentState} from '../helpers/content-fixture.js';

// Names that test each reason to draw a row whole: a combining mark at a cell's start joins the gap's
// space in the row; a zero-width character moves the rest of the row; wide characters, an accent
// within a word, a name cut with an ellipsis, and plain names draw alone.
const NAMES = [
  'Plain',
  'e\u0301clair',
  '\u0301Leading mark',
  'Zero\u200bwidth',
  '日本語の部屋',
  'A very long room name that the name column cannot hold whole at all',
  'Ärger',
  'Tail mark\u0301',
];

function chatWithNames(): ChatState {
  const chat = contentState();
  const rooms = Array.from({length: 40}, (_, i) => {
    const room = chat.rooms[i % chat.rooms.length]!;
    return {...room, name: `${NAMES[i % NAMES.length]!}${i}`, disabled: i % 7 === 3};
  });
  return {...chat, rooms};
}

withChalkLevel(3);

const draw = (ui: UiState, asTable: boolean, columns: number, rows: number): string => {
  const theme = makeTheme({ascii: false, color: true});
  const body = listBody(ui, 'rooms', theme, columns - 4, rows - 3, asTable);
  return renderToString(
    <Frame
      title={body.title}
      lines={body.lines}
      table={body.table}
      width={columns}
      height={rows}
      theme={theme}
    />,
    {columns},
  );
};

it.each([
  [120, 20],
  [80, 12],
  [60, 10],
])('draws the rows as a table exactly as it draws them whole, at %i columns', (columns, height) => {
  const base = initialUi({chat: chatWithNames(), now: 0, size: {columns, rows: 30}, pane: 'rooms'});
  const ids = paneRows(base, 'rooms').map((r) => r.id);
  expect(ids.length).toBe(40);
  let tables = 0;
  for (const [cursor, top] of [
    [0, 0],
    [5, 0],
    [12, 9],
    [39, 40 - (height - 3)],
  ] as const) {
    const ui: UiState = {
      ...base,
      lists: {
        ...base.lists,
        rooms: {...base.lists.rooms, cursorId: ids[cursor]!, top, marks: [ids[1]!, ids[cursor]!, ids[13]!]},
      },
    };
    const theme = makeTheme({ascii: false, color: true});
    if (listBody(ui, 'rooms', theme, columns - 4, height - 3).table) tables++;
    expect(draw(ui, true, columns, height)).toBe(draw(ui, false, columns, height));
  }
  // The comparison is of a table, not of two drawings of whole rows.
  expect(tables).toBe(4);
});

it('draws styles, so that the comparison covers them', () => {
  const ui = initialUi({chat: chatWithNames(), now: 0, size: {columns: 120, rows: 30}, pane: 'rooms'});
  const frame = draw(ui, true, 120, 20);
  expect(frame).toContain('\x1b[7m');
  expect(frame).toContain('\x1b[2m');
});
