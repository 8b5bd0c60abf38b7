// Where bytes stop being UTF-8. Text that is not UTF-8 is refused wherever it comes in (the store's
// files, deployment and script files, the command line), never decoded into U+FFFD: that would turn
// one name into another without a word.

const strict = new TextDecoder('utf-8', {fatal: true});

/** Byte offset of the first sequence that is not UTF-8 (RFC 3629), or -1 when all of `bytes` is. */
export function invalidUtf8At(bytes: Uint8Array): number {
  try {
    strict.decode(bytes);
    return -1;
  } catch {
    return firstBadSequence(bytes);
  }
}

function firstBadSequence(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const more =
      lead >= 0xc2 && lead <= 0xdf
        ? 1
        : lead >= 0xe0 && lead <= 0xef
          ? 2
          : lead >= 0xf0 && lead <= 0xf4
            ? 3
            : 0;
    if (more === 0) return i;
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k <= more; k += 1) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return -1;
}

/** The 1-based line that byte `offset` is on. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/** Whether `bytes` start with UTF-8's byte order mark (EF BB BF). */
export const startsWithBom = (bytes: Uint8Array): boolean =>
  bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
