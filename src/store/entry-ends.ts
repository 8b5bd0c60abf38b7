// The ends of an archived message entry: it must not start with a byte order mark, and its last line
// must end with a newline (the log reader leaves a last line without one unread, a torn append; in an
// archive that is a damaged entry). Both are refused before anything wrong with the entry's lines.
// The check of the lines notes the ends as it reads the entry (EndsSeen): reading them apart, the
// first bytes and the last byte each an open, a read and a close of the staged file, cost an import
// of L two of each for each of its 10,000 entries a pool, where only a refusal needs them (P6).

import {startsWithBom} from '../domain/utf8.js';

const NEWLINE = 0x0a;

/** As many of an entry's first bytes as startsWithBom reads. */
export const HEAD_BYTES = 3;

/**
 * What is wrong with an entry's ends, or null: `head` is its first HEAD_BYTES bytes (fewer when it
 * is shorter), `last` gives its last byte, undefined when it is empty, and is asked only once the
 * head is found sound.
 */
export function endsProblem(head: Uint8Array, last: () => number | undefined): string | null {
  if (startsWithBom(head)) return 'it starts with a byte order mark';
  const byte = last();
  return byte !== undefined && byte !== NEWLINE ? 'its last line has no newline' : null;
}

/** An entry's first bytes and last byte, noted from the chunks of its one read, given in order. */
export class EndsSeen {
  private readonly first = new Uint8Array(HEAD_BYTES);
  private firstLength = 0;
  private lastByte: number | undefined;

  see(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    for (let i = 0; this.firstLength < HEAD_BYTES && i < bytes.length; i++)
      this.first[this.firstLength++] = bytes[i] as number;
    this.lastByte = bytes[bytes.length - 1];
  }

  problem(): string | null {
    return endsProblem(this.first.subarray(0, this.firstLength), () => this.lastByte);
  }
}
