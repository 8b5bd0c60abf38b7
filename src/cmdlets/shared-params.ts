// Parameter specs that several cmdlets share. Each returns its exact shape (not the wide
// ParamSpec), so the cmdlets that spread them still get typed arguments.

import type {ParamSpec} from './types.js';

type Completes = ParamSpec['completes'];

export const forceParam = {
  type: 'switch',
  help: 'Suppresses warnings and confirmation prompts; never bypasses an error.',
} as const satisfies ParamSpec;

export const localStoreParam = {
  type: 'switch',
  help: 'Reads from the local replica of the Central Management store; the same data here.',
} as const satisfies ParamSpec;

/** The -Identity / -Filter pair of the topology Get cmdlets. */
export const getParams = (noun: string, example: string, completes: Completes) =>
  ({
    Identity: {
      type: 'string',
      position: 0,
      sets: ['Identity'],
      help: `Identity of the ${noun} (${example}); no wildcards. Omitted: all of them.`,
      ...(completes ? {completes} : {}),
    },
    Filter: {
      type: 'string',
      sets: ['Filter'],
      help: `Wildcard (* and ?) matched against the whole Identity, e.g. "site:*".`,
    },
    LocalStore: localStoreParam,
  }) as const satisfies Record<string, ParamSpec>;

/** The -Identity / -Instance pair every content Set, Remove and Clear cmdlet takes. */
export const identityParams = (kind: 'category' | 'room' | 'addin', noun: string, required = true) =>
  ({
    Identity: {
      type: 'string',
      help: `Identity of the ${noun}: <pool>\\<name>, or the name alone when it is unique across pools.`,
      position: 0,
      sets: ['Identity'],
      ...(required ? {required: ['Identity']} : {}),
      // Strings piped in bind here by value, objects from a Get cmdlet bind whole to Instance.
      pipeline: 'both',
      completes: kind,
    },
    Instance: {
      type: 'object',
      help: `A ${noun} object from the matching Get cmdlet (or its identity string), usually piped in.`,
      sets: ['Instance'],
      required: ['Instance'],
      pipeline: 'value',
    },
  }) as const satisfies Record<string, ParamSpec>;

export const asObjectParam = (what: string) =>
  ({
    type: 'switch',
    help: `Show (and accept) principals by Active Directory display name instead of SIP address in ${what}.`,
  }) as const satisfies ParamSpec;

export const resultSizeParam = {
  type: 'int',
  min: 0,
  max: 2147483647,
  help: 'Most objects to return (0 to 2147483647); 0 runs the command and returns nothing, more than there are returns all.',
} as const satisfies ParamSpec;

export const domainControllerParam = {
  type: 'string',
  help: 'Domain controller to read the directory from (a host name or FQDN); accepted for compatibility, one directory is shown.',
} as const satisfies ParamSpec;

export const credentialParam = {
  type: 'credential',
  help: 'Alternate credentials (from Get-Credential); accepted for compatibility, the operator role decides access.',
} as const satisfies ParamSpec;

export const tenantParam = {
  type: 'string',
  help: 'Skype for Business Online tenant GUID; accepted and ignored on premises (a malformed GUID is refused).',
} as const satisfies ParamSpec;

export const ldapFilterParam = (what: string) =>
  ({
    type: 'string',
    help: `LDAP filter over generic directory attributes of ${what} (l, department, title, displayName, objectClass, ...): "l=Springfield" or "(&(l=Springfield)(department=IT))"; * is a wildcard.`,
  }) as const satisfies ParamSpec;

export const ouParam = (what: string) =>
  ({
    type: 'string',
    help: `Distinguished name of an OU or container; only ${what} in it or in its child OUs are returned.`,
  }) as const satisfies ParamSpec;
