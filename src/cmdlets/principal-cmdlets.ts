// Get-CsUser and Get-CsAdPrincipal (topology-and-service.md section 7.2): read-only views of the
// directory, used to find users for Grant-CsPersistentChatPolicy and principals for room lists.

import {getPrincipals, getUsers, type DirectoryQuery} from '../domain/directory.js';
import type {CmdletSpec} from './types.js';
import {principalObject, userObject} from './principal-output.js';
import {defineCmdlet} from './define-cmdlet.js';
import {
  resultSizeParam,
  domainControllerParam,
  credentialParam,
  ldapFilterParam,
  ouParam,
} from './shared-params.js';
import {writeLimited, filterOf, checkPlumbing} from './directory-args.js';

const identityHelp =
  'SIP address, user principal name, domain\\logon, Active Directory display name (* is a wildcard, as in "* Smith") or distinguished name.';

// Get-CsUser spells it -LdapFilter, Get-CsAdPrincipal -LDAPFilter (as the cmdlet reference does).
const queryOf = (args: {
  readonly Identity?: string;
  readonly LdapFilter?: string;
  readonly LDAPFilter?: string;
  readonly OU?: string;
}): DirectoryQuery => ({
  identity: args.Identity,
  ldapFilter: args.LdapFilter ?? args.LDAPFilter,
  ou: args.OU,
});

const getUserCmdlet = defineCmdlet({
  name: 'Get-CsUser',
  summary: 'Returns the users that have been enabled for Lync Server, with their Persistent Chat policy.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      pipeline: 'both',
      completes: 'user',
      help: `The user: ${identityHelp}`,
    },
    Filter: {
      type: 'filter',
      help: 'PowerShell-style filter on user properties, such as {PersistentChatPolicy -eq "DC1UsersPersistentChatPolicy"}.',
    },
    LdapFilter: ldapFilterParam('the users'),
    OU: ouParam('users'),
    ResultSize: resultSizeParam,
    DomainController: domainControllerParam,
    Credential: credentialParam,
  },
  examples: [
    {code: 'Get-CsUser', remarks: 'Lists every user enabled for Lync Server.'},
    {
      code: 'Get-CsUser -Identity "Jordan Lee"',
      remarks: 'Returns the user whose display name is Jordan Lee.',
    },
    {
      code: 'Get-CsUser -Filter {PersistentChatPolicy -eq "DC1UsersPersistentChatPolicy"}',
      remarks: 'Lists the users who hold the per-user policy DC1UsersPersistentChatPolicy.',
    },
    {code: 'Get-CsUser -LdapFilter "Department=IT"', remarks: 'Lists the users of the IT department.'},
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    checkPlumbing(args);
    writeLimited(ctx, args, getUsers(ctx.state, queryOf(args)), userObject, filterOf(ctx, args));
  },
});

const getAdPrincipalCmdlet = defineCmdlet({
  name: 'Get-CsAdPrincipal',
  summary:
    'Returns directory principals (users, groups, contacts, containers, OUs and domains) for Persistent Chat membership lists.',
  description:
    'Object classes: user {top, person, organizationalPerson, user}, group {top, group}, contact {top, person, organizationalPerson, contact}, container {top, container}, OU {top, organizationalUnit}, domain {top, domain, domainDNS}. An OU or container named by its DN (or piped in) is listed with everything under it.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      pipeline: 'both',
      completes: 'principal',
      help: `The principal: ${identityHelp}`,
    },
    Filter: {
      type: 'filter',
      help: 'PowerShell-style filter on principal properties, such as {SipAddress -eq "sip:dc1meetingroom@example.org"}.',
    },
    LDAPFilter: ldapFilterParam('the principals'),
    OU: ouParam('principals'),
    ResultSize: resultSizeParam,
    DomainController: domainControllerParam,
    Credential: credentialParam,
  },
  examples: [
    {code: 'Get-CsAdPrincipal', remarks: 'Lists every principal of the directory.'},
    {
      code: 'Get-CsAdPrincipal -Filter {SipAddress -eq "sip:dc1meetingroom@example.org"}',
      remarks: 'Returns the principal with the SIP address sip:dc1meetingroom@example.org.',
    },
    {
      code: 'Get-CsAdPrincipal | Where-Object {$_.ObjectClass -contains "contact"}',
      remarks: 'Lists the contacts.',
    },
    {
      code: 'Get-CsAdPrincipal | Where-Object {$_.ObjectClass -match "organizationalUnit"} | Select-Object Name',
      remarks: 'Lists the names of all OUs.',
    },
    {
      code: '"OU=DC1,DC=example,DC=org", "OU=DC2,DC=example,DC=org" | Get-CsAdPrincipal',
      remarks: 'Lists the OUs DC1 and DC2 with the principals under them.',
    },
    {
      code: 'Get-CsAdPrincipal -LDAPFilter "(&(l=Springfield)(department=IT))"',
      remarks: 'Lists the principals in Springfield that belong to the IT department.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    checkPlumbing(args);
    writeLimited(ctx, args, getPrincipals(ctx.state, queryOf(args)), principalObject, filterOf(ctx, args));
  },
});

export const principalCmdlets: readonly CmdletSpec[] = [getUserCmdlet, getAdPrincipalCmdlet];
