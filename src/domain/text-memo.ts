// A pure function of a string, remembered for the strings it was last asked about: a lookup over
// 50,000 users computes each user's comparison key once, not once a lookup. Bounded: the memory
// never grows with the input, only the hit rate falls.

export function memoizeText<V extends string | null>(
  compute: (text: string) => V,
  size = 1 << 17,
): (text: string) => V {
  let known = new Map<string, V>();
  return (text) => {
    const hit = known.get(text);
    if (hit !== undefined) return hit;
    const value = compute(text);
    if (known.size >= size) known = new Map();
    known.set(text, value);
    return value;
  };
}
