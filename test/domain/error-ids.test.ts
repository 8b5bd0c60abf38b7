import {describe, expect, it} from 'vitest';
import {ERROR_AND_WARNING_IDS, ERROR_IDS, WARNING_IDS} from '../../src/domain/error-ids.js';
import {CmdletError, type Warning} from '../../src/domain/errors.js';

describe('error and warning ids', () => {
  it('lists each id once, as a PascalCase word, and never as both an error and a warning unless named so', () => {
    const all = [...ERROR_IDS, ...WARNING_IDS];
    expect(new Set(all).size).toBe(all.length - ERROR_AND_WARNING_IDS.length);
    const both = ERROR_IDS.filter((id) => (WARNING_IDS as readonly string[]).includes(id));
    expect(both).toEqual([...ERROR_AND_WARNING_IDS]);
    for (const id of ERROR_IDS) expect(ERROR_IDS.filter((e) => e === id)).toHaveLength(1);
    for (const id of WARNING_IDS) expect(WARNING_IDS.filter((w) => w === id)).toHaveLength(1);
    for (const id of all) expect(id).toMatch(/^[A-Z][A-Za-z]+$/);
  });

  it('refuses a misspelled id at compile time', () => {
    // @ts-expect-error: 'RoomNotFund' is not an ErrorId.
    const error = new CmdletError('RoomNotFund', 'No room.');
    // @ts-expect-error: 'PresenterCleared' is not a WarningId.
    const warning: Warning = {warningId: 'PresenterCleared', message: 'm', target: null};
    expect([error.errorId, warning.warningId]).toEqual(['RoomNotFund', 'PresenterCleared']);
  });
});
