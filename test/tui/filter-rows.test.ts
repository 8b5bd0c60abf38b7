// The `/` filter: substring matches first, fuse.js's fuzzy matches when there are none, and the
// cheap prefilter in front of fuse never changes what fuse would find on its own.

import fc from 'fast-check';
import Fuse from 'fuse.js';
import {describe, expect, it} from 'vitest';
import type {Row} from '../../src/tui/panes/pane.js';
import {
  bigramBucket,
  countBucket,
  emptyBigramIndex,
  indexMore,
  type BigramIndex,
} from '../../src/tui/state/bigram-index.js';
import {
  fuzzyCandidates,
  indexedCandidates,
  maxErrors,
  narrows,
} from '../../src/tui/state/fuzzy-candidates.js';
import {rarePieces} from '../../src/tui/state/fuzzy-pieces.js';
import {filterRows, prepareFilter} from '../../src/tui/state/rows.js';

const OPTIONS = {threshold: 0.3, ignoreLocation: true, shouldSort: false, isCaseSensitive: false} as const;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const word = (pick: (n: number) => number, alphabet: string, length: number): string =>
  Array.from({length}, () => alphabet[pick(alphabet.length)]).join('');

const fuseMatches = (texts: readonly string[], query: string): number[] =>
  new Fuse([...texts], OPTIONS)
    .search(query)
    .map((r) => r.refIndex)
    .sort((a, b) => a - b);

const row = (id: string, name: string): Row => ({id, cells: {name}});

/** The texts' bigram index, `slice` texts at a time, stopped after `upTo` of them. */
function bigramIndex(texts: readonly string[], slice = texts.length || 1, upTo = texts.length): BigramIndex {
  const index = emptyBigramIndex(texts);
  while (index.covered < upTo) indexMore(index, texts, Math.min(slice, upTo - index.covered));
  return index;
}

/** A stretch of `text`, 1 to 32 characters, given up to four random edits: at and around fuse's limit. */
function nearMiss(pick: (n: number) => number, text: string): string {
  const start = pick(Math.max(1, text.length));
  let q = [...text.slice(start, start + 1 + pick(32))];
  for (let edits = pick(5); edits > 0; edits--) {
    const at = pick(q.length + 1);
    const kind = pick(3);
    const c = 'abcdef'[pick(6)]!;
    if (kind === 0) q.splice(at, 0, c);
    else if (kind === 1) q.splice(at, 1);
    else q.splice(at, 1, c);
  }
  if (q.length === 0) q = ['a'];
  return q.slice(0, 32).join('');
}

describe('the filter prefilter', () => {
  it.each([
    [1, 0],
    [3, 0],
    [4, 1],
    [7, 2],
    [10, 3],
    [32, 9],
  ])('allows a pattern of %i characters %i errors, as fuse does at threshold 0.3', (length, errors) => {
    expect(maxErrors(length, 0.3)).toBe(errors);
  });

  it('finds as candidates exactly what fuse finds among all the texts, blank texts aside, over random texts and patterns of 1 to 32 characters', () => {
    const pick = random(12);
    // A small alphabet makes near misses common, where an off-by-one in the error count would show.
    const texts = Array.from({length: 400}, () => word(pick, 'abcde -', pick(60)));
    let compared = 0;
    let matched = 0;
    let narrowed = 0;
    for (let q = 0; q < 300; q++) {
      const query = nearMiss(pick, texts[pick(texts.length)]!);
      const expected = fuseMatches(texts, query);
      const candidates = fuzzyCandidates(texts, query, 0.3) ?? [...texts.keys()];
      const found = fuseMatches(
        candidates.map((i) => texts[i]!),
        query,
      ).map((i) => candidates[i]!);
      expect(found, query).toEqual(expected);
      if (fuzzyCandidates(texts, query, 0.3) !== null)
        expect(
          candidates.filter((i) => texts[i]!.trim() !== ''),
          query,
        ).toEqual(expected);
      narrowed += candidates.length < texts.length ? 1 : 0;
      compared++;
      matched += expected.length;
    }
    expect(compared).toBe(300);
    // The comparison means something only if fuse matched a fair share of the texts.
    expect(matched).toBeGreaterThan(3000);
    // ... and only if the prefilter left fuse fewer texts for most queries.
    expect(narrowed).toBeGreaterThan(200);
  });

  it("finds among the last query's candidates what it finds among all texts, whenever the next query narrows the last", () => {
    const pick = random(21);
    const texts = Array.from({length: 400}, () => word(pick, 'abcde -', pick(60)));
    let narrowed = 0;
    for (let q = 0; q < 300; q++) {
      const query = nearMiss(pick, texts[pick(texts.length)]!);
      for (let n = 1; n < query.length; n++) {
        const before = query.slice(0, n);
        const after = query.slice(0, n + 1);
        if (!narrows(before, after, 0.3)) continue;
        const among = fuzzyCandidates(texts, before, 0.3)!;
        expect(fuzzyCandidates(texts, after, 0.3, among), after).toEqual(fuzzyCandidates(texts, after, 0.3));
        narrowed++;
      }
    }
    expect(narrowed).toBeGreaterThan(1000);
  });

  // A wide alphabet gives each bigram few texts, as names and addresses do, so that the index rules
  // texts out and a bound one too tight would show; a small one gives near misses.
  it.each([
    ['a small alphabet', 'abcde -', 31],
    ['a wide alphabet', 'abcdefghijklmnopqrstuvwxyz0123456789 .@-', 32],
  ])(
    'finds with the bigram index exactly the candidates a scan of every text finds, over random texts and patterns in %s',
    (_, alphabet, seed) => {
      const pick = random(seed);
      const texts = Array.from({length: 600}, () => word(pick, alphabet, pick(60)));
      // Whole, in slices, and part built, as a keystroke may find it.
      const indexes = [bigramIndex(texts), bigramIndex(texts, 97), bigramIndex(texts, 128, 384)];
      const index = indexes[0]!;
      let ruledOut = 0;
      let matched = 0;
      for (let q = 0; q < 400; q++) {
        const query = nearMiss(pick, texts[pick(texts.length)]!);
        const scanned = fuzzyCandidates(texts, query, 0.3);
        for (const some of indexes)
          expect(fuzzyCandidates(texts, query, 0.3, undefined, some), query).toEqual(scanned);
        const among = [...texts.keys()].filter(() => pick(2) === 0);
        expect(fuzzyCandidates(texts, query, 0.3, among, index), query).toEqual(
          fuzzyCandidates(texts, query, 0.3, among),
        );
        const marks = indexedCandidates(index, query.toLowerCase(), maxErrors(query.length, 0.3));
        if (marks) ruledOut += marks.filter((m) => m === 0).length;
        matched += scanned?.length ?? 0;
      }
      // The comparison means something only if there were matches, and texts the index ruled out.
      expect(matched).toBeGreaterThan(2000);
      expect(ruledOut).toBeGreaterThan(10_000);
    },
  );

  it.each([1, 2, 5])(
    'counts each text once for each pair of characters it holds, and for no other, indexed %i texts at a time',
    (slice) => {
      const texts = ['abab', '', 'ba', 'xyz\u0101b', 'a'];
      const index = bigramIndex(texts, slice);
      const counted = (pair: string) => {
        const counts = new Uint8Array(texts.length);
        countBucket(index, bigramBucket(pair.charCodeAt(0), pair.charCodeAt(1)), counts);
        return [...counts];
      };
      expect(counted('ab')).toEqual([1, 0, 0, 0, 0]);
      expect(counted('ba')).toEqual([1, 0, 1, 0, 0]);
      expect(counted('z\u0101')).toEqual([0, 0, 0, 1, 0]);
      expect(counted('aa')).toEqual([0, 0, 0, 0, 0]);
      expect(index.slices.reduce((n, s) => n + s.positions.length, 0)).toBe(2 + 1 + 4);
    },
  );

  it.each([
    ['abcd', 'abcde', true],
    ['bcde', 'abcde', true],
    ['ABCD', 'xabcdy', true],
    ['abc', 'abcd', false],
    ['abde', 'abcde', false],
    ['  ', 'a  b', false],
    ['abcd', 'abcd'.repeat(9), false],
  ])('lets %j narrow to %j: %s', (before, after, expected) => {
    // abc to abcd allows one more error (0 to 1): it would let in texts the last query ruled out.
    expect(narrows(before, after, 0.3)).toBe(expected);
  });

  it('leaves a blank pattern, and one longer than fuse reads at once, to fuse alone', () => {
    expect(fuzzyCandidates(['a'], 'x'.repeat(33), 0.3)).toBeNull();
    expect(fuzzyCandidates(['a'], '  ', 0.3)).toBeNull();
    expect(fuzzyCandidates(['a', 'b'], 'x'.repeat(32), 0.3)).toEqual([]);
  });
});

/**
 * Whether some stretch of `text` is within `k` edits of `pattern`: Sellers' table, a column per
 * character of the text, any start free. The condition the prefilter's shortcuts must keep.
 */
function stretchWithin(text: string, pattern: string, k: number): boolean {
  let column = Array.from({length: pattern.length + 1}, (_, i) => i);
  if (column[pattern.length]! <= k) return true;
  for (const c of text) {
    const next = [0];
    for (let i = 1; i <= pattern.length; i++)
      next.push(Math.min(column[i]! + 1, next[i - 1]! + 1, column[i - 1]! + (pattern[i - 1] === c ? 0 : 1)));
    if (next[pattern.length]! <= k) return true;
    column = next;
  }
  return false;
}

describe('the prefilter against the plain condition', () => {
  const alphabet = fc.constantFrom(...'abcdeAB -.');
  const text = fc.string({unit: alphabet, maxLength: 50});
  const query = fc.string({unit: alphabet, minLength: 1, maxLength: 32}).filter((q) => q.trim() !== '');

  it('finds exactly the texts with a stretch within the allowed edits, with or without a whole or part-built index and a substring search before it', () => {
    fc.assert(
      fc.property(
        fc.array(text, {maxLength: 60}),
        query,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (texts, q, upTo, from, length, withIndex) => {
          const lower = texts.map((t) => t.toLowerCase());
          const pattern = q.toLowerCase();
          const k = maxErrors(pattern.length, 0.3);
          const expected = [...lower.keys()].filter((i) => stretchWithin(lower[i]!, pattern, k));
          // What a substring search found before this keystroke: a stretch of the query, or not.
          const needle = pattern.slice(from % pattern.length, (from % pattern.length) + 1 + (length % 8));
          const found = {needle, indexes: [...lower.keys()].filter((i) => lower[i]!.includes(needle))};
          const index = withIndex ? bigramIndex(lower, 7, upTo % (lower.length + 1)) : undefined;
          expect(fuzzyCandidates(lower, q, 0.3, undefined, index, found)).toEqual(expected);
          expect(fuzzyCandidates(lower, q, 0.3, undefined, index)).toEqual(expected);
        },
      ),
      {numRuns: 3000},
    );
  });

  it('cuts a pattern into the pieces whose rarest pairs are fewest, each of two characters or more, covering it in order', () => {
    fc.assert(
      fc.property(
        fc.string({unit: alphabet, minLength: 2, maxLength: 32}),
        fc.array(fc.nat({max: 1000}), {minLength: 31, maxLength: 31}),
        (pattern, listed) => {
          const count = maxErrors(pattern.length, 0.3) + 1;
          const parts = rarePieces(pattern, count, listed);
          expect(parts.map((p) => p.text).join('')).toBe(pattern);
          expect(parts.map((p) => p.at)).toEqual(
            parts.map(
              (_, i) =>
                parts
                  .slice(0, i)
                  .map((p) => p.text)
                  .join('').length,
            ),
          );
          expect(parts).toHaveLength(count);
          if (pattern.length >= 2 * count) expect(parts.every((p) => p.text.length >= 2)).toBe(true);
        },
      ),
    );
  });
});

describe('filterRows', () => {
  const rows = ['LisbonRoom', 'EmeaRoom', 'HelpRoom', 'ProjectsRoom', 'Lisbon2'].map((n, i) =>
    row(`r${i}`, n),
  );

  it('keeps substring matches in their order and ignores case', () => {
    expect(filterRows(rows, 'LISBON').map((r) => r.id)).toEqual(['r0', 'r4']);
  });

  it('gives the rows themselves when every row holds the text, prepared or not, so that their ids are not made again', async () => {
    const many = Array.from({length: 300}, (_, i) => row(`p${i}`, `Room ${i}`));
    expect(filterRows(many, 'o')).toBe(many);
    const prepared = [...many];
    prepareFilter(prepared);
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(filterRows(prepared, 'M')).toBe(prepared);
    expect(filterRows(prepared, 'room ')).toBe(prepared);
    expect(filterRows(prepared, 'room 1').map((r) => r.id)).toEqual(
      many.filter((r) => r.cells['name']!.startsWith('Room 1')).map((r) => r.id),
    );
  });

  it('gives a long list, prepared in turns after the filter opens, the rows an unprepared copy gives, at every turn', async () => {
    const pick = random(5);
    const many = Array.from({length: 20_500}, (_, i) => row(`p${i}`, word(pick, 'abcdefgh .', 5 + pick(30))));
    prepareFilter(many);
    const typed = ['abc', 'ab.cd', 'hgfa', 'h a', 'abcdefgh', 'ddccbbaahh'];
    for (let turn = 0; turn < 120; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (turn % 20 !== 0) continue;
      for (const query of typed)
        for (let n = 1; n <= query.length; n++) {
          const text = query.slice(0, n);
          expect(
            filterRows(many, text).map((r) => r.id),
            text,
          ).toEqual(filterRows([...many], text).map((r) => r.id));
        }
    }
  });

  it('falls back to fuzzy matches when no row contains the text', () => {
    expect(filterRows(rows, 'lisbxn').map((r) => r.id)).toEqual(['r0', 'r4']);
    expect(filterRows(rows, 'zzzzzz')).toEqual([]);
  });

  it('gives each keystroke of a typed filter the rows a fresh filter finds', () => {
    const pick = random(7);
    const many = Array.from({length: 2000}, (_, i) => row(`p${i}`, word(pick, 'abcdefgh .', 5 + pick(40))));
    const typed = 'abc.defgh';
    for (let n = 1; n <= typed.length; n++) {
      const text = typed.slice(0, n);
      const fresh = [...many];
      expect(
        filterRows(many, text).map((r) => r.id),
        text,
      ).toEqual(filterRows(fresh, text).map((r) => r.id));
      const texts = fresh.map((r) => r.cells['name']!.toLowerCase());
      const contains = fresh.filter((_, i) => texts[i]!.includes(text));
      const expected = contains.length > 0 ? contains : fuseMatches(texts, text).map((i) => fresh[i]!);
      expect(
        filterRows(many, text).map((r) => r.id),
        text,
      ).toEqual(expected.map((r) => r.id));
    }
  });

  it.each([
    ['without', false],
    ['with', true],
  ])(
    'gives each keystroke of a filter typed with typos the rows fuse finds among all of them, %s the filter prepared (its bigram index built)',
    async (_, prepared) => {
      const pick = random(9);
      const many = Array.from({length: 1500}, (_, i) => row(`p${i}`, word(pick, 'abcdefgh .', 5 + pick(40))));
      if (prepared) {
        prepareFilter(many);
        // The search texts and their index are made in turns of a few milliseconds.
        for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
      }
      const texts = many.map((r) => r.cells['name']!.toLowerCase());
      let fuzzy = 0;
      for (const typed of ['abxdefgh', 'bcdeefgha', 'hgfedcba', 'a.bcdxfgh.ab', 'ddccbbaahh']) {
        for (let n = 1; n <= typed.length; n++) {
          const text = typed.slice(0, n);
          const contains = many.filter((_, i) => texts[i]!.includes(text));
          const expected = contains.length > 0 ? contains : fuseMatches(texts, text).map((i) => many[i]!);
          if (contains.length === 0 && expected.length > 0) fuzzy++;
          expect(
            filterRows(many, text).map((r) => r.id),
            text,
          ).toEqual(expected.map((r) => r.id));
        }
      }
      // Only keystrokes that fuse answers test the narrowing.
      expect(fuzzy).toBeGreaterThan(10);
    },
  );
});
