// A deployment file's bytes, split as they are read: each entry of the top-level `messages` array is
// handed over on its own, with where it starts, and the rest of the document is kept with `"messages":
// []` in place of the array. So a file with a million messages is never held whole: memory is bounded
// by the largest entry and by the rest (topology and directory), each with its own limit.
//
// The splitter only finds where entries begin and end (strings, escapes, nesting); whether an entry
// or the rest is valid JSON is left to the parser the caller runs on each piece. Any byte it cannot
// place (a comma where an entry should be, a file that ends inside the array) is refused with its
// position.

export interface SplitLimits {
  /** The largest entry of `messages`, in bytes. */
  readonly maxItemBytes: number;
  /** The largest rest of the document, in bytes. */
  readonly maxRestBytes: number;
  /** The deepest nesting of arrays and objects anywhere in the document. */
  readonly maxDepth: number;
}

export interface SplitItem {
  readonly bytes: Uint8Array;
  /** Its index in `messages`. */
  readonly index: number;
  /** Byte offset of its first byte in the file. */
  readonly offset: number;
  /** 1-based line of its first byte. */
  readonly line: number;
}

/** Where the file cannot be split; the message says where. */
export class SplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SplitError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const MESSAGES = new TextEncoder().encode('messages');

const isSpace = (b: number): boolean => b === 0x20 || b === NEWLINE || b === 0x0d || b === 0x09;

const Mode = {rest: 0, gap: 1, item: 2} as const;
type Mode = (typeof Mode)[keyof typeof Mode];

const Gap = {none: 0, close: 1, item: 2} as const;
type Gap = (typeof Gap)[keyof typeof Gap];

/** Where a key of the top-level object is: before it, inside it, after it, after its colon. */
const Key = {none: 0, expect: 1, inside: 2, after: 3, colon: 4} as const;
type Key = (typeof Key)[keyof typeof Key];

export class DeploymentSplitter {
  private offset = 0;
  private line = 1;
  private mode: Mode = Mode.rest;
  private depth = 0;
  private topIsObject = false;
  private inString = false;
  private escaped = false;
  private key: Key = Key.none;
  /** How many bytes of the current top-level key match `messages`; -1 once one does not. */
  private keyMatch = 0;
  private readonly rest: Uint8Array[] = [];
  private restBytes = 0;
  private expectItem = false;
  private afterComma = false;
  private index = 0;
  private readonly item: Uint8Array[] = [];
  private itemBytes = 0;
  private itemOffset = 0;
  private itemLine = 0;
  private itemDepth = 0;
  private itemPrimitive = false;

  private readonly limits: SplitLimits;
  private readonly onItem: (item: SplitItem) => void;

  constructor(limits: SplitLimits, onItem: (item: SplitItem) => void) {
    this.limits = limits;
    this.onItem = onItem;
  }

  /** The chunk may be reused by the caller once this returns. */
  push(chunk: Uint8Array): void {
    let runStart = this.mode === Mode.item ? -1 : 0;
    let itemStart = this.mode === Mode.item ? 0 : -1;
    for (let i = 0; i < chunk.length; i += 1) {
      const b = chunk[i]!;
      if (this.mode === Mode.item) {
        const end = this.itemStep(b);
        if (end === 0) {
          if (b === NEWLINE) this.line += 1;
          continue;
        }
        // 1: the entry ends with this byte; -1: it ended before it (a bare number or word).
        this.finishItem(chunk.subarray(itemStart, end === 1 ? i + 1 : i));
        itemStart = -1;
        if (end === 1) continue;
      }
      if (b === NEWLINE) this.line += 1;
      if (this.mode === Mode.gap) {
        const step = this.gapStep(b, i);
        if (step === Gap.close) {
          runStart = i;
          this.mode = Mode.rest;
          this.depth -= 1;
          this.key = Key.none;
        } else if (step === Gap.item) {
          itemStart = i;
          if (this.itemStep(b) === 1) {
            this.finishItem(chunk.subarray(i, i + 1));
            itemStart = -1;
          }
        }
        continue;
      }
      if (this.restStep(b, i)) {
        this.keepRest(chunk.subarray(runStart, i + 1));
        runStart = -1;
        this.mode = Mode.gap;
        this.expectItem = true;
        this.afterComma = false;
      }
    }
    if (this.mode === Mode.rest && runStart >= 0) this.keepRest(chunk.subarray(runStart));
    if (this.mode === Mode.item && itemStart >= 0) this.keepItem(chunk.subarray(itemStart));
    this.offset += chunk.length;
  }

  /** The rest of the document, once every byte has been pushed. */
  end(): Uint8Array {
    if (this.mode !== Mode.rest)
      throw new SplitError(`the file ends inside messages (at messages[${this.index}], line ${this.line}).`);
    return concat(this.rest, this.restBytes);
  }

  /** True when the byte opens the top-level `messages` array. */
  private restStep(b: number, i: number): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (b === BACKSLASH) this.escaped = true;
      else if (b === QUOTE) {
        this.inString = false;
        if (this.key === Key.inside) {
          this.key = Key.after;
          if (this.keyMatch !== MESSAGES.length) this.keyMatch = -1;
        }
      }
      if (this.key === Key.inside && this.keyMatch >= 0)
        this.keyMatch = MESSAGES[this.keyMatch] === b ? this.keyMatch + 1 : -1;
      return false;
    }
    if (isSpace(b)) return false;
    const atTop = this.depth === 1 && this.topIsObject;
    if (atTop && this.key === Key.colon) {
      this.key = Key.none;
      if (b === OPEN_ARRAY && this.keyMatch === MESSAGES.length) {
        this.depth += 1;
        this.checkDepth(this.depth, i);
        return true;
      }
    }
    if (b === QUOTE) {
      this.inString = true;
      if (atTop && this.key === Key.expect) {
        this.key = Key.inside;
        this.keyMatch = 0;
      }
    } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (this.depth === 0) this.topIsObject = b === OPEN_OBJECT;
      this.depth += 1;
      this.checkDepth(this.depth, i);
      if (this.depth === 1 && this.topIsObject) this.key = Key.expect;
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
      this.depth -= 1;
    } else if (atTop && b === COMMA) {
      this.key = Key.expect;
    } else if (atTop && b === COLON && this.key === Key.after) {
      this.key = Key.colon;
    }
    return false;
  }

  /** Between entries: the byte closes the array, starts an entry, or is a comma or a space. */
  private gapStep(b: number, i: number): Gap {
    if (isSpace(b)) return Gap.none;
    if (b === CLOSE_ARRAY) {
      if (this.afterComma) throw this.misplaced('a comma before the closing ]', i);
      return Gap.close;
    }
    if (b === COMMA) {
      if (this.expectItem) throw this.misplaced('a comma where an entry should be', i);
      this.expectItem = true;
      this.afterComma = true;
      return Gap.none;
    }
    if (!this.expectItem) throw this.misplaced('a missing comma between two entries', i);
    this.mode = Mode.item;
    this.itemOffset = this.offset + i;
    this.itemLine = this.line;
    this.itemDepth = 0;
    this.inString = false;
    this.escaped = false;
    this.itemPrimitive = b !== OPEN_OBJECT && b !== OPEN_ARRAY && b !== QUOTE;
    return Gap.item;
  }

  /** 0: the entry goes on; 1: it ends with this byte; -1: it ended just before this byte. */
  private itemStep(b: number): -1 | 0 | 1 {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (b === BACKSLASH) this.escaped = true;
      else if (b === QUOTE) {
        this.inString = false;
        if (this.itemDepth === 0) return 1;
      }
      return 0;
    }
    if (b === QUOTE) this.inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      this.itemDepth += 1;
      this.checkDepth(this.depth + this.itemDepth, this.itemOffset - this.offset);
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
      if (this.itemDepth === 0) return -1;
      this.itemDepth -= 1;
      if (this.itemDepth === 0) return 1;
    } else if (this.itemDepth === 0 && (b === COMMA || (this.itemPrimitive && isSpace(b)))) return -1;
    return 0;
  }

  private keepRest(bytes: Uint8Array): void {
    this.restBytes += bytes.length;
    if (this.restBytes > this.limits.maxRestBytes)
      throw new SplitError(
        `the document without its messages is over ${this.limits.maxRestBytes} bytes (at line ${this.line}).`,
      );
    this.rest.push(new Uint8Array(bytes)); // a copy: the caller reuses its chunk (and Buffer#slice would not copy)
  }

  private keepItem(bytes: Uint8Array): void {
    this.itemBytes += bytes.length;
    if (this.itemBytes > this.limits.maxItemBytes)
      throw new SplitError(
        `messages[${this.index}] (line ${this.itemLine}, byte offset ${this.itemOffset}) is over ${this.limits.maxItemBytes} bytes.`,
      );
    this.item.push(new Uint8Array(bytes));
  }

  private finishItem(last: Uint8Array): void {
    this.keepItem(last);
    const bytes = concat(this.item, this.itemBytes);
    this.item.length = 0;
    this.itemBytes = 0;
    this.mode = Mode.gap;
    this.expectItem = false;
    this.afterComma = false;
    const index = this.index;
    this.index += 1;
    this.onItem({bytes, index, offset: this.itemOffset, line: this.itemLine});
  }

  private checkDepth(depth: number, i: number): void {
    if (depth > this.limits.maxDepth)
      throw new SplitError(
        `arrays and objects are nested more than ${this.limits.maxDepth} deep (line ${this.line}, byte offset ${this.offset + i}).`,
      );
  }

  private misplaced(what: string, i: number): SplitError {
    return new SplitError(
      `messages has ${what} (after messages[${this.index - 1}], line ${this.line}, byte offset ${this.offset + i}).`,
    );
  }
}

function concat(parts: readonly Uint8Array[], bytes: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
