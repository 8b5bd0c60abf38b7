// A set of ids in 8 bytes each rather than a string each: a removal backup may hold a million
// messages, and restoring it streams them. Ids are hashed to 53 bits; a hit may be a collision
// (about one chance in 2^53 for a given pair), so callers confirm a hit where a wrong answer matters.

/** Two 32-bit FNV-style hashes of the UTF-16 units, folded into one safe integer. */
export const idHash = (id: string): number => {
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f;
  for (let i = 0; i < id.length; i++) {
    const unit = id.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return (b >>> 11) * 0x100000000 + (a >>> 0);
};

export class IdHashSet {
  private readonly keys: Float64Array;

  constructor(ids: Iterable<string>) {
    const hashes: number[] = [];
    for (const id of ids) hashes.push(idHash(id));
    this.keys = Float64Array.from(hashes).sort();
  }

  get size(): number {
    return this.keys.length;
  }

  has(id: string): boolean {
    const key = idHash(id);
    let low = 0;
    let high = this.keys.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = this.keys[mid] as number;
      if (at === key) return true;
      if (at < key) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }
}
