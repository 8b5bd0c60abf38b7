// The ids the cursor reads (src/tui/state/rows.ts): a filtered list's are read through its whole
// list's, so a filter key makes no array of its hits' ids, and the cursor's row is found once per row
// (issue 12: P4 over 50,000 principals).

import fc from 'fast-check';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {Row} from '../../src/tui/panes/pane.js';
import {cursorIds, filterRows} from '../../src/tui/state/rows.js';
import {cursorIndex} from '../../src/tui/table/list-window.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const row = (id: string, name: string): Row => ({id, cells: {name}});

describe('the ids of a filtered list', () => {
  it('are the ids of its rows, in order, and find each id where an array of them does', () => {
    const list = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.string({maxLength: 6})), {
      maxLength: 40,
    });
    const query = fc.oneof(
      fc.constantFrom('a', 'b', 'ab', 'xyz', 'abc'),
      fc.string({minLength: 1, maxLength: 4}),
    );
    fc.assert(
      fc.property(list, query, (cells, text) => {
        // Ids drawn from five letters: most lists hold some twice.
        const rows = cells.map(([id, name]) => row(id, name));
        const shown = filterRows(rows, text);
        const ids = cursorIds(shown);
        const expected = shown.map((r) => r.id);
        expect(ids.length).toBe(expected.length);
        expect(Array.from({length: ids.length + 1}, (_, i) => ids.at(i))).toEqual([...expected, undefined]);
        for (const id of ['a', 'b', 'c', 'd', 'e', 'z']) {
          expect(ids.indexOf(id), id).toBe(expected.indexOf(id));
          expect(cursorIds(rows).indexOf(id), id).toBe(rows.map((r) => r.id).indexOf(id));
        }
      }),
      {numRuns: 300},
    );
  });

  it("are read from the whole list's ids, without reading each shown row's", () => {
    let reads = 0;
    const watched = (i: number): Row => ({
      get id() {
        reads++;
        return `p${i}`;
      },
      cells: {name: `Person ${i}`},
    });
    const rows = Array.from({length: 500}, (_, i) => watched(i));
    cursorIds(rows);
    const shown = filterRows(rows, 'person 1');
    reads = 0;
    const ids = cursorIds(shown);
    expect(ids.length).toBe(111);
    expect(ids.at(0)).toBe('p1');
    expect(ids.indexOf('p199')).toBe(110);
    expect(reads).toBe(0);
  });

  it("find the cursor's row once while it stays, not at each look-up", () => {
    const rows = Array.from({length: 300}, (_, i) => row(`p${i}`, `Person ${i}`));
    const shown = filterRows(rows, 'person 2');
    const scans = vi.spyOn(Array.prototype, 'indexOf');
    const found: number[] = [];
    for (let key = 0; key < 3; key++)
      found.push(cursorIndex(cursorIds(rows), 'p250', 0), cursorIndex(cursorIds(shown), 'p250', 0));
    const lookups = scans.mock.calls.filter(([id]) => id === 'p250').length;
    scans.mockRestore();
    expect(found).toEqual([250, 61, 250, 61, 250, 61]);
    expect(lookups).toBe(1);
  });
});
