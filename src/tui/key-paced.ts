// What another process committed, read while the operator types, is drawn in the next key's frame
// instead of a frame of its own (issue 12: the console while another process commits).
//
// Ink draws at most one frame in 33 ms, and its throttle starts the 33 ms again at every render
// asked for inside them: a key that came within 33 ms of a read's frame had its own frame held back
// 33 ms from the key, whatever the key cost. With a read five times a second and keys 60 ms after
// each frame (the bench's P3-commits), 25 to 44 of 275 keys were held so under load. A key's render
// is one batch (Ink's input handler), so the data it applies first costs no frame of its own. While
// no key comes, a read is drawn at once, as before.

/** What is applied, by the next key or once keys pause. */
type Apply = () => void;

export class KeyPaced {
  private readonly quietMs: number;
  private lastKey = -Infinity;
  /** Whether a key was handled since the last frame was drawn. */
  private keyed = false;
  private held: {readonly apply: Apply; readonly done: () => void} | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `quietMs`: how long after a key (its frame, once drawn) a read waits for the next key before it is drawn alone. */
  constructor(quietMs: number) {
    this.quietMs = quietMs;
  }

  /** A key is being handled: what was held is applied first, in the key's own render. */
  key(): void {
    this.lastKey = performance.now();
    this.keyed = true;
    this.flush();
  }

  /**
   * A frame was drawn: a key's moves the pause's start to it. A key's render can take longer than
   * quietMs (a first visit to the 50,000 principals: 130 ms on L); counted from the key alone, a read
   * held meanwhile was drawn alone just before the operator's next key, whose frame Ink then held up to
   * 33 ms (issue 12: one key a run of P3-commits).
   */
  drawn(): void {
    if (!this.keyed) return;
    this.keyed = false;
    this.lastKey = performance.now();
  }

  /**
   * Applies `apply` now when no key came in the last quietMs, else with the next key or when keys
   * pause; a later call replaces what an earlier one held (it read the same commits and more).
   * Resolves once it is applied or replaced.
   */
  soon(apply: Apply): Promise<void> {
    const replaced = this.held;
    const applied = new Promise<void>((done) => {
      this.held = {apply, done};
    });
    replaced?.done();
    this.wait();
    return applied;
  }

  /** Drops what is held, unapplied. */
  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const held = this.held;
    this.held = null;
    held?.done();
  }

  private wait(): void {
    if (this.held === null || this.timer !== null) return;
    const wait = this.lastKey + this.quietMs - performance.now();
    if (wait <= 0) return this.flush();
    this.timer = setTimeout(() => {
      this.timer = null;
      // A key since the timer was set moved the pause on.
      this.wait();
    }, wait);
  }

  private flush(): void {
    const held = this.held;
    if (held === null) return;
    this.held = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    try {
      held.apply();
    } finally {
      held.done();
    }
  }
}
