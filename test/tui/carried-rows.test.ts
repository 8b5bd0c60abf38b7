// A commit read from another process replaces a room among many: the Rooms pane keeps the other
// rows, and what is kept per row list (ids, cell widths) is carried over instead of made again.

import {describe, expect, it} from 'vitest';
import {replacedSince} from '../../src/domain/replaced-items.js';
import type {ChatState} from '../../src/domain/types.js';
import {applyChanges} from '../../src/store/state-diff.js';
import {PANES} from '../../src/tui/panes/index.js';
import type {Row} from '../../src/tui/panes/pane.js';
import {rowIds} from '../../src/tui/state/rows.js';
import {contentWidths, contentWidthsAfter} from '../../src/tui/table/columns.js';
import {contentState} from '../helpers/content-fixture.js';

const roomRows = (chat: ChatState): readonly Row[] => PANES.rooms.toRows({chat, audit: [], drills: []});
const renamed = (chat: ChatState, at: number, name: string): ChatState =>
  applyChanges(chat, [{path: ['rooms', at, 'name'], value: name}]);
const {columns} = PANES.rooms;

describe('the Rooms pane after a commit read from another process', () => {
  it('keeps the other rows, makes the replaced one again and records it as replaced', () => {
    const before = contentState();
    const rows = roomRows(before);
    expect(rowIds(rows)).toEqual(rows.map((r) => r.id));
    const after = renamed(before, 1, 'Lobby');
    const next = roomRows(after);
    expect(next).not.toBe(rows);
    expect(next[1]?.cells['name']).toBe('Lobby');
    expect(next.filter((row, i) => row !== rows[i])).toEqual([next[1]]);
    expect(replacedSince(rows, next)).toEqual([1]);
    expect(rowIds(next)).toEqual(next.map((r) => r.id));
    expect(next).toEqual(roomRows(structuredClone(after)));
  });
});

describe('contentWidthsAfter', () => {
  const widest = (rows: readonly Row[], key: string): number =>
    rows.reduce((w, r, i) => ((r.cells[key] ?? '').length > (rows[w]?.cells[key] ?? '').length ? i : w), 0);

  it('gives the widths a count over every row gives, when no replaced row was the widest', () => {
    const before = contentState();
    const rows = roomRows(before);
    const at = rows.findIndex((_, i) => i !== widest(rows, 'name'));
    const next = roomRows(renamed(before, at, 'A much longer name than any room had before'));
    const widths = contentWidths(columns, rows);
    expect(contentWidthsAfter(columns, rows, widths, next, [at])).toEqual(contentWidths(columns, next));
  });

  it('gives nothing when a replaced row that was the widest of a column became narrower', () => {
    const before = contentState();
    const rows = roomRows(before);
    const at = widest(rows, 'name');
    const next = roomRows(renamed(before, at, 'x'));
    expect(contentWidthsAfter(columns, rows, contentWidths(columns, rows), next, [at])).toBeNull();
  });
});
