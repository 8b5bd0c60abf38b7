import {describe, expect, it} from 'vitest';
import {findByIdentity, type PooledNamed} from '../../src/domain/content-identity.js';
import {CmdletError} from '../../src/domain/errors.js';

interface Item extends PooledNamed {
  readonly id: string;
}

const items: readonly Item[] = [
  {id: 'a', name: 'Sales', poolFqdn: 'pc1.example.org'},
  {id: 'b', name: 'Sales', poolFqdn: 'pc2.example.org'},
  {id: 'c', name: 'İstanbul', poolFqdn: 'pc1.example.org'},
  {id: 'd', name: 'Support', poolFqdn: 'PC2.example.org'},
];

const outcome = (list: readonly Item[], identity: string): string => {
  try {
    return findByIdentity(list, identity, 'Room').id;
  } catch (error) {
    if (!(error instanceof CmdletError)) throw error;
    return error.errorId;
  }
};

describe('findByIdentity', () => {
  it.each([
    ['pc1.example.org\\Sales', 'a'],
    ['PC2.EXAMPLE.ORG\\sales', 'b'],
    [' pc2.example.org \\ SALES ', 'b'],
    ['Sales', 'AmbiguousIdentity'],
    ['support', 'd'],
    ['pc2.example.org\\Support', 'd'],
    ['pc1.example.org\\Support', 'RoomNotFound'],
    ['i̇stanbul', 'c'],
    ['Marketing', 'RoomNotFound'],
  ])('resolves %j to %s', (identity, expected) => {
    expect(outcome(items, identity)).toBe(expected);
  });

  it('finds an item renamed in a later state by its new name only, after the earlier state was searched', () => {
    expect(outcome(items, 'Support')).toBe('d');
    const renamed = items.map((i) => (i.id === 'd' ? {...i, name: 'Helpdesk'} : i));
    expect(outcome(renamed, 'helpdesk')).toBe('d');
    expect(outcome(renamed, 'Support')).toBe('RoomNotFound');
    expect(outcome(items, 'Support')).toBe('d');
  });
});
