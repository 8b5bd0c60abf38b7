// Host names of pools, servers and SQL stores, in the canonical form the state keeps: the
// RFC 1123 / RFC 1035 check itself lives with the SIP grammar in sip.ts.

import {hostNameProblem, normalizeHostName} from './sip.js';

/**
 * The canonical (lower-case, no trailing dot) form of a fully qualified domain name, or null when
 * the text is not one (at least two labels, top label starting with a letter, ASCII only).
 */
export const parseFqdn = (text: string): string | null =>
  hostNameProblem(text) === null ? normalizeHostName(text) : null;

export const isFqdn = (text: string): boolean => parseFqdn(text) !== null;

/** Case-insensitive FQDN comparison (a trailing dot does not matter). */
export const sameFqdn = (a: string, b: string): boolean => normalizeHostName(a) === normalizeHostName(b);
