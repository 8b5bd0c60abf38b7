import {describe, expect, it} from 'vitest';
import {getAddins, newAddin, removeAddin, setAddin, validateUrl} from '../../src/domain/addins.js';
import {CmdletError} from '../../src/domain/errors.js';
import {byName, contentState, POOL, POOL2} from '../helpers/content-fixture.js';

const errorOf = (f: () => unknown): CmdletError => {
  try {
    f();
  } catch (error) {
    if (error instanceof CmdletError) return error;
    throw error;
  }
  throw new Error('expected a CmdletError');
};

describe('add-ins', () => {
  it('registers an add-in in the only pool', () => {
    const {output} = newAddin(contentState(), {
      name: 'Wiki',
      url: 'http://wiki.example.org/',
      id: 'a1',
      rev: 4,
    });
    expect(output).toEqual({id: 'a1', name: 'Wiki', poolFqdn: POOL, url: 'http://wiki.example.org/', rev: 4});
  });

  it.each([
    ['ftp://pc1.dc1.example.org/x'],
    ['javascript:alert(1)'],
    ['file:///etc/passwd'],
    ['pc1.dc1.example.org/itdash'],
    ['https://'],
    ['https://pc1.dc1.example.org/a b'],
  ])('refuses %s as InvalidUrl', (url) => {
    expect(errorOf(() => validateUrl(url))).toMatchObject({errorId: 'InvalidUrl', parameter: 'Url'});
  });

  it.each([
    [{name: 'ItDashboard'}, 'DuplicateName'],
    [{name: ''}, 'InvalidName'],
    [{name: 'X', poolFqdn: 'none.example.org'}, 'PoolNotFound'],
  ])('refuses %j with %s', (input, errorId) => {
    expect(
      errorOf(() => newAddin(contentState(), {url: 'https://x.example.org', id: 'a', rev: 2, ...input}))
        .errorId,
    ).toBe(errorId);
  });

  it('lets a room keep its add-in across a rename, and changes only the URL when asked', () => {
    const renamed = setAddin(contentState(), {identity: 'ItDashboard', name: 'ItBoard', rev: 5});
    expect(byName(renamed.state.rooms, 'HelpRoom').addinId).toBe('addin-itdash');
    const moved = setAddin(contentState(), {
      identity: `${POOL}\\ItDashboard`,
      url: 'https://pc1.dc1.example.org/itdash2',
      rev: 5,
    });
    expect(moved.output).toMatchObject({
      name: 'ItDashboard',
      url: 'https://pc1.dc1.example.org/itdash2',
      rev: 5,
    });
  });

  it('removes an unused add-in, and refuses one in use without -Force', () => {
    expect(
      removeAddin(contentState(), {identity: 'ItStatusAddin', rev: 5}).state.addins.map((a) => a.name),
    ).toEqual(['ItDashboard']);
    expect(errorOf(() => removeAddin(contentState(), {identity: 'ItDashboard', rev: 5})).errorId).toBe(
      'AddinInUse',
    );
  });

  it('detaches the rooms when -Force removes an add-in in use', () => {
    const {state, detached} = removeAddin(contentState(), {identity: 'ItDashboard', force: true, rev: 5});
    expect(byName(state.rooms, 'HelpRoom')).toMatchObject({addinId: null, rev: 5});
    expect(detached).toEqual([`${POOL}\\HelpRoom`]);
  });

  it('lists add-ins by pool and refuses Identity with a pool', () => {
    expect(getAddins(contentState(), {poolFqdn: POOL}).map((a) => a.name)).toEqual([
      'ItDashboard',
      'ItStatusAddin',
    ]);
    expect(getAddins(contentState({twoPools: true}), {poolFqdn: POOL2})).toEqual([]);
    expect(errorOf(() => getAddins(contentState(), {identity: 'ItDashboard', poolFqdn: POOL})).errorId).toBe(
      'ParameterConflict',
    );
  });
});
