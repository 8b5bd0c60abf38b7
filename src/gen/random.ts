// A seeded source of choices, so that a size and a seed always give the same store, byte for byte
// (apart from the operator, who is the user running the generator).

export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An integer in [0, n). */
  readonly below: (n: number) => number;
  readonly pick: <T>(items: readonly T[]) => T;
  /** Up to `n` distinct items, in the order drawn. */
  readonly sample: <T>(items: readonly T[], n: number) => T[];
  /** A version-4-shaped UUID, as the store's other ids are. */
  readonly uuid: () => string;
}

/** mulberry32: tiny, fast and good enough for test data; not for anything secret. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number): number => Math.floor(next() * n);
  /** `digits` (at most 8) random hex digits from one draw. */
  const hex = (digits: number): string =>
    Math.floor(next() * 16 ** digits)
      .toString(16)
      .padStart(digits, '0');
  return {
    next,
    below,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('Cannot pick from an empty list.');
      return items[below(items.length)] as T;
    },
    sample: <T>(items: readonly T[], n: number): T[] => {
      const chosen = new Set<number>();
      const want = Math.min(n, items.length);
      while (chosen.size < want) chosen.add(below(items.length));
      return [...chosen].map((i) => items[i] as T);
    },
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[below(4)]}${hex(3)}-${hex(6)}${hex(6)}`,
  };
}
