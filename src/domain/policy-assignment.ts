// Grant-CsPersistentChatPolicy (topology-and-service.md section 6.5): per-user policy assignment.

import type {ChatState, DirectoryUser} from './types.js';
import {replaceItems} from './collection-index.js';
import {CmdletError} from './errors.js';
import {findUsersForChange, isLyncEnabled} from './directory.js';
import {listPolicies, tagNameOf} from './policies.js';
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
    throw new CmdletError('PolicyNotFound', `No per-user Persistent Chat policy is named "${policyName}".`, {
      target: policyName,
      parameter: 'PolicyName',
    });
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
export function grantPolicy(
  state: ChatState,
  input: GrantPolicyInput,
): {state: ChatState; output: DirectoryUser[]} {
  const tag = input.policyName === null ? null : grantablePolicyName(state, input.policyName);
  // Spec note: a wildcard selects among the users enabled for Lync; only a user named explicitly
  // can make the call fail for not being enabled.
  const named = findUsersForChange(state, input.identity);
  const users = isWildcard(parseUserId(input.identity)) ? named.filter(isLyncEnabled) : named;
  const disabled = users.find((u) => !isLyncEnabled(u));
  if (disabled) {
    throw new CmdletError(
      'InvalidValue',
      `${disabled.displayName} is not enabled for Lync Server, so no policy can be assigned.`,
      {
        target: disabled.dn,
        parameter: 'Identity',
      },
    );
  }
  // The users found are the directory's own objects, and no two of them share a DN (deployment
  // rules), so each is matched by identity: no DN is parsed again for each of 50,000 users.
  const changing = new Set(users.filter((u) => u.persistentChatPolicy !== tag));
  if (changing.size === 0) return {state, output: users};
  const now = new Map<DirectoryUser, DirectoryUser>();
  for (const u of changing) now.set(u, {...u, persistentChatPolicy: tag});
  const updated = replaceItems(state.directory.users, now);
  const output = users.map((u) => now.get(u) ?? u);
  return {state: {...state, directory: {...state.directory, users: updated}}, output};
}
