// Exit status of `pchat` (contract section 1).
export const EXIT = {
  ok: 0,
  /** Some line failed: a cmdlet error, a parse error, a denied role. */
  failed: 1,
  /** A usage error of pchat itself. */
  usage: 2,
  /** The store could not be used: locked past the wait, damaged, unsafe permissions. */
  store: 3,
} as const;
