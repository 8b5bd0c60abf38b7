// The role-by-cmdlet matrix of spec section 1.8, run by real OS users: the test creates a group that
// shares the store, one user per role, a user the store does not list, and one outside the group,
// and runs `pchat exec` as each of them (setpriv) on a fresh copy of one store per cell. Root
// ignores file modes, so only these users can show that the modes keep outsiders out.
// Fast: a sample of the cells. PCHAT_STRESS=1: every cell.

import {letOthersReachPchat} from '../helpers/other-operator.js';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {catalog} from '../../src/cmdlets/catalog.js';
import type {Role} from '../../src/domain/types.js';
import {demoDeployment} from '../helpers/demo.js';
import {pchatBin, projectRoot} from '../helpers/pchat-process.js';

const STRESS = process.env['PCHAT_STRESS'] === '1';

const PC1 = 'service:PersistentChatServer:pc1.dc1.example.org';

/** Who may run a cmdlet, as spec section 1.8 says, written out here rather than read from src/. */
const WHO = {
  everyone: [
    'CsAdministrator',
    'CsPersistentChatAdministrator',
    'CsUserAdministrator',
    'CsServerAdministrator',
    'CsViewOnlyAdministrator',
    'CsHelpDesk',
  ],
  admins: ['CsAdministrator', 'CsPersistentChatAdministrator'],
  servers: ['CsAdministrator', 'CsPersistentChatAdministrator', 'CsServerAdministrator'],
  grant: ['CsAdministrator', 'CsPersistentChatAdministrator', 'CsUserAdministrator'],
} as const satisfies Record<string, readonly Role[]>;

/** One line per cmdlet that succeeds on the demo store for a role that may run it. */
const LINES: Readonly<Record<string, readonly [keyof typeof WHO, string]>> = {
  'Get-CsAdPrincipal': ['everyone', 'Get-CsAdPrincipal'],
  'Get-CsComputer': ['everyone', 'Get-CsComputer'],
  'Get-CsPersistentChatAddin': ['everyone', 'Get-CsPersistentChatAddin'],
  'Get-CsPersistentChatCategory': ['everyone', 'Get-CsPersistentChatCategory'],
  'Get-CsPersistentChatComplianceConfiguration': ['everyone', 'Get-CsPersistentChatComplianceConfiguration'],
  'Get-CsPersistentChatConfiguration': ['everyone', 'Get-CsPersistentChatConfiguration'],
  'Get-CsPersistentChatEligiblePrincipal': [
    'everyone',
    'Get-CsPersistentChatEligiblePrincipal -Category "pc1.dc1.example.org\\IT"',
  ],
  'Get-CsPersistentChatEndpoint': ['everyone', 'Get-CsPersistentChatEndpoint'],
  'Get-CsPersistentChatPolicy': ['everyone', 'Get-CsPersistentChatPolicy'],
  'Get-CsPersistentChatRoom': ['everyone', 'Get-CsPersistentChatRoom'],
  'Get-CsPersistentChatState': ['everyone', 'Get-CsPersistentChatState'],
  'Get-CsPool': ['everyone', 'Get-CsPool'],
  'Get-CsService': ['everyone', 'Get-CsService'],
  'Get-CsSite': ['everyone', 'Get-CsSite'],
  'Get-CsUser': ['everyone', 'Get-CsUser'],
  'Get-PcAuditEntry': ['everyone', 'Get-PcAuditEntry'],
  'Get-PcBackup': ['everyone', 'Get-PcBackup'],
  'Get-PcChatMessage': ['everyone', 'Get-PcChatMessage -Room "pc1.dc1.example.org\\ItRoom"'],
  'Get-PcDrill': ['everyone', 'Get-PcDrill'],
  'Test-CsPersistentChatMessage': [
    'everyone',
    'Test-CsPersistentChatMessage -TargetFqdn "pc1.dc1.example.org"',
  ],
  'New-CsPersistentChatAddin': [
    'admins',
    'New-CsPersistentChatAddin -Name "MatrixAddin" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Url "https://pc1.dc1.example.org/matrix"',
  ],
  'Set-CsPersistentChatAddin': [
    'admins',
    'Set-CsPersistentChatAddin -Identity "pc1.dc1.example.org\\ItStatusAddin" -Url "https://pc1.dc1.example.org/status2"',
  ],
  'Remove-CsPersistentChatAddin': [
    'admins',
    'Remove-CsPersistentChatAddin -Identity "pc1.dc1.example.org\\ItStatusAddin"',
  ],
  'New-CsPersistentChatCategory': [
    'admins',
    'New-CsPersistentChatCategory -Name "Matrix" -PersistentChatPoolFqdn "pc1.dc1.example.org"',
  ],
  'Set-CsPersistentChatCategory': [
    'admins',
    'Set-CsPersistentChatCategory -Identity "pc1.dc1.example.org\\Sandbox" -FileUpload $True',
  ],
  'Remove-CsPersistentChatCategory': [
    'admins',
    'Remove-CsPersistentChatCategory -Identity "pc1.dc1.example.org\\Sandbox"',
  ],
  'New-CsPersistentChatRoom': [
    'admins',
    'New-CsPersistentChatRoom -Name "MatrixRoom" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "IT"',
  ],
  'Set-CsPersistentChatRoom': [
    'admins',
    'Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\LisbonRoom" -Description "Matrix"',
  ],
  'Remove-CsPersistentChatRoom': [
    'admins',
    'Remove-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\LisbonRoom"',
  ],
  'Clear-CsPersistentChatRoom': [
    'admins',
    'Clear-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -EndDate "2030-01-01"',
  ],
  'Remove-CsPersistentChatMessage': [
    'admins',
    'Remove-CsPersistentChatMessage -Identity "pc1.dc1.example.org\\ItRoom" -UserUri "sip:ana@example.org"',
  ],
  'New-CsPersistentChatPolicy': [
    'admins',
    'New-CsPersistentChatPolicy -Identity "MatrixPolicy" -EnablePersistentChat $True',
  ],
  'Set-CsPersistentChatPolicy': [
    'admins',
    'Set-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy" -Description "Matrix"',
  ],
  'Remove-CsPersistentChatPolicy': [
    'admins',
    'Remove-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy"',
  ],
  'Grant-CsPersistentChatPolicy': [
    'grant',
    'Grant-CsPersistentChatPolicy -Identity "Jordan Lee" -PolicyName "DC1PersistentChatPolicy"',
  ],
  'New-CsPersistentChatConfiguration': [
    'admins',
    'New-CsPersistentChatConfiguration -Identity "site:DC2" -ParticipantUpdateLimit 50',
  ],
  'Set-CsPersistentChatConfiguration': [
    'admins',
    'Set-CsPersistentChatConfiguration -Identity "site:DC1" -ParticipantUpdateLimit 90',
  ],
  'Remove-CsPersistentChatConfiguration': [
    'admins',
    'Remove-CsPersistentChatConfiguration -Identity "site:DC1"',
  ],
  'New-CsPersistentChatComplianceConfiguration': [
    'admins',
    'New-CsPersistentChatComplianceConfiguration -Identity "site:DC2" -AddUserDetails $True',
  ],
  'Set-CsPersistentChatComplianceConfiguration': [
    'admins',
    'Set-CsPersistentChatComplianceConfiguration -Identity "site:DC1" -AddUserDetails $False',
  ],
  'Remove-CsPersistentChatComplianceConfiguration': [
    'admins',
    'Remove-CsPersistentChatComplianceConfiguration -Identity "site:DC1"',
  ],
  'New-CsPersistentChatEndpoint': [
    'admins',
    'New-CsPersistentChatEndpoint -SipAddress "sip:matrixchat@example.org" -PersistentChatPoolFqdn "pc1.dc1.example.org"',
  ],
  'Remove-CsPersistentChatEndpoint': [
    'admins',
    'Remove-CsPersistentChatEndpoint -Identity "sip:pc2chat@example.org"',
  ],
  'Set-CsPersistentChatActiveServer': [
    'servers',
    `Set-CsPersistentChatActiveServer -Identity "${PC1}" -Swap`,
  ],
  'Set-CsPersistentChatState': [
    'admins',
    `Set-CsPersistentChatState -Identity "${PC1}" -PoolState FailedOver`,
  ],
  'Set-PcDatabaseStep': ['admins', `Set-PcDatabaseStep -Identity "${PC1}" -Step LogShippingRemoved`],
  'Restore-PcBackup': ['admins', 'Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup -Confirm:$false'],
  'Export-CsPersistentChatData': [
    'admins',
    'Export-CsPersistentChatData -DBInstance "sql1.dc1.example.org\\rtc" -FileName "cell.zip"',
  ],
  'Import-CsPersistentChatData': [
    'admins',
    'Import-CsPersistentChatData -DBInstance "sql1.dc1.example.org\\rtc" -FileName "matrix-source.zip" -Confirm:$false',
  ],
  'Invoke-PcComplianceCapture': ['admins', 'Invoke-PcComplianceCapture -Identity "pc1.dc1.example.org"'],
};

/** The roles, a user the store does not list (view-only), and a user outside the store's group. */
const SUBJECTS = [...WHO.everyone, 'unlisted', 'outsider'] as const;
type Subject = (typeof SUBJECTS)[number];

const allowed = (who: keyof typeof WHO, subject: Subject): boolean =>
  subject === 'unlisted'
    ? (WHO[who] as readonly string[]).includes('CsViewOnlyAdministrator')
    : (WHO[who] as readonly string[]).includes(subject);

interface Cell {
  readonly cmdlet: string;
  readonly subject: Subject;
}

const ALL_CELLS: readonly Cell[] = Object.keys(LINES).flatMap((cmdlet) =>
  SUBJECTS.map((subject) => ({cmdlet, subject})),
);
// Every ninth cell: the stride is prime to the number of subjects, so every subject is sampled.
const CELLS = STRESS ? ALL_CELLS : ALL_CELLS.filter((_, i) => i % 9 === 0);

const hasTool = (tool: string): boolean =>
  ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].some((dir) => fs.existsSync(path.join(dir, tool)));
const whyNot =
  process.getuid?.() !== 0
    ? 'creating users needs root'
    : !['useradd', 'groupadd', 'userdel', 'groupdel', 'setpriv'].every(hasTool)
      ? 'useradd, groupadd, userdel, groupdel or setpriv is missing'
      : null;

const tag = randomBytes(3).toString('hex');
const group = `pcm${tag}`;
const userOf = (subject: Subject): string => `pcm${tag}${SUBJECTS.indexOf(subject)}`;

function run(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, {encoding: 'utf8'});
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function pchatAs(subject: Subject, args: readonly string[]) {
  const user = userOf(subject);
  const result = spawnSync(
    'setpriv',
    [
      `--reuid=${user}`,
      `--regid=${user === userOf('outsider') ? user : group}`,
      '--init-groups',
      '--',
      process.execPath,
      pchatBin,
      ...args,
    ],
    {
      encoding: 'utf8',
      cwd: root,
      env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: root, CI: 'true', NO_COLOR: '1'},
      timeout: 60_000,
    },
  );
  return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

let root = '';
let shared = '';
let template = '';
const created = {group: false, users: [] as string[]};
let gid = -1;
let ran = 0;
let failures = 0;

describe.skipIf(whyNot !== null)(
  `the role matrix as real OS users${whyNot ? ` (skipped: ${whyNot})` : ''}`,
  () => {
    beforeAll(() => {
      // A checkout may sit in a 0700 temporary directory: the users must reach the program.
      letOthersReachPchat();
      run('groupadd', [group]);
      created.group = true;
      for (const subject of SUBJECTS) {
        const user = userOf(subject);
        run(
          'useradd',
          subject === 'outsider'
            ? ['-M', '-U', '-s', '/usr/sbin/nologin', user]
            : ['-M', '-N', '-g', group, '-s', '/usr/sbin/nologin', user],
        );
        created.users.push(user);
      }
      gid = Number(run('getent', ['group', group]).split(':')[2]);
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-roles-'));
      fs.chmodSync(root, 0o755);
      // The shared directory the store design expects: owned by the group, setgid, closed to others.
      shared = path.join(root, 'srv');
      fs.mkdirSync(shared);
      fs.chownSync(shared, 0, gid);
      fs.chmodSync(shared, 0o2770);
      const deployment = {
        ...demoDeployment(),
        operators: WHO.everyone.map((role) => ({name: userOf(role), roles: [role]})),
      };
      const from = path.join(root, 'deployment.json');
      fs.writeFileSync(from, JSON.stringify(deployment), {mode: 0o644});
      template = path.join(shared, 'template');
      const setup = path.join(projectRoot, 'data', 'demo', 'setup.ps1');
      const init = pchatAs('CsAdministrator', [
        'init',
        '--store',
        template,
        '--from',
        from,
        '--setup',
        setup,
      ]);
      expect(init.stderr).toBe('');
      expect(init.status).toBe(0);
      // A change that takes a backup, so that Restore-PcBackup has one to restore.
      const swap = pchatAs('CsAdministrator', [
        'exec',
        '--yes',
        '--store',
        template,
        LINES['Set-CsPersistentChatActiveServer']![1],
      ]);
      expect(swap.status).toBe(0);
      // An archive in exports/, so that Import-CsPersistentChatData has one to read.
      const exported = pchatAs('CsAdministrator', [
        'exec',
        '--store',
        template,
        'Export-CsPersistentChatData -DBInstance "sql1.dc1.example.org\\rtc" -FileName "matrix-source.zip"',
      ]);
      expect(exported.stderr).toBe('');
      expect(exported.status).toBe(0);
    }, 120_000);

    afterAll(() => {
      if (root) fs.rmSync(root, {recursive: true, force: true});
      for (const user of created.users) spawnSync('userdel', [user]);
      if (created.group) spawnSync('groupdel', [group]);
      if (STRESS) console.log(`stress: role matrix cells ${ran}, ${failures} failures`);
    });

    it('has a line for every cmdlet in the catalog', () => {
      expect(Object.keys(LINES).sort()).toEqual(catalog.map((c) => c.name).sort());
    });

    it('gives the store the group and closes it to other users', () => {
      const modes = storeModes(template);
      for (const [file, stat] of modes) {
        expect([file, stat.gid]).toEqual([file, gid]);
        expect([file, stat.mode & 0o007]).toEqual([file, 0]);
      }
      expect(modes.get('state.json')?.mode).toSatisfy((m: number) => (m & 0o060) === 0o060);
    });

    it.each(CELLS)('$subject running $cmdlet', ({cmdlet, subject}) => {
      ran += 1;
      let passed = false;
      try {
        checkCell(cmdlet, subject);
        passed = true;
      } finally {
        if (!passed) failures += 1;
      }
    });
  },
);

function checkCell(cmdlet: string, subject: Subject): void {
  const [who, line] = LINES[cmdlet]!;
  const cell = path.join(shared, `cell-${subject}-${cmdlet}`);
  run('cp', ['-a', template, cell]);
  try {
    const before = fs.readFileSync(path.join(cell, 'state.json'));
    const result = pchatAs(subject, ['exec', '--yes', '--store', cell, line]);
    if (subject === 'outsider') {
      // Outside the group the store cannot even be looked at: a store failure naming it and the fix.
      expect(result.status, result.stderr).toBe(3);
      expect(result.stderr).toContain(`could not inspect ${cell} (EACCES`);
      expect(result.stderr).toContain("that you are in the store's group");
      expect(result.stdout).toBe('');
    } else if (allowed(who, subject)) {
      expect(result.stderr).not.toContain('[AccessDenied]');
      expect(result.status, result.stderr).toBe(0);
    } else {
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(`^${cmdlet} : Access denied: role \\w+ may not run ${cmdlet}\\. \\[AccessDenied\\]$`, 'm'),
      );
      expect(fs.readFileSync(path.join(cell, 'state.json')).equals(before)).toBe(true);
    }
    for (const [file, stat] of storeModes(cell)) {
      expect([file, stat.gid]).toEqual([file, gid]);
      expect([file, stat.mode & 0o007]).toEqual([file, 0]);
    }
  } finally {
    fs.rmSync(cell, {recursive: true, force: true});
  }
}

/** Every file and folder of a store with its stat, by path inside the store. */
function storeModes(dir: string): Map<string, fs.Stats> {
  const out = new Map<string, fs.Stats>([['.', fs.statSync(dir)]]);
  for (const entry of fs.readdirSync(dir, {recursive: true, encoding: 'utf8'}))
    out.set(entry, fs.lstatSync(path.join(dir, entry)));
  return out;
}
