// Who may run what: the permission matrix of topology-and-service.md section 1.8,
// extended to the content cmdlets (rooms, categories, add-ins, messages), which the
// docs give to the Persistent Chat administrators.

import type {Operator, Role} from './types.js';
import {CmdletError} from './errors.js';

/** The class of a cmdlet in the matrix; each cmdlet declares one. */
export type Permission =
  | 'read'
  | 'activeServers'
  | 'poolState'
  | 'settings'
  | 'endpoints'
  | 'policies'
  | 'grantPolicy'
  | 'content'
  | 'data'
  | 'backup';

const ADMINS: readonly Role[] = ['CsAdministrator', 'CsPersistentChatAdministrator'];

export const PERMISSION_MATRIX: Readonly<Record<Permission, readonly Role[]>> = {
  read: [
    'CsAdministrator',
    'CsPersistentChatAdministrator',
    'CsUserAdministrator',
    'CsServerAdministrator',
    'CsViewOnlyAdministrator',
    'CsHelpDesk',
  ],
  // Low confidence in the docs for CsServerAdministrator; it "can block new connections to servers".
  activeServers: [...ADMINS, 'CsServerAdministrator'],
  poolState: ADMINS,
  settings: ADMINS,
  endpoints: ADMINS,
  // The docs conflict on CsUserAdministrator editing policies; it may grant but not edit.
  policies: ADMINS,
  grantPolicy: [...ADMINS, 'CsUserAdministrator'],
  content: ADMINS,
  data: ADMINS,
  backup: ADMINS,
};

/** An operator the store does not know gets read-only access. */
export const UNKNOWN_OPERATOR_ROLES: readonly Role[] = ['CsViewOnlyAdministrator'];

export const rolesOf = (operators: readonly Operator[], user: string): readonly Role[] =>
  operators.find((o) => o.name === user)?.roles ?? UNKNOWN_OPERATOR_ROLES;

export const isAllowed = (roles: readonly Role[], permission: Permission): boolean =>
  roles.some((role) => PERMISSION_MATRIX[permission].includes(role));

/** The role shown in audit entries and messages: the most capable one the operator has. */
export const primaryRole = (roles: readonly Role[]): Role | 'None' =>
  (
    [
      'CsAdministrator',
      'CsPersistentChatAdministrator',
      'CsServerAdministrator',
      'CsUserAdministrator',
      'CsHelpDesk',
      'CsViewOnlyAdministrator',
    ] as const
  ).find((r) => roles.includes(r)) ?? 'None';

export const assertAllowed = (roles: readonly Role[], permission: Permission, cmdlet: string): void => {
  if (!isAllowed(roles, permission)) {
    const role = primaryRole(roles);
    throw new CmdletError('AccessDenied', `Access denied: role ${role} may not run ${cmdlet}.`, {
      target: cmdlet,
    });
  }
};
