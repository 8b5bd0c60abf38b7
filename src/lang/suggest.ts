// "Did you mean ...?" for mistyped command names: the closest name by edit distance.

export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({length: y.length + 1}, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** The closest candidate, if it is close enough to be what was meant. */
export function closestName(typed: string, candidates: readonly string[]): string | null {
  if (typed.length > 200) return null;
  const limit = Math.max(2, Math.floor(typed.length / 4));
  let best: {name: string; distance: number} | null = null;
  for (const name of candidates) {
    const distance = editDistance(typed, name);
    if (distance <= limit && (best === null || distance < best.distance)) best = {name, distance};
  }
  return best?.name ?? null;
}
