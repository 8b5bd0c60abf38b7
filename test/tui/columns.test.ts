import stringWidth from 'string-width';
import {describe, expect, it, vi} from 'vitest';
import {
  contentWidths,
  fitCell,
  layoutColumns,
  renderRowText,
  type Column,
} from '../../src/tui/table/columns.js';

const columns: Column[] = [
  {key: 'name', title: 'Name', min: 8, priority: 1, flex: true},
  {key: 'category', title: 'Category', min: 8, priority: 1},
  {key: 'pool', title: 'Pool', min: 8, priority: 4},
  {key: 'members', title: 'Members', min: 7, priority: 3},
];

describe('fitCell', () => {
  it.each([
    ['pads short text', 'ab', 5, 'ab   '],
    ['truncates long text with an ellipsis', 'abcdefgh', 5, 'abcd…'],
    ['keeps text that fits exactly', 'abcde', 5, 'abcde'],
  ])('%s', (_name, text, width, out) => {
    expect(fitCell(text, width)).toBe(out);
  });

  it('measures wide characters by display width', () => {
    const cell = fitCell('会議室会議室', 7);
    expect(stringWidth(cell)).toBe(7);
  });

  it('aligns numbers to the right', () => {
    expect(fitCell('42', 5, 'right')).toBe('   42');
  });

  it('cuts and pads printable ASCII with an ellipsis without segmenting it into graphemes (issue 12: P4)', () => {
    const cells = ['cn=Clara Dubois,ou=Engineering', 'sip:clara.dubois@example.org'];
    const expected = cells.flatMap((c) => [
      fitCell(c, 12),
      fitCell(c, 12, 'right'),
      fitCell(c, 12, 'left', '~'),
    ]);
    expect(expected.map((c) => stringWidth(c))).toEqual(expected.map(() => 12));
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    try {
      expect(
        cells.flatMap((c) => [fitCell(c, 12), fitCell(c, 12, 'right'), fitCell(c, 12, 'left', '~')]),
      ).toEqual(expected);
      expect(segment).not.toHaveBeenCalled();
    } finally {
      segment.mockRestore();
    }
  });

  it.each([
    ['a wide character', '会議室会議室', 7],
    ['a combining mark', 'e\u0301e\u0301e\u0301e\u0301', 3],
    ['an emoji', 'ab👍cd👍', 4],
  ])('cuts text with %s to exactly the width, either side', (_name, text, width) => {
    for (const align of ['left', 'right'] as const)
      expect(stringWidth(fitCell(text, width, align))).toBe(width);
  });
});

describe('layoutColumns', () => {
  it('uses the whole width, giving the rest to the flexible column', () => {
    const placed = layoutColumns(columns, 80, {name: 10, category: 8, pool: 20, members: 7});
    const used = placed.reduce((n, c) => n + c.width, 0) + 2 * (placed.length - 1);
    expect(used).toBe(80);
    expect(placed.find((c) => c.key === 'name')!.width).toBeGreaterThan(10);
  });

  it('drops the least important columns first when space runs out', () => {
    const placed = layoutColumns(columns, 26, {name: 10, category: 8, pool: 20, members: 7});
    expect(placed.map((c) => c.key)).toEqual(['name', 'category']);
  });

  it('sizes columns to their content', () => {
    const rows = [{cells: {name: 'A very long room name', category: 'IT', pool: 'pc1', members: '3'}}];
    const wanted = contentWidths(columns, rows);
    expect(wanted['name']).toBe(21);
    expect(wanted['category']).toBe(8);
  });

  it('renders a row as one line of exactly the table width', () => {
    const placed = layoutColumns(columns, 60, {name: 10, category: 8, pool: 20, members: 7});
    const line = renderRowText(placed, {
      name: 'Room\u4f1a\u8b70',
      category: 'IT',
      pool: 'pc1.dc1.example.org',
      members: '12',
    });
    expect(stringWidth(line)).toBe(60);
  });
});
