import {describe, expect, it} from 'vitest';
import {listView} from '../../../src/lang/present/list-view.js';

describe('listView', () => {
  it('pads property names by display width, so values line up after wide names', () => {
    expect(listView([{名前: 'x', Identity: 'y'}])).toEqual(['', '名前     : x', 'Identity : y', '']);
  });

  it('shows a hashtable as PowerShell does: a Name and Value table', () => {
    expect(
      listView([
        {
          kind: 'hashtable',
          entries: [
            ['Add', 'a'],
            ['Remove', 1],
          ],
        },
      ]),
    ).toEqual(['', 'Name   Value', '----   -----', 'Add    a', 'Remove 1', '']);
  });

  it('shows a credential as PSCredential does, with the password as its type only', () => {
    expect(listView([{kind: 'credential', userName: 'EXAMPLE\\ana'}])).toEqual([
      '',
      'UserName    Password',
      '--------    --------',
      'EXAMPLE\\ana System.Security.SecureString',
      '',
    ]);
  });

  it('unrolls a byte array one number a line, as the pipeline does', () => {
    expect(listView([{kind: 'bytes', data: Uint8Array.from([0, 7, 255])}])).toEqual(['0', '7', '255']);
  });
});
