// The sizes of issue 12. S is the demo itself (data/demo); M and L add generated users, rooms and
// messages to it, so every line that works on the demo works on them too.

export interface Size {
  readonly rooms: number;
  readonly users: number;
  readonly messages: number;
}

export const SIZES = {
  S: {rooms: 6, users: 9, messages: 5},
  M: {rooms: 1_000, users: 5_000, messages: 100_000},
  L: {rooms: 10_000, users: 50_000, messages: 1_000_000},
} as const satisfies Record<string, Size>;

export type SizeName = keyof typeof SIZES;

export const isSizeName = (name: string): name is SizeName => Object.hasOwn(SIZES, name);

/** The demo's own counts: a size never goes below them. */
export const DEMO_SIZE: Size = SIZES.S;
