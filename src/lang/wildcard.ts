// PowerShell wildcards (`*`, `?`, `[a-z]`, backtick escapes), case-insensitive, matched with a
// linear-time two-pointer algorithm instead of a regular expression, so no pattern can make
// matching slow.

import {CmdletError} from '../domain/errors.js';

type Part =
  | {readonly kind: 'star'}
  | {readonly kind: 'one'}
  | {readonly kind: 'set'; readonly test: (ch: string) => boolean}
  | {readonly kind: 'char'; readonly ch: string};

export const hasWildcard = (text: string): boolean => /[*?[]/.test(text);

const cache = new Map<string, readonly Part[]>();

export function matchWildcard(pattern: string, text: string): boolean {
  const parts = compile(pattern);
  const chars = Array.from(text.toLowerCase());
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < chars.length) {
    const part = parts[p];
    if (part?.kind === 'star') {
      starP = p;
      starT = t;
      p += 1;
    } else if (part && matchesOne(part, chars[t]!)) {
      p += 1;
      t += 1;
    } else if (starP >= 0) {
      // Let the last star swallow one more character and retry from there.
      p = starP + 1;
      starT += 1;
      t = starT;
    } else {
      return false;
    }
  }
  while (parts[p]?.kind === 'star') p += 1;
  return p === parts.length;
}

const matchesOne = (part: Part, ch: string): boolean => {
  switch (part.kind) {
    case 'one':
      return true;
    case 'char':
      return part.ch === ch;
    case 'set':
      return part.test(ch);
    case 'star':
      return false;
  }
};

function compile(pattern: string): readonly Part[] {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const chars = Array.from(pattern.toLowerCase());
  const parts: Part[] = [];
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i]!;
    if (ch === '*') {
      if (parts.at(-1)?.kind !== 'star') parts.push({kind: 'star'});
    } else if (ch === '?') {
      parts.push({kind: 'one'});
    } else if (ch === '`' && i + 1 < chars.length) {
      i += 1;
      parts.push({kind: 'char', ch: chars[i]!});
    } else if (ch === '[') {
      const close = chars.indexOf(']', i + 2);
      if (close < 0)
        throw new CmdletError(
          'InvalidValue',
          `The wildcard pattern "${pattern}" is not valid: a '[' has no closing ']'.`,
        );
      parts.push({kind: 'set', test: charSet(chars.slice(i + 1, close))});
      i = close;
    } else {
      parts.push({kind: 'char', ch});
    }
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, parts);
  return parts;
}

/** `[abc]` and `[a-z]` (already lower-cased). */
function charSet(body: readonly string[]): (ch: string) => boolean {
  const singles = new Set<string>();
  const ranges: [number, number][] = [];
  for (let i = 0; i < body.length; i += 1) {
    if (body[i + 1] === '-' && i + 2 < body.length) {
      ranges.push([body[i]!.codePointAt(0)!, body[i + 2]!.codePointAt(0)!]);
      i += 2;
    } else {
      singles.add(body[i]!);
    }
  }
  return (ch) => {
    const code = ch.codePointAt(0)!;
    return singles.has(ch) || ranges.some(([from, to]) => code >= from && code <= to);
  };
}
