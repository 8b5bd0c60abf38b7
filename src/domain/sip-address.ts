// SIP addresses of users, contacts and endpoints: `sip:user@host` per RFC 3261 section 19.1.

import {parseFqdn} from './fqdn.js';

// user = 1*( unreserved / escaped / user-unreserved ), RFC 3261 section 25.1.
const USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$/;
const UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;

export interface SipAddress {
  readonly user: string;
  readonly host: string;
  /** `sip:` + user + `@` + host, lower-case, escapes of unreserved characters decoded. */
  readonly canonical: string;
}

/**
 * Parses an address-of-record SIP URI (no port, parameters or headers, which an address of a
 * directory object never has), or returns null.
 */
// Spec note: RFC 3261 compares the user part case-sensitively, but Lync treats SIP addresses of
// directory objects case-insensitively and the rooms spec stores them lower-cased, so the canonical
// form (used for equality and uniqueness) lower-cases the user part too.
export const parseSipAddress = (text: string): SipAddress | null => {
  if (!/^sip:/i.test(text)) return null;
  const rest = text.slice(4);
  const at = rest.lastIndexOf('@');
  if (at <= 0) return null;
  const user = rest.slice(0, at);
  const host = parseFqdn(rest.slice(at + 1));
  if (!USER.test(user) || host === null || rest.slice(at + 1).endsWith('.')) return null;
  const decoded = user.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : escape.toUpperCase();
  });
  return {user, host, canonical: `sip:${decoded.toLowerCase()}@${host}`};
};

/** The canonical form of a SIP address, or null when it is not one. */
export const canonicalSipAddress = (text: string): string | null => parseSipAddress(text)?.canonical ?? null;

/** True when both are SIP addresses naming the same address of record. */
export const sameSipAddress = (a: string, b: string): boolean => {
  const left = canonicalSipAddress(a);
  return left !== null && left === canonicalSipAddress(b);
};
