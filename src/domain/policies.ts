// Persistent Chat policies (topology-and-service.md section 6): Get/New/Set/Remove, and who a
// policy governs: the user's per-user (tag) policy, else their site's, else Global (section 1.4).
// Scopes: Global (always exists), Site:<name> and per-user Tag:<name> (a bare name is a tag).

import type {ChatState, DirectoryUser, Policy} from './types.js';
import {CmdletError, isCmdletError} from './errors.js';
import {assertTextField} from './text-fields.js';
import {isLyncEnabled} from './directory.js';
import {canonicalXdsIdentity, parseXdsIdentity, wildcardMatch, type XdsIdentityParts} from './identity.js';

export const GLOBAL_POLICY: Policy = {
  identity: 'Global',
  description: null,
  enablePersistentChat: false,
  rev: 0,
};

const POLICY_SCOPES = ['global', 'site', 'tag'] as const;

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Every policy, Global first (it exists even when the state holds no record of it yet). */
export function listPolicies(state: ChatState): Policy[] {
  const global = state.policies.find((p) => same(p.identity, 'Global')) ?? GLOBAL_POLICY;
  return [global, ...state.policies.filter((p) => !same(p.identity, 'Global'))];
}

/** Parses a policy identity (`global`, `site:X`, `tag:X`, bare `X`); a service scope is InvalidScope. */
export const parsePolicyIdentity = (text: string, parameter = 'Identity'): XdsIdentityParts =>
  parseXdsIdentity(text, {scopes: POLICY_SCOPES, parameter});

/** The tag name of a per-user policy identity (`Tag:X` → `X`), or null for Global and Site policies. */
export const tagNameOf = (policy: Pick<Policy, 'identity'>): string | null =>
  policy.identity.toLowerCase().startsWith('tag:') ? policy.identity.slice(4) : null;

export function findPolicy(state: ChatState, identity: string, parameter = 'Identity'): Policy {
  const canonical = canonicalXdsIdentity(parsePolicyIdentity(identity, parameter));
  const policy = listPolicies(state).find((p) => same(p.identity, canonical));
  if (!policy)
    throw new CmdletError('PolicyNotFound', `No Persistent Chat policy has the identity "${identity}".`, {
      target: identity,
      parameter,
    });
  return policy;
}

export interface GetPoliciesInput {
  readonly identity?: string;
  /** Wildcard over the whole Identity (`site:*`, `tag:*`). */
  readonly filter?: string;
}

export function getPolicies(state: ChatState, input: GetPoliciesInput): Policy[] {
  if (input.identity !== undefined && input.filter !== undefined) {
    throw new CmdletError('ParameterConflict', 'Use -Identity or -Filter, not both.', {parameter: 'Filter'});
  }
  if (input.identity !== undefined) return [findPolicy(state, input.identity)];
  const filter = input.filter;
  return filter === undefined
    ? listPolicies(state)
    : listPolicies(state).filter((p) => wildcardMatch(filter, p.identity));
}

/** Users holding the per-user policy (by assignment, whether or not they are enabled). */
export function assignedUsers(state: ChatState, policy: Pick<Policy, 'identity'>): DirectoryUser[] {
  const tag = tagNameOf(policy);
  return tag === null
    ? []
    : state.directory.users.filter(
        (u) => u.persistentChatPolicy !== null && same(u.persistentChatPolicy, tag),
      );
}

export interface NewPolicyInput {
  readonly identity: string;
  readonly enablePersistentChat?: boolean;
  readonly description?: string | null;
  readonly rev: number;
}

/** The canonical identity a new policy gets: the site's own spelling for `site:`, the tag as written. */
function identityForNew(state: ChatState, parts: XdsIdentityParts, text: string): string {
  if (parts.scope === 'global') {
    throw new CmdletError(
      'GlobalNotCreatable',
      'The Global policy always exists and cannot be created; use Set-CsPersistentChatPolicy.',
      {
        target: text,
        parameter: 'Identity',
      },
    );
  }
  if (parts.scope !== 'site') return canonicalXdsIdentity(parts);
  const site = state.topology.sites.find((s) => same(s.name, parts.name ?? ''));
  if (!site)
    throw new CmdletError('SiteNotFound', `There is no site named "${parts.name ?? ''}" in the topology.`, {
      target: text,
      parameter: 'Identity',
    });
  return `Site:${site.name}`;
}

export function newPolicy(state: ChatState, input: NewPolicyInput): {state: ChatState; output: Policy} {
  const identity = identityForNew(state, parsePolicyIdentity(input.identity), input.identity);
  if (listPolicies(state).some((p) => same(p.identity, identity))) {
    throw new CmdletError(
      'AlreadyExists',
      `A Persistent Chat policy with the identity "${identity}" already exists.`,
      {
        target: identity,
        parameter: 'Identity',
      },
    );
  }
  assertTextField(input.description, 'Description', 'description');
  const policy: Policy = {
    identity,
    description: input.description ?? null,
    enablePersistentChat: input.enablePersistentChat ?? false,
    rev: input.rev,
  };
  return {state: {...state, policies: [...state.policies, policy]}, output: policy};
}

export interface SetPolicyInput {
  /** Omitted = Global (documented). */
  readonly identity?: string;
  readonly enablePersistentChat?: boolean;
  /** null clears. */
  readonly description?: string | null;
  /** An object built by New -InMemory and never saved: create it when it does not exist. */
  readonly createIfMissing?: boolean;
  readonly rev: number;
}

/** Replaces one policy record (adding Global when the state had none). */
function putPolicy(state: ChatState, policy: Policy): ChatState {
  const exists = state.policies.some((p) => same(p.identity, policy.identity));
  return {
    ...state,
    policies: exists
      ? state.policies.map((p) => (same(p.identity, policy.identity) ? policy : p))
      : [policy, ...state.policies],
  };
}

// Spec note: Set with an -Instance from New -InMemory that was never saved creates it (topology spec 1.7).
/** Updates the given properties; the same state comes back when nothing changes. */
export function setPolicy(state: ChatState, input: SetPolicyInput): {state: ChatState; output: Policy} {
  const identity = input.identity ?? 'Global';
  if (
    input.createIfMissing &&
    !listPolicies(state).some((p) => same(p.identity, canonicalXdsIdentity(parsePolicyIdentity(identity))))
  ) {
    return newPolicy(state, {
      identity,
      enablePersistentChat: input.enablePersistentChat,
      description: input.description,
      rev: input.rev,
    });
  }
  const policy = findPolicy(state, identity);
  assertTextField(input.description, 'Description', 'description');
  const next: Policy = {
    ...policy,
    enablePersistentChat: input.enablePersistentChat ?? policy.enablePersistentChat,
    description: input.description === undefined ? policy.description : input.description,
  };
  if (next.enablePersistentChat === policy.enablePersistentChat && next.description === policy.description)
    return {state, output: policy};
  const saved = {...next, rev: input.rev};
  return {state: putPolicy(state, saved), output: saved};
}

export interface RemovePolicyOutput {
  /** The policy as it was before removal (for Global: before the reset). */
  readonly policy: Policy;
  /** Users whose per-user assignment was cleared. */
  readonly clearedUsers: readonly DirectoryUser[];
  readonly reset: boolean;
}

/**
 * Deletes a site or per-user policy; Global is reset to its defaults instead (documented).
 * Users holding a removed per-user policy lose the assignment and fall back to site or global;
 * the caller asks for confirmation first (see assignedUsers).
 */
export function removePolicy(
  state: ChatState,
  input: {identity: string; rev: number},
): {state: ChatState; output: RemovePolicyOutput} {
  const policy = findPolicy(state, input.identity);
  if (same(policy.identity, 'Global')) {
    const unchanged = !policy.enablePersistentChat && policy.description === null;
    const next = unchanged ? state : putPolicy(state, {...GLOBAL_POLICY, rev: input.rev});
    return {state: next, output: {policy, clearedUsers: [], reset: true}};
  }
  const cleared = assignedUsers(state, policy);
  const users = state.directory.users.map((u) =>
    cleared.includes(u) ? {...u, persistentChatPolicy: null} : u,
  );
  const next: ChatState = {
    ...state,
    policies: state.policies.filter((p) => p !== policy),
    directory: cleared.length === 0 ? state.directory : {...state.directory, users},
  };
  return {state: next, output: {policy, clearedUsers: cleared, reset: false}};
}

export type PolicySource = 'user' | 'site' | 'global';

/** The policy that governs a user and where it comes from. */
export function resolveEffectivePolicy(
  state: ChatState,
  user: DirectoryUser,
): {policy: Policy; source: PolicySource} {
  const policies = listPolicies(state);
  const assigned = user.persistentChatPolicy;
  // A dangling assignment (its policy was removed behind our back) falls through, as after Remove.
  const own =
    assigned === null
      ? undefined
      : policies.find((p) => tagNameOf(p) !== null && same(tagNameOf(p) ?? '', assigned));
  if (own) return {policy: own, source: 'user'};
  const site =
    user.site === null ? undefined : policies.find((p) => same(p.identity, `Site:${user.site ?? ''}`));
  if (site) return {policy: site, source: 'site'};
  return {policy: policies[0] ?? findPolicy(state, 'Global'), source: 'global'};
}

/** The policy that governs a user: their per-user policy, else their site's, else Global. */
export const effectivePolicy = (state: ChatState, user: DirectoryUser): Policy =>
  resolveEffectivePolicy(state, user).policy;

// Spec note: policies apply to users enabled for Lync; other directory users are not listed.
/** The users a policy actually governs (any accepted identity spelling; unknown → none). */
export function usersUnderPolicy(state: ChatState, policyIdentity: string): DirectoryUser[] {
  let policy: Policy;
  try {
    policy = findPolicy(state, policyIdentity);
  } catch (error) {
    if (isCmdletError(error)) return [];
    throw error;
  }
  return state.directory.users.filter(
    (u) => isLyncEnabled(u) && same(effectivePolicy(state, u).identity, policy.identity),
  );
}
