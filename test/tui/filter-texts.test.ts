// The filter's search texts (src/tui/state/filter-texts.ts): a row's cells, lower-cased, two spaces
// apart, made for 50,000 principals when the filter opens; and their bigram index, read one unit at
// a time.

import {afterEach, describe, expect, it, vi} from 'vitest';
import type {Row} from '../../src/tui/panes/pane.js';
import {emptyBigramIndex, indexUntil} from '../../src/tui/state/bigram-index.js';
import {lowerTexts} from '../../src/tui/state/filter-texts.js';

const person = (i: number): Row => ({
  id: `cn=p${i}`,
  cells: {
    kind: 'user',
    name: `Clara Dubois ${i}`,
    sip: `sip:clara${i}@Example.org`,
    policy: '',
    dn: `CN=p${i}`,
  },
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the search texts', () => {
  it('are the cells lower-cased, two spaces apart, in the order of the cells', () => {
    expect(lowerTexts([person(7)])).toEqual(['user  clara dubois 7  sip:clara7@example.org    cn=p7']);
  });

  it('are made without an array of cells or a WeakMap entry for each row (issue 12: P4)', () => {
    const rows = Array.from({length: 500}, (_, i) => person(i));
    const values = vi.spyOn(Object, 'values');
    const entries = vi.spyOn(WeakMap.prototype, 'set');
    expect(lowerTexts(rows)).toHaveLength(500);
    expect(values).not.toHaveBeenCalled();
    expect(entries.mock.calls.length).toBeLessThan(10);
  });

  it("of a list made again are the last list's where it holds the same rows, and made for the others", () => {
    const read = vi.fn();
    // Each row says when its cells are read.
    const watched = (row: Row): Row => ({
      id: row.id,
      get cells() {
        read(row.id);
        return row.cells;
      },
    });
    const rows = Array.from({length: 300}, (_, i) => watched(person(i)));
    const first = lowerTexts(rows);
    read.mockClear();
    const again = rows.slice();
    again[5] = watched({id: 'cn=p5', cells: {...person(5).cells, name: 'Renamed'}});
    const texts = lowerTexts(again);
    expect(new Set(read.mock.calls.map(([id]) => id as string))).toEqual(new Set(['cn=p5']));
    expect(texts[5]).toContain('renamed');
    expect(texts.filter((_, i) => i !== 5)).toEqual(first.filter((_, i) => i !== 5));
  });
});

describe('the bigram index', () => {
  it('reads each unit of a text once in each of its two passes', () => {
    const texts = lowerTexts(Array.from({length: 40}, (_, i) => person(i)));
    const units = texts.reduce((sum, t) => sum + t.length, 0);
    const reads = vi.spyOn(String.prototype, 'charCodeAt');
    const index = emptyBigramIndex(texts);
    expect(indexUntil(index, texts, () => false)).toBe(true);
    expect(reads.mock.calls.length).toBe(2 * units);
  });
});
