import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {tableView} from '../../../src/lang/present/table-view.js';

describe('tableView', () => {
  it('underlines each header and pads columns by display width, not by length', () => {
    const lines = tableView(
      {
        columns: ['Name', 'Pool'],
        rows: [
          ['会議室', 'pc1'],
          ['Team 🚀', 'pc2'],
          ['ItRoom', 'pc1'],
        ],
      },
      Infinity,
    );
    expect(lines).toEqual(['Name    Pool', '----    ----', '会議室  pc1', 'Team 🚀 pc2', 'ItRoom  pc1']);
    // Every second column starts at the same terminal column.
    for (const line of lines.slice(2)) expect(stringWidth(line.slice(0, line.lastIndexOf(' ') + 1))).toBe(8);
  });

  it('right-aligns a column of numbers, as PowerShell does', () => {
    expect(
      tableView(
        {
          columns: ['Name', 'Count'],
          rows: [
            ['a', 5],
            ['b', 120],
          ],
        },
        Infinity,
      ),
    ).toEqual(['Name Count', '---- -----', 'a        5', 'b      120']);
  });

  it('narrows the widest column to fit the width and cuts its cells with ...', () => {
    const lines = tableView({columns: ['Id', 'Description'], rows: [['1', 'a'.repeat(40)]]}, 20);
    expect(lines[2]).toBe(`1  ${'a'.repeat(14)}...`);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(20);
  });

  it('makes cells from the data display-safe', () => {
    expect(tableView({columns: ['Name'], rows: [['a\u001b[2J']]}, Infinity)[2]).toBe('a^[[2J');
  });
});
