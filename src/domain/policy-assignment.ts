// Who a Persistent Chat policy governs: Grant-CsPersistentChatPolicy, and the precedence
// user (per-user tag) → site of the user → Global (topology-and-service.md section 1.4).

import type {ChatState, DirectoryUser, Policy} from './types.js';
import {CmdletError, isCmdletError} from './errors.js';
import {findUsersForChange, isLyncEnabled} from './directory.js';
import {findPolicy, listPolicies, tagNameOf} from './policies.js';
import {dnKey} from './dn.js';
import {isWildcard, parseUserId} from './user-id.js';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The stored tag name for Grant's -PolicyName: a `tag:` prefix is stripped; a Global or site
 * policy name, or a name no per-user policy has, fails with PolicyNotFound.
 */
export function grantablePolicyName(state: ChatState, policyName: string): string {
  const name = policyName.trim().replace(/^tag:\s*/i, '');
  const policy = listPolicies(state).find((p) => {
    const tag = tagNameOf(p);
    return tag !== null && same(tag, name);
  });
  if (!policy || name === '' || /^(global|site:|service:)/i.test(name)) {
    throw new CmdletError('PolicyNotFound', `No per-user Persistent Chat policy is named "${policyName}".`, {target: policyName, parameter: 'PolicyName'});
  }
  return tagNameOf(policy) ?? name;
}

export interface GrantPolicyInput {
  /** A UserIdParameter: SIP address, UPN, domain\logon, display name (with `*`), or DN. */
  readonly identity: string;
  /** The per-user policy's name; null unassigns. */
  readonly policyName: string | null;
}

/**
 * Assigns (or clears) the per-user policy of every user the identity names. All-or-nothing: a named
 * user that is not enabled for Lync makes the call fail with InvalidValue.
 */
export function grantPolicy(state: ChatState, input: GrantPolicyInput): {state: ChatState; output: DirectoryUser[]} {
  const tag = input.policyName === null ? null : grantablePolicyName(state, input.policyName);
  // Spec note: a wildcard selects among the users enabled for Lync; only a user named explicitly
  // can make the call fail for not being enabled.
  const named = findUsersForChange(state, input.identity);
  const users = isWildcard(parseUserId(input.identity)) ? named.filter(isLyncEnabled) : named;
  const disabled = users.find((u) => !isLyncEnabled(u));
  if (disabled) {
    throw new CmdletError('InvalidValue', `${disabled.displayName} is not enabled for Lync Server, so no policy can be assigned.`, {
      target: disabled.dn,
      parameter: 'Identity',
    });
  }
  const changing = new Set(users.filter((u) => u.persistentChatPolicy !== tag).map((u) => dnKey(u.dn)));
  if (changing.size === 0) return {state, output: users};
  const updated = state.directory.users.map((u) => (changing.has(dnKey(u.dn)) ? {...u, persistentChatPolicy: tag} : u));
  const output = users.map((u) => updated.find((x) => dnKey(x.dn) === dnKey(u.dn)) ?? u);
  return {state: {...state, directory: {...state.directory, users: updated}}, output};
}

export type PolicySource = 'user' | 'site' | 'global';

/** The policy that governs a user and where it comes from. */
export function resolveEffectivePolicy(state: ChatState, user: DirectoryUser): {policy: Policy; source: PolicySource} {
  const policies = listPolicies(state);
  const assigned = user.persistentChatPolicy;
  // A dangling assignment (its policy was removed behind our back) falls through, as after Remove.
  const own = assigned === null ? undefined : policies.find((p) => tagNameOf(p) !== null && same(tagNameOf(p) ?? '', assigned));
  if (own) return {policy: own, source: 'user'};
  const site = user.site === null ? undefined : policies.find((p) => same(p.identity, `Site:${user.site ?? ''}`));
  if (site) return {policy: site, source: 'site'};
  return {policy: policies[0] ?? findPolicy(state, 'Global'), source: 'global'};
}

/** The policy that governs a user: their per-user policy, else their site's, else Global. */
export const effectivePolicy = (state: ChatState, user: DirectoryUser): Policy => resolveEffectivePolicy(state, user).policy;

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
  return state.directory.users.filter((u) => isLyncEnabled(u) && same(effectivePolicy(state, u).identity, policy.identity));
}
