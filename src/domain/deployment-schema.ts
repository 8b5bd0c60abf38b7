// The shape of the deployment file (contract section 5): what Topology Builder and Active
// Directory hold. Strict objects, so an unknown or misspelt key (and `__proto__`) is an error
// rather than silently dropped; syntax of names is checked here, cross-references in
// deployment-rules.ts.

import {z} from 'zod';
import {ROLES, type Role} from './types.js';
import {hostNameProblem, sipAddressProblem} from './sip.js';
import {textFieldProblem, type TextFieldKind} from './text-fields.js';
import {isDistinguishedName} from './distinguished-name.js';

/** A string refined by the one text-field rule; the issue names the character (`U+001B (...)`). */
const acceptedText = (schema: z.ZodString, kind: TextFieldKind) =>
  schema.superRefine((s, ctx) => {
    const why = textFieldProblem(s, kind);
    if (why !== null) ctx.addIssue({code: 'custom', message: why});
  });
const MAX_NAME = 256;
const MAX_MESSAGE = 100_000;

const name = acceptedText(
  z
    .string()
    .trim()
    .min(1, {error: 'must not be empty'})
    .max(MAX_NAME, {error: `must be at most ${MAX_NAME} characters`}),
  'line',
);

/** A string check that reports why the value is wrong, as the sip.ts checks explain it. */
const checked = (problem: (s: string) => string | null, what: string) =>
  z.string().superRefine((s, ctx) => {
    const why = problem(s);
    if (why !== null) ctx.addIssue({code: 'custom', message: `${JSON.stringify(s)} is not ${what}: ${why}`});
  });

const fqdn = checked((s) => hostNameProblem(s), 'a fully qualified domain name');
const sipAddress = checked((s) => sipAddressProblem(s), 'a SIP address');

const dn = z.string().refine(isDistinguishedName, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a distinguished name (CN=...,DC=...)`,
});

const isoDate = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
      !Number.isNaN(Date.parse(s)),
    {
      error: (issue) => `${JSON.stringify(issue.input)} is not an ISO 8601 date and time with a time zone`,
    },
  );

// SQL Server instance names: a letter or underscore, then letters, digits, _ $ #; at most 16.
const instance = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_$#]{0,15}$/, {error: 'is not a SQL Server instance name'});

const store = z.strictObject({
  sqlFqdn: fqdn,
  instance,
  dataCenter: name.nullable().optional(),
});

const backupStore = store.extend({online: z.boolean().optional()});
const primaryStore = store.extend({restored: z.boolean().optional()});
const backupMirrorStore = store.extend({active: z.boolean().optional()});

const server = z.strictObject({fqdn, dataCenter: name.nullable().optional()});

const pool = z.strictObject({
  fqdn,
  site: name,
  kind: z.enum(['multiComputer', 'singleComputer']),
  displayName: name.nullable().optional(),
  collocatedWithStandardEdition: z.boolean().optional(),
  servers: z.array(server).min(1, {error: 'a pool needs at least one server'}),
  activeServers: z.array(z.string()).optional(),
  poolState: z.enum(['Normal', 'FailedOver']).optional(),
  stores: z.strictObject({
    primary: primaryStore,
    primaryMirror: store.nullable().optional(),
    backup: backupStore.nullable().optional(),
    backupMirror: backupMirrorStore.nullable().optional(),
    logShipping: z.boolean().optional(),
  }),
  lowLatencyLink: z.boolean().optional(),
  compliance: z.strictObject({enabled: z.boolean(), store: store.nullable().optional()}).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  fileStore: name.nullable().optional(),
  nextHopPool: fqdn.nullable().optional(),
});

const attributeValue = acceptedText(z.string().max(1024), 'line');

const user = z.strictObject({
  sipAddress: sipAddress.nullable().optional(),
  displayName: name,
  dn,
  site: name.nullable().optional(),
  enabled: z.boolean().optional(),
  userPrincipalName: name.nullable().optional(),
  samAccountName: name.nullable().optional(),
  department: attributeValue.optional(),
  l: attributeValue.optional(),
  title: attributeValue.optional(),
  manager: dn.optional(),
  company: attributeValue.optional(),
  /** Any other LDAP attribute, for -LdapFilter. */
  attributes: z
    .record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, {error: 'is not an LDAP attribute name'}),
      attributeValue,
    )
    .optional(),
});

const group = z.strictObject({dn, displayName: name, members: z.array(dn).optional()});
const contact = z.strictObject({sipAddress: sipAddress.nullable().optional(), displayName: name, dn});

/** One entry of `messages`: checked on its own, so a reader can take the messages one at a time. */
export const deploymentMessageSchema = z.strictObject({
  room: name.refine((s) => !s.endsWith('\\'), {error: 'must name a room (pool\\Name)'}),
  from: sipAddress,
  at: isoDate,
  text: acceptedText(z.string().min(1, {error: 'must not be empty'}).max(MAX_MESSAGE), 'lines'),
});

export const deploymentSchema = z.strictObject({
  formatVersion: z.literal(1, {error: 'formatVersion must be 1'}),
  sipDomains: z.array(fqdn).min(1, {error: 'at least one SIP domain is needed'}),
  sites: z
    .array(z.strictObject({name, dataCenters: z.array(name).optional()}))
    .min(1, {error: 'at least one site is needed'}),
  frontEndPools: z
    .array(z.strictObject({fqdn, site: name, dataCenter: name.nullable().optional()}))
    .optional(),
  persistentChatPools: z.array(pool).min(1, {error: 'at least one Persistent Chat pool is needed'}),
  directory: z
    .strictObject({
      users: z.array(user).optional(),
      groups: z.array(group).optional(),
      organizationalUnits: z.array(dn).optional(),
      containers: z.array(dn).optional(),
      contacts: z.array(contact).optional(),
    })
    .optional(),
  endpoints: z
    .array(
      z.strictObject({
        sipAddress,
        displayName: name.nullable().optional(),
        pool: fqdn,
        isDefault: z.boolean().optional(),
      }),
    )
    .optional(),
  operators: z
    .array(z.strictObject({name, roles: z.array(z.enum(ROLES as unknown as [Role, ...Role[]])).min(1)}))
    .optional(),
  messages: z.array(deploymentMessageSchema).optional(),
});

/** A deployment file as written (optional keys may be missing). */
export type DeploymentFile = z.input<typeof deploymentSchema>;
/** A deployment file that passed the shape checks. */
export type Deployment = z.output<typeof deploymentSchema>;
export type DeploymentPool = Deployment['persistentChatPools'][number];
export type DeploymentMessageEntry = z.output<typeof deploymentMessageSchema>;

export {formatPath} from './json-path.js';
export {isDistinguishedName, splitDn} from './distinguished-name.js';
