// Grant-CsPersistentChatPolicy (topology-and-service.md section 6.5): assigns a per-user policy
// to the users an identity names, or clears it with -PolicyName $Null.

import {grantPolicy} from '../domain/policy-assignment.js';
import {userObject} from './principal-output.js';
import {defineCmdlet} from './define-cmdlet.js';
import {domainControllerParam} from './shared-params.js';
import {checkPlumbing} from './directory-args.js';

export const grantPolicyCmdlet = defineCmdlet({
  name: 'Grant-CsPersistentChatPolicy',
  summary:
    'Assigns a per-user Persistent Chat policy to users, or removes their assignment with -PolicyName $Null.',
  description:
    'A user without a per-user policy is governed by the policy of their site, else by the Global policy. Only users enabled for Lync can hold a policy; a wildcard identity applies to every matching enabled user.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      required: true,
      pipeline: 'both',
      completes: 'user',
      help: 'The user: SIP address, user principal name, domain\\logon, display name (* is a wildcard, as in "* Smith") or distinguished name. User objects from Get-CsUser can be piped in.',
    },
    PolicyName: {
      type: 'string',
      position: 1,
      nullable: true,
      completes: 'policy',
      help: 'Name of the per-user policy, without "tag:" (a tag: prefix is ignored); $Null removes the assignment.',
    },
    DomainController: domainControllerParam,
    PassThru: {type: 'switch', help: 'Write the changed user object to the pipeline.'},
  },
  examples: [
    {
      code: 'Grant-CsPersistentChatPolicy -Identity "Jordan Lee" -PolicyName "DC1UsersPersistentChatPolicy"',
      remarks: 'Assigns the per-user policy DC1UsersPersistentChatPolicy to Jordan Lee.',
    },
    {
      code: 'Get-CsUser -Filter {PersistentChatPolicy -eq "DC1UsersPersistentChatPolicy"} | Grant-CsPersistentChatPolicy -PolicyName $Null',
      remarks:
        'Removes the assignment from every user who holds DC1UsersPersistentChatPolicy; they fall back to their site or the Global policy.',
    },
    {
      code: 'Grant-CsPersistentChatPolicy -Identity "* Smith" -PolicyName "DC1UsersPersistentChatPolicy" -PassThru',
      remarks: 'Assigns the policy to every user whose display name ends in " Smith" and shows them.',
    },
  ],
  permission: 'grantPolicy',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    checkPlumbing(args);
    const identity = args.Identity ?? '';
    const policyName = args.PolicyName ?? null;
    const {state, output} = grantPolicy(ctx.state, {identity, policyName});
    const target = output.length === 1 ? (output[0]?.dn ?? identity) : identity;
    if (!ctx.shouldProcess(target, 'Grant-CsPersistentChatPolicy')) return;
    if (state !== ctx.state)
      ctx.setState(
        state,
        output.map((u) => u.dn),
      );
    if (args.PassThru) for (const user of output) ctx.write(userObject(user));
  },
});
