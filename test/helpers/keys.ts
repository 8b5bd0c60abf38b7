// Key sequences as a terminal sends them, one whole sequence per write, and press() that yields
// to React and Ink between keys (a lone ESC is delivered on the next setImmediate).

export const keys = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
  esc: '\x1b',
  enter: '\r',
  tab: '\t',
  shiftTab: '\x1b[Z',
  backspace: '\x7f',
  space: ' ',
  ctrlC: '\x03',
  ctrlL: '\x0c',
  ctrlU: '\x15',
  ctrlD: '\x04',
  ctrlK: '\x0b',
  ctrlW: '\x17',
  ctrlR: '\x12',
  ctrlN: '\x0e',
} as const;

export const tick = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(() => setTimeout(resolve, 0));
  });

export interface KeyTarget {
  readonly stdin: {write(data: string): void};
}

/** Writes each key, then lets React 19 flush effects and Ink flush a pending ESC. */
export async function press(target: KeyTarget, ...sequence: readonly string[]): Promise<void> {
  for (const key of sequence) {
    target.stdin.write(key);
    await tick();
  }
}

/** Types text one character at a time, as a person would. */
export async function type(target: KeyTarget, text: string): Promise<void> {
  await press(target, ...[...text]);
}
