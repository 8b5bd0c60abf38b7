// Generated users and groups beside the demo's: users in one OU per department under OU=Staff, a
// group per department holding some of its users.

import type {DeploymentFile} from '../domain/deployment-schema.js';
import {CITIES, DEPARTMENTS, FIRST_NAMES, LAST_NAMES, TITLES} from './names.js';
import type {Random} from './random.js';

type DeploymentDirectory = NonNullable<DeploymentFile['directory']>;
type DeploymentUser = NonNullable<DeploymentDirectory['users']>[number];
type DeploymentGroup = NonNullable<DeploymentDirectory['groups']>[number];

export const STAFF_OU = 'OU=Staff,DC=example,DC=org';
const departmentOu = (department: string): string => `OU=${department},${STAFF_OU}`;
const GROUP_MEMBERS = 50;

export interface GeneratedDirectory {
  readonly users: readonly DeploymentUser[];
  readonly groups: readonly DeploymentGroup[];
  readonly organizationalUnits: readonly string[];
}

/** The n-th generated person: first names vary fastest, then last names, then a round number. */
function person(n: number): {display: string; local: string} {
  const first = FIRST_NAMES[n % FIRST_NAMES.length]!;
  const rest = Math.floor(n / FIRST_NAMES.length);
  const last = LAST_NAMES[rest % LAST_NAMES.length]!;
  const round = Math.floor(rest / LAST_NAMES.length);
  const suffix = round === 0 ? '' : ` ${round + 1}`;
  return {
    display: `${first} ${last}${suffix}`,
    local: `${first}.${last}${round === 0 ? '' : round + 1}`.toLowerCase(),
  };
}

export function generateDirectory(count: number, domain: string, random: Random): GeneratedDirectory {
  const users: DeploymentUser[] = [];
  const byDepartment = new Map<string, string[]>();
  for (let n = 0; n < count; n++) {
    const {display, local} = person(n);
    const department = random.pick(DEPARTMENTS);
    const dn = `CN=${display},${departmentOu(department)}`;
    users.push({
      sipAddress: `sip:${local}@${domain}`,
      displayName: display,
      dn,
      site: random.below(4) === 0 ? 'DC2' : 'DC1',
      // A few accounts are disabled, as in any directory of this size.
      ...(random.below(50) === 0 ? {enabled: false} : {}),
      userPrincipalName: `${local}@${domain}`,
      samAccountName: local,
      department,
      l: random.pick(CITIES),
      title: random.pick(TITLES),
    });
    const list = byDepartment.get(department) ?? [];
    list.push(dn);
    byDepartment.set(department, list);
  }
  const groups = [...byDepartment].map(([department, dns]) => ({
    dn: `CN=Staff ${department},OU=Groups,DC=example,DC=org`,
    displayName: `Staff ${department}`,
    members: random.sample(dns, GROUP_MEMBERS),
  }));
  const organizationalUnits =
    count === 0 ? [] : [STAFF_OU, ...DEPARTMENTS.filter((d) => byDepartment.has(d)).map(departmentOu)];
  return {users, groups, organizationalUnits};
}
