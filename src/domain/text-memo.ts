// A pure function of a string, remembered for the strings it was last asked about: a lookup over
// 50,000 users computes each user's comparison key once, not once a lookup. Bounded: the memory
// never grows with the input, only the hit rate falls.

export function memoizeText(compute: (text: string) => string, size = 1 << 17): (text: string) => string {
  let known = new Map<string, string>();
  return (text) => {
    const hit = known.get(text);
    if (hit !== undefined) return hit;
    const value = compute(text);
    if (known.size >= size) known = new Map();
    known.set(text, value);
    return value;
  };
}
