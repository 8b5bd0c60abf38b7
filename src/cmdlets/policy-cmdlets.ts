// Get/New/Set/Remove/Grant-CsPersistentChatPolicy (topology-and-service.md section 6).

import {CmdletError} from '../domain/errors.js';
import {
  assignedUsers,
  findPolicy,
  getPolicies,
  newPolicy,
  removePolicy,
  setPolicy,
} from '../domain/policies.js';
import type {CmdletSpec, ParamSpec, PsObject, Value} from './types.js';
import {policyObject} from './principal-output.js';
import {grantPolicyCmdlet} from './principal-grant-cmdlet.js';
import {defineCmdlet} from './define-cmdlet.js';
import {identityArg, identityOrFilter} from './target-identity.js';
import {tenantParam} from './shared-params.js';
import {checkPlumbing} from './directory-args.js';

const enableParam = {
  type: 'bool',
  help: 'Whether users governed by the policy may use Persistent Chat ($True or $False).',
} as const satisfies ParamSpec;
const descriptionParam = {
  type: 'string',
  nullable: true,
  help: 'Free text explaining the policy; $Null clears it.',
} as const satisfies ParamSpec;
const forceParam = (help: string) => ({type: 'switch', help}) as const satisfies ParamSpec;

const getPolicyCmdlet = defineCmdlet({
  name: 'Get-CsPersistentChatPolicy',
  summary: 'Returns Persistent Chat policies: whether the users they govern may use Persistent Chat.',
  description:
    'Scopes: Global (always present), Site:<name> and per-user policies (Tag:<name>, or the bare name).',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      sets: ['Identity'],
      completes: 'policy',
      help: 'Global, site:<name> or a per-user policy name; no wildcards.',
    },
    Filter: {
      type: 'string',
      sets: ['Filter'],
      help: 'Wildcard over the whole Identity, such as "site:*" or "tag:*".',
    },
    LocalStore: {
      type: 'switch',
      help: 'Read from the local replica of the Central Management store (the same data here).',
    },
    Tenant: tenantParam,
  },
  parameterSets: ['Identity', 'Filter'],
  examples: [
    {
      code: 'Get-CsPersistentChatPolicy',
      remarks: 'Lists every Persistent Chat policy: Global, site and per-user.',
    },
    {
      code: 'Get-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy"',
      remarks: 'Returns only the per-user policy DC1PersistentChatPolicy.',
    },
    {
      code: 'Get-CsPersistentChatPolicy -Filter "site:*"',
      remarks: 'Returns the policies configured at the site scope.',
    },
    {
      code: 'Get-CsPersistentChatPolicy | Where-Object {$_.EnablePersistentChat -eq $True}',
      remarks: 'Returns the policies that let their users use Persistent Chat.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    checkPlumbing(args);
    for (const policy of getPolicies(ctx.state, identityOrFilter(args))) ctx.write(policyObject(policy));
  },
});

const newPolicyCmdlet = defineCmdlet({
  name: 'New-CsPersistentChatPolicy',
  summary: 'Creates a site or per-user Persistent Chat policy (the Global policy always exists).',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      required: true,
      help: 'site:<name> for a site policy, or a name (optionally tag:<name>) for a per-user policy.',
    },
    EnablePersistentChat: enableParam,
    Description: descriptionParam,
    InMemory: {
      type: 'switch',
      help: 'Build the policy object without saving it; save it later with Set-CsPersistentChatPolicy -Instance.',
    },
    Force: forceParam('Accepted for compatibility; creating a policy never asks.'),
    Tenant: tenantParam,
  },
  examples: [
    {
      code: 'New-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy" -EnablePersistentChat $True',
      remarks:
        'Creates a per-user policy that enables Persistent Chat; assign it with Grant-CsPersistentChatPolicy.',
    },
    {
      code: 'New-CsPersistentChatPolicy -Identity "site:DC1" -EnablePersistentChat $True',
      remarks:
        'Creates the policy of site DC1: it governs the users of that site who have no per-user policy.',
    },
  ],
  permission: 'policies',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  run(ctx, args) {
    checkPlumbing(args);
    const {state, output} = newPolicy(ctx.state, {
      identity: args.Identity ?? '',
      ...(args.EnablePersistentChat !== undefined ? {enablePersistentChat: args.EnablePersistentChat} : {}),
      description: args.Description ?? null,
      rev: ctx.nextRevision,
    });
    if (!args.InMemory) {
      if (!ctx.shouldProcess(output.identity, 'New-CsPersistentChatPolicy')) return;
      ctx.setState(state, [output.identity]);
    }
    ctx.write(policyObject(output));
  },
});

/** The values a Set applies: the piped instance's, overridden by the parameters given. */
function setValues(args: {
  readonly Instance?: Value;
  readonly EnablePersistentChat?: boolean;
  readonly Description?: string | null;
}): {enablePersistentChat?: boolean; description?: string | null} {
  const instance =
    typeof args.Instance === 'object' && args.Instance !== null ? (args.Instance as PsObject) : {};
  const enable = args.EnablePersistentChat;
  const description = args.Description;
  return {
    ...(enable !== undefined ? {enablePersistentChat: enable} : {}),
    ...(description !== undefined ? {description} : {}),
    ...(enable === undefined && typeof instance['EnablePersistentChat'] === 'boolean'
      ? {enablePersistentChat: instance['EnablePersistentChat']}
      : {}),
    ...(description === undefined && 'Description' in instance
      ? {description: typeof instance['Description'] === 'string' ? instance['Description'] : null}
      : {}),
  };
}

const setPolicyCmdlet = defineCmdlet({
  name: 'Set-CsPersistentChatPolicy',
  summary: 'Changes a Persistent Chat policy; without -Identity it changes the Global policy.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      sets: ['Identity'],
      pipeline: 'property',
      completes: 'policy',
      help: 'Global, site:<name> or a per-user policy name; omitted = Global.',
    },
    Instance: {
      type: 'object',
      sets: ['Instance'],
      required: ['Instance'],
      pipeline: 'value',
      help: 'A policy object from Get-CsPersistentChatPolicy (or New -InMemory), usually piped in.',
    },
    EnablePersistentChat: enableParam,
    Description: descriptionParam,
    Force: forceParam('Accepted for compatibility; changing a policy never asks.'),
    Tenant: tenantParam,
  },
  parameterSets: ['Identity', 'Instance'],
  examples: [
    {
      code: 'Set-CsPersistentChatPolicy -Identity "global" -EnablePersistentChat $True',
      remarks:
        'Enables Persistent Chat in the Global policy, for everyone without a site or per-user policy.',
    },
    {
      code: 'Get-CsPersistentChatPolicy | Set-CsPersistentChatPolicy -EnablePersistentChat $True',
      remarks: 'Enables Persistent Chat in every policy.',
    },
  ],
  permission: 'policies',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    checkPlumbing(args);
    const identity = identityArg(args);
    const {state, output} = setPolicy(ctx.state, {
      ...(identity === undefined ? {} : {identity}),
      ...setValues(args),
      createIfMissing: args.Instance !== undefined,
      rev: ctx.nextRevision,
    });
    if (!ctx.shouldProcess(output.identity, 'Set-CsPersistentChatPolicy')) return;
    if (state !== ctx.state) ctx.setState(state, [output.identity]);
  },
});

const removePolicyCmdlet = defineCmdlet({
  name: 'Remove-CsPersistentChatPolicy',
  summary: 'Removes a site or per-user Persistent Chat policy, or resets the Global policy to its defaults.',
  description:
    'Users who hold a removed per-user policy fall back to their site policy or the Global policy; while users still hold it, the command asks first unless -Force is given.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      required: true,
      pipeline: 'property',
      completes: 'policy',
      help: 'Global, site:<name> or a per-user policy name.',
    },
    Force: forceParam('Remove a per-user policy that users still hold without asking.'),
    Tenant: tenantParam,
  },
  examples: [
    {
      code: 'Remove-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy"',
      remarks: 'Removes the per-user policy DC1PersistentChatPolicy (asking first if users still hold it).',
    },
    {
      code: 'Get-CsPersistentChatPolicy -Filter "site:*" | Remove-CsPersistentChatPolicy',
      remarks: 'Removes every site policy.',
    },
    {
      code: 'Remove-CsPersistentChatPolicy -Identity "global"',
      remarks: 'Resets the Global policy: Persistent Chat disabled, no description.',
    },
  ],
  permission: 'policies',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    checkPlumbing(args);
    const identity = args.Identity ?? '';
    const policy = findPolicy(ctx.state, identity);
    const holders = assignedUsers(ctx.state, policy);
    const {state, output} = removePolicy(ctx.state, {identity, rev: ctx.nextRevision});
    if (!ctx.shouldProcess(policy.identity, 'Remove-CsPersistentChatPolicy')) return;
    const names = holders.map((u) => u.displayName).join(', ');
    if (holders.length > 0 && !args.Force) {
      const query = `The per-user policy ${policy.identity} is assigned to ${holders.length} user(s): ${names}. Remove it? They will fall back to their site policy or the Global policy.`;
      if (!ctx.shouldContinue(query, policy.identity)) {
        throw new CmdletError(
          'PolicyInUse',
          `${policy.identity} is still assigned to ${holders.length} user(s) (${names}); nothing was removed. Use -Force to remove it anyway.`,
          {
            target: policy.identity,
            parameter: 'Identity',
          },
        );
      }
    }
    if (state === ctx.state) return;
    ctx.setState(state, [policy.identity, ...output.clearedUsers.map((u) => u.dn)]);
    if (output.clearedUsers.length > 0) {
      ctx.warn(
        'PolicyAssignmentsCleared',
        `${output.clearedUsers.length} user(s) no longer hold ${policy.identity} and now fall back to their site or Global policy: ${names}.`,
        policy.identity,
      );
    }
  },
});

export const policyCmdlets: readonly CmdletSpec[] = [
  getPolicyCmdlet,
  newPolicyCmdlet,
  setPolicyCmdlet,
  removePolicyCmdlet,
  grantPolicyCmdlet,
];
