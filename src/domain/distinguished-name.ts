// Distinguished names (the deployment's directory entries), apart from the deployment's schema: the
// topology rules the cmdlets check need them without building that schema.

import {refusedCodePoint} from './text-fields.js';

// RFC 4514 in brief: attr=value pairs joined by commas; a value may escape a comma with a backslash.
const RDN = /^\s*[A-Za-z][A-Za-z0-9-]*\s*=\s*(?:[^,=\\]|\\.)+$/;
export const isDistinguishedName = (text: string): boolean =>
  refusedCodePoint(text) === null && text.length <= 2048 && splitDn(text).every((rdn) => RDN.test(rdn));

/** The RDNs of a DN, split at unescaped commas. */
export const splitDn = (text: string): string[] => text.split(/(?<!\\),/);
