import {describe, expect, it} from 'vitest';
import {findByIdentity, type PooledNamed} from '../../src/domain/content-identity.js';
import {CmdletError} from '../../src/domain/errors.js';
import {replaceItems} from '../../src/domain/collection-index.js';
import {replacedSince} from '../../src/domain/replaced-items.js';
import {applyChanges, diffState} from '../../src/store/state-diff.js';

interface Item extends PooledNamed {
  readonly id: string;
}

const list = (n: number): readonly Item[] =>
  Array.from({length: n}, (_, i) => ({id: `r${i}`, name: `Room ${i}`, poolFqdn: 'pc1.example.org'}));

const renamed = (items: readonly Item[], at: number, name: string): readonly Item[] => {
  const old = items[at] as Item;
  return replaceItems(items, new Map([[old, {...old, name}]]));
};

const outcome = (items: readonly Item[], identity: string): string => {
  try {
    return findByIdentity(items, identity, 'Room').id;
  } catch (error) {
    if (!(error instanceof CmdletError)) throw error;
    return `${error.errorId}: ${error.message}`;
  }
};

describe('replaceItems and the record of what it replaced', () => {
  it('replaces the one item in a copy and leaves the list it was given as it was', () => {
    const before = list(5);
    const after = renamed(before, 2, 'Lobby');
    expect(after.map((i) => i.name)).toEqual(['Room 0', 'Room 1', 'Lobby', 'Room 3', 'Room 4']);
    expect(before.map((i) => i.name)).toEqual(['Room 0', 'Room 1', 'Room 2', 'Room 3', 'Room 4']);
    expect(after[3]).toBe(before[3]);
  });

  it('knows which indexes a chain of replacements touched, and nothing about a list built otherwise', () => {
    const first = list(10);
    const second = renamed(first, 7, 'A');
    const third = renamed(second, 1, 'B');
    const fourth = renamed(third, 7, 'C');
    expect(replacedSince(first, fourth)).toEqual([1, 7]);
    expect(replacedSince(third, fourth)).toEqual([7]);
    expect(replacedSince(fourth, fourth)).toEqual([]);
    expect(
      replacedSince(
        first,
        first.map((i) => i),
      ),
    ).toBeNull();
    expect(replacedSince(second, first)).toBeNull();
  });

  it('stops recording after a long chain, so a list does not keep every list before it alive', () => {
    let items = list(4);
    const first = items;
    for (let i = 0; i < 40; i += 1) items = renamed(items, i % 4, `Name ${i}`);
    expect(replacedSince(first, items)).toBeNull();
    const later = renamed(items, 0, 'Again');
    expect(replacedSince(items, later)).toEqual([0]);
  });
});

describe('lookups in a list made by replacing items', () => {
  it('find a renamed item by its new name only, in every list of the chain and past its end', () => {
    let items = list(50);
    expect(outcome(items, 'Room 7')).toBe('r7');
    const lists = [items];
    for (let i = 0; i < 40; i += 1) {
      items = renamed(items, i, `Renamed ${i}`);
      lists.push(items);
    }
    expect(outcome(items, 'renamed 39')).toBe('r39');
    expect(outcome(items, 'Room 39')).toMatch(/^RoomNotFound/);
    expect(outcome(items, 'Room 45')).toBe('r45');
    expect(outcome(lists[10] as readonly Item[], 'Room 20')).toBe('r20');
    expect(outcome(lists[10] as readonly Item[], 'Renamed 9')).toBe('r9');
    expect(outcome(lists[10] as readonly Item[], 'Renamed 10')).toMatch(/^RoomNotFound/);
  });

  it('give the pools of an ambiguous name in the order of the list', () => {
    const items: readonly Item[] = [
      {id: 'a', name: 'Sales', poolFqdn: 'pc1.example.org'},
      {id: 'b', name: 'Support', poolFqdn: 'pc2.example.org'},
      {id: 'c', name: 'Sales', poolFqdn: 'pc3.example.org'},
    ];
    expect(outcome(items, 'Sales')).toMatch(/several pools \(pc1.example.org, pc3.example.org\)/);
    const after = renamed(items, 0, 'Lobby');
    const again = renamed(after, 0, 'Sales');
    expect(outcome(again, 'Sales')).toMatch(/several pools \(pc1.example.org, pc3.example.org\)/);
    const third = renamed(again, 1, 'sales');
    expect(outcome(third, 'Sales')).toMatch(
      /several pools \(pc1.example.org, pc2.example.org, pc3.example.org\)/,
    );
  });
});

describe('the diff of a list made by replacing items', () => {
  it('is the diff of the same list built by copying it whole', () => {
    const before = list(1000);
    let after = renamed(before, 10, 'Ten');
    after = renamed(after, 900, 'Nine hundred');
    // Replaced by an equal value: no change to record, as a scan of the whole list would find.
    after = replaceItems(after, new Map([[after[500] as Item, {...(after[500] as Item)}]]));
    const copied = before.map((item, i) => after[i] ?? item);
    expect(replacedSince(before, after)).toEqual([10, 500, 900]);
    expect(replacedSince(before, copied)).toBeNull();
    const byReplacement = diffState({rooms: before}, {rooms: after});
    expect(byReplacement).toEqual(diffState({rooms: before}, {rooms: copied}));
    expect(byReplacement.map((c) => c.path)).toEqual([
      ['rooms', 10],
      ['rooms', 900],
    ]);
  });
});

describe('a list the store replays changes into', () => {
  it('records the positions the records replaced, over several records, and none for a list they spliced', () => {
    const before = list(1000);
    const fresh = new WeakSet<object>();
    const state = {rooms: before};
    const at = (i: number, name: string) => [{path: ['rooms', i, 'name'], value: name}];
    const once = applyChanges(state, at(10, 'Ten'), fresh);
    const twice = applyChanges(once, [...at(900, 'Nine hundred'), ...at(10, 'Ten again')], fresh);
    expect(twice.rooms[10]?.name).toBe('Ten again');
    expect(replacedSince(before, twice.rooms)).toEqual([10, 900]);
    expect(twice.rooms[11]).toBe(before[11]);
    const spliced = applyChanges(twice, [{path: ['rooms'], splice: [0, 1], items: []}], fresh);
    const after = applyChanges(spliced, at(5, 'Five'), fresh);
    expect(replacedSince(before, after.rooms)).toBeNull();
  });
});
