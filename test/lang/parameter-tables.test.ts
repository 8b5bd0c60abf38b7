import {describe, expect, it} from 'vitest';
import type {CmdletSpec} from '../../src/cmdlets/types.js';
import {findCmdlet} from '../../src/cmdlets/catalog.js';
import {resolveParameter} from '../../src/lang/param-names.js';
import {resolveSet} from '../../src/lang/param-sets.js';

/** Set-CsPersistentChatRoom with a parameter table that counts how often it is listed. */
function countedSetRoom(): {cmdlet: CmdletSpec; listings: () => number} {
  const cmdlet = findCmdlet('Set-CsPersistentChatRoom')!;
  let listings = 0;
  const params = new Proxy(cmdlet.params, {
    ownKeys(target) {
      listings += 1;
      return Reflect.ownKeys(target);
    },
  });
  return {cmdlet: {...cmdlet, params}, listings: () => listings};
}

// Every line binds its parameters by name and resolves its set: a cmdlet's table is read once,
// not again at each line (a line in a fresh process paid for it every time).
describe("a cmdlet's parameter table", () => {
  it('is listed once however many names are resolved against it', () => {
    const {cmdlet, listings} = countedSetRoom();
    expect(resolveParameter(cmdlet, 'Identity').name).toBe('Identity');
    const first = listings();
    for (let line = 0; line < 5; line += 1) {
      expect(resolveParameter(cmdlet, 'identity').name).toBe('Identity');
      expect(resolveParameter(cmdlet, 'Desc').name).toBe('Description');
      expect(resolveParameter(cmdlet, 'ea').name).toBe('ErrorAction');
    }
    expect(listings()).toBe(first);
  });

  it('is listed once however many times a set is resolved', () => {
    const {cmdlet, listings} = countedSetRoom();
    const given = new Set(['Identity', 'Description']);
    expect(resolveSet(cmdlet, given, ['Identity', 'Instance'])).toBe('Identity');
    const first = listings();
    for (let line = 0; line < 5; line += 1)
      expect(resolveSet(cmdlet, given, ['Identity', 'Instance'])).toBe('Identity');
    expect(listings()).toBe(first);
  });
});
