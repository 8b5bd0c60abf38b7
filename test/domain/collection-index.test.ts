import {describe, expect, it} from 'vitest';
import {appendItem, itemsWithKey, replaceItems, type KeyOf} from '../../src/domain/collection-index.js';

interface Item {
  readonly name: string;
  readonly n: number;
}

const item = (name: string, n: number): Item => ({name, n});

/** A key function that counts the items it is asked about. */
function countingKey(): {keyOf: KeyOf<Item>; calls: () => number} {
  let calls = 0;
  return {
    keyOf: (i) => {
      calls += 1;
      return i.name === '' ? null : i.name.toLowerCase();
    },
    calls: () => calls,
  };
}

const plainLookup = (items: readonly Item[], key: string): Item[] =>
  items.filter((i) => i.name !== '' && i.name.toLowerCase() === key);

describe('collection indexes', () => {
  it('finds the items with a key in the collection order, as a filter would', () => {
    const items = [item('A', 1), item('b', 2), item('a', 3), item('', 4)];
    const {keyOf} = countingKey();
    expect(itemsWithKey(items, keyOf, 'a')).toEqual(plainLookup(items, 'a'));
    expect(itemsWithKey(items, keyOf, 'b')).toEqual([items[1]]);
    expect(itemsWithKey(items, keyOf, 'c')).toEqual([]);
  });

  it('makes the index once per array, asking the key of each item once', () => {
    const items = Array.from({length: 100}, (_, i) => item(`n${i % 10}`, i));
    const {keyOf, calls} = countingKey();
    itemsWithKey(items, keyOf, 'n1');
    itemsWithKey(items, keyOf, 'n2');
    expect(calls()).toBe(100);
  });

  it('carries the index over a replacement and an append, asking only the changed items their key', () => {
    const items = Array.from({length: 100}, (_, i) => item(`n${i % 10}`, i));
    const {keyOf, calls} = countingKey();
    itemsWithKey(items, keyOf, 'n1');
    const replaced = replaceItems(items, new Map([[items[11]!, item('N1', 111)]]));
    const appended = appendItem(replaced, item('n1', 200));
    expect(itemsWithKey(appended, keyOf, 'n1')).toEqual(plainLookup(appended, 'n1'));
    expect(calls()).toBe(100 + 2 + 1);
  });

  it('gives what map and spread give, over a run of replacements and appends', () => {
    let items: Item[] = Array.from({length: 50}, (_, i) => item(`n${i % 7}`, i));
    let expected = items;
    const {keyOf} = countingKey();
    for (let step = 0; step < 200; step += 1) {
      itemsWithKey(items, keyOf, 'n3');
      if (step % 3 === 0) {
        const added = item(step % 4 === 0 ? '' : `n${step % 5}`, 1000 + step);
        items = appendItem(items, added);
        expected = [...expected, added];
      } else {
        // Every other replacement renames the item: its index is then dropped and made again.
        const old = items[(step * 13) % items.length]!;
        const now = item(step % 2 === 0 ? old.name : `n${step % 6}`, old.n + 1);
        items = replaceItems(items, new Map([[old, now]]));
        expected = expected.map((i) => (i === old ? now : i));
      }
      expect(items).toEqual(expected);
      for (let k = 0; k < 7; k += 1)
        expect(itemsWithKey(items, keyOf, `n${k}`)).toEqual(plainLookup(expected, `n${k}`));
    }
  });

  it('leaves the array it was given as it was, and its lookups still answer for it', () => {
    const items = [item('a', 1), item('b', 2)];
    const {keyOf} = countingKey();
    itemsWithKey(items, keyOf, 'a');
    const next = replaceItems(items, new Map([[items[0]!, item('a', 9)]]));
    expect(items.map((i) => i.n)).toEqual([1, 2]);
    expect(itemsWithKey(items, keyOf, 'a')).toEqual([items[0]]);
    expect(itemsWithKey(next, keyOf, 'a')).toEqual([next[0]]);
  });

  it('replaces nothing for an item the array does not hold', () => {
    const items = [item('a', 1)];
    const next = replaceItems(items, new Map([[item('a', 1), item('a', 2)]]));
    expect(next).toEqual(items);
  });

  it('gives the plain answer for a replacement that would hold one object twice', () => {
    const a = item('a', 1);
    const b = item('b', 2);
    const {keyOf} = countingKey();
    const items = [a, b];
    itemsWithKey(items, keyOf, 'a');
    const next = replaceItems(items, new Map([[a, b]]));
    expect(next).toEqual([b, b]);
    expect(itemsWithKey(next, keyOf, 'b')).toEqual([b, b]);
    const c = item('b', 3);
    expect(replaceItems(next, new Map([[b, c]]))).toEqual([c, c]);
  });
});
