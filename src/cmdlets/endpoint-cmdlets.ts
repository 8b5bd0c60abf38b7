// Get/New/Remove-CsPersistentChatEndpoint (topology-and-service.md section 5): the contact
// objects that give a Persistent Chat pool a friendly SIP URI, mostly for legacy clients.

import {CmdletError} from '../domain/errors.js';
import {findEndpoints, getEndpoints, newEndpoint, removeEndpoint} from '../domain/endpoints.js';
import type {CmdletSpec, ParamSpec} from './types.js';
import {endpointObject} from './principal-output.js';
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
  'The endpoint: its SIP address, display name (* is a wildcard) or full distinguished name.';
const poolParam = (required: boolean) =>
  ({
    type: 'string',
    aliases: ['PoolFqdn'],
    completes: 'pool',
    ...(required ? {required: true} : {}),
    help: 'FQDN of the Persistent Chat pool the endpoint points at (older documentation calls it -PoolFqdn).',
  }) as const satisfies ParamSpec;

const getEndpointCmdlet = defineCmdlet({
  name: 'Get-CsPersistentChatEndpoint',
  summary: 'Returns the Persistent Chat endpoints: contact objects holding a friendly SIP URI for a pool.',
  params: {
    Identity: {type: 'string', position: 0, pipeline: 'both', completes: 'endpoint', help: identityHelp},
    PersistentChatPoolFqdn: poolParam(false),
    Filter: {
      type: 'filter',
      help: 'PowerShell-style filter on endpoint properties, such as {DisplayName -like "*Chat*"}.',
    },
    LdapFilter: ldapFilterParam('the endpoints (of little use: endpoints have few)'),
    OU: ouParam('endpoints (all endpoints live in CN=Application Contacts, so this is of little use)'),
    ResultSize: resultSizeParam,
    DomainController: domainControllerParam,
    Credential: credentialParam,
  },
  examples: [
    {
      code: 'Get-CsPersistentChatEndpoint',
      remarks: 'Lists every Persistent Chat endpoint of the organization.',
    },
    {
      code: 'Get-CsPersistentChatEndpoint -Identity "sip:pce@example.org"',
      remarks: 'Returns the endpoint whose SIP address is sip:pce@example.org.',
    },
    {
      code: 'Get-CsPersistentChatEndpoint -PersistentChatPoolFqdn "pc1.dc1.example.org"',
      remarks: 'Lists the endpoints of pool pc1.dc1.example.org.',
    },
    {
      code: 'Get-CsPersistentChatEndpoint -Filter {DisplayName -like "*Chat*"}',
      remarks: 'Lists the endpoints whose display name contains "Chat".',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    checkPlumbing(args);
    const found = getEndpoints(ctx.state, {
      identity: args.Identity,
      poolFqdn: args.PersistentChatPoolFqdn,
      ldapFilter: args.LdapFilter,
      ou: args.OU,
    });
    writeLimited(ctx, args, found, endpointObject, filterOf(ctx, args));
  },
});

const newEndpointCmdlet = defineCmdlet({
  name: 'New-CsPersistentChatEndpoint',
  summary: 'Creates a Persistent Chat endpoint: a contact object with a friendly SIP URI for a pool.',
  description:
    'Each pool gets one endpoint at installation; an extra one mostly serves legacy clients, for instance to keep a Group Chat lookup URI such as sip:ocschat@example.org working after migration.',
  params: {
    SipAddress: {
      type: 'string',
      required: true,
      help: 'SIP address of the endpoint: sip:<name>@<a SIP domain of the deployment>, not used by any user, contact or endpoint.',
    },
    PersistentChatPoolFqdn: poolParam(true),
    DisplayName: {type: 'string', help: 'Active Directory display name of the contact object.'},
    PassThru: {type: 'switch', help: 'Write the new endpoint to the pipeline.'},
  },
  examples: [
    {
      code: 'New-CsPersistentChatEndpoint -SipAddress "sip:pce@example.org" -PersistentChatPoolFqdn "pc1.dc1.example.org" -DisplayName "Persistent Chat Endpoint 1"',
      remarks: 'Creates an endpoint with the SIP address sip:pce@example.org for pool pc1.dc1.example.org.',
    },
  ],
  permission: 'endpoints',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  run(ctx, args) {
    const {state, output, warnings} = newEndpoint(ctx.state, {
      sipAddress: args.SipAddress ?? '',
      poolFqdn: args.PersistentChatPoolFqdn ?? '',
      displayName: args.DisplayName ?? null,
      objectId: ctx.newId(),
    });
    if (!ctx.shouldProcess(output.sipAddress, 'New-CsPersistentChatEndpoint')) return;
    ctx.setState(state, [output.dn]);
    for (const w of warnings) ctx.warn(w.warningId, w.message, w.target);
    if (args.PassThru) ctx.write(endpointObject(output));
  },
});

const removeEndpointCmdlet = defineCmdlet({
  name: 'Remove-CsPersistentChatEndpoint',
  summary: 'Removes a Persistent Chat endpoint.',
  description:
    "Removing a pool's default endpoint (the one its URI lives on) asks first unless -Force is given.",
  params: {
    Identity: {
      type: 'string',
      position: 0,
      required: true,
      pipeline: 'both',
      completes: 'endpoint',
      help: identityHelp,
    },
    Force: {type: 'switch', help: "Remove a pool's default endpoint without asking."},
  },
  examples: [
    {
      code: 'Remove-CsPersistentChatEndpoint -Identity "sip:pce@example.org"',
      remarks: 'Removes the endpoint whose SIP address is sip:pce@example.org.',
    },
    {
      code: 'Get-CsPersistentChatEndpoint -PersistentChatPoolFqdn "pc1.dc1.example.org" | Remove-CsPersistentChatEndpoint',
      remarks: 'Removes every endpoint of pool pc1.dc1.example.org (asking before the default one).',
    },
  ],
  permission: 'endpoints',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    for (const endpoint of findEndpoints(ctx.state, args.Identity ?? '')) {
      if (!ctx.shouldProcess(endpoint.sipAddress, 'Remove-CsPersistentChatEndpoint')) continue;
      if (endpoint.isDefault && !args.Force) {
        const message = `${endpoint.sipAddress} is the default endpoint of pool ${endpoint.poolFqdn}; the pool's URI lives on it.`;
        ctx.warn('DefaultEndpoint', message, endpoint.dn);
        if (!ctx.shouldContinue(`${message} Remove it?`, endpoint.dn)) {
          throw new CmdletError(
            'EndpointInUse',
            `${message} It was not removed; use -Force to remove it anyway.`,
            {target: endpoint.dn, parameter: 'Identity'},
          );
        }
      }
      ctx.setState(removeEndpoint(ctx.state, endpoint), [endpoint.dn]);
    }
  },
});

export const endpointCmdlets: readonly CmdletSpec[] = [
  getEndpointCmdlet,
  newEndpointCmdlet,
  removeEndpointCmdlet,
];
