// Distinguished names (RFC 4514) as the directory uses them: parsing, a comparison key, and the
// parent/child relations that -OU, domains and principal classification need.

import {memoizeText} from './text-memo.js';

export interface Rdn {
  readonly type: string;
  readonly value: string;
}

const ATTRIBUTE_TYPE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)$/;

/** Splits at separators that are not escaped with a backslash; null when an escape is cut off. */
function splitUnescaped(text: string, separator: string): string[] | null {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (ch === '\\') {
      if (i + 1 >= text.length) return null;
      current += ch + text.charAt(i + 1);
      i += 1;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

const unescapeValue = (value: string): string =>
  value.replace(/\\([0-9A-Fa-f]{2}|.)/g, (_all, esc: string) =>
    esc.length === 2 ? String.fromCharCode(parseInt(esc, 16)) : esc,
  );

/**
 * Parses a DN into its RDNs, most specific first; null when it is not a DN. An unescaped `=` inside
 * a value is refused, so a typo such as `CN=Group.OU=IT,DC=example,DC=org` is not read as a name.
 */
export function parseDn(text: string): readonly Rdn[] | null {
  const parts = splitUnescaped(text, ',');
  if (!parts || text.trim() === '') return null;
  const rdns: Rdn[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const type = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    if (!ATTRIBUTE_TYPE.test(type) || raw === '') return null;
    const pieces = splitUnescaped(raw, '=');
    if (!pieces || pieces.length > 1) return null;
    rdns.push({type, value: unescapeValue(raw)});
  }
  return rdns;
}

export const isDn = (text: string): boolean => parseDn(text) !== null;

const escapeValue = (value: string): string => value.replace(/[,=+<>#;"\\]/g, (ch) => `\\${ch}`);

const format = (rdns: readonly Rdn[]): string =>
  rdns.map((r) => `${r.type}=${escapeValue(r.value)}`).join(',');

/** Directory comparison is case-insensitive and ignores spaces around separators. */
export const dnKey = memoizeText((text: string): string => {
  const rdns = parseDn(text);
  return rdns ? format(rdns).toLowerCase() : text.trim().toLowerCase();
});

export const sameDn = (a: string, b: string): boolean => dnKey(a) === dnKey(b);

/** The DN of the containing object, or null for a top-level one. */
export function parentDn(text: string): string | null {
  const rdns = parseDn(text);
  return rdns && rdns.length > 1 ? format(rdns.slice(1)) : null;
}

/** True when `dn` lies anywhere below `base` (not when it is `base` itself). */
export function isDnUnder(dn: string, base: string): boolean {
  const child = dnKey(dn);
  const parent = dnKey(base);
  return child.length > parent.length && child.endsWith(`,${parent}`);
}

/** The `DC=` suffix of a DN (the domain it lives in), or null when it has none. */
export function domainDnOf(text: string): string | null {
  const rdns = parseDn(text);
  if (!rdns) return null;
  let start = rdns.length;
  while (start > 0 && rdns[start - 1]?.type.toLowerCase() === 'dc') start -= 1;
  return start < rdns.length ? format(rdns.slice(start)) : null;
}

/** The first RDN: `CN=Ana Silva,OU=IT,...` → {type: 'CN', value: 'Ana Silva'}. */
export const firstRdn = (text: string): Rdn | null => parseDn(text)?.[0] ?? null;

/** `DC=example,DC=org` → `example.org`. */
export function dnsNameOfDomain(domainDn: string): string {
  return (parseDn(domainDn) ?? []).map((r) => r.value).join('.');
}

/** `example.org` → `DC=example,DC=org`. */
export const domainDnFromDnsName = (name: string): string =>
  name
    .split('.')
    .filter((label) => label !== '')
    .map((label) => `DC=${label}`)
    .join(',');
