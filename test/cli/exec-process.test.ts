import fs from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {fingerprint, pchat, projectRoot, tempDir} from '../helpers/pchat-process.js';

const DEMO_DEPLOYMENT = path.join(projectRoot, 'data', 'demo', 'deployment.json');

const json = (stdout: string): unknown[][] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown[]);

describe('pchat init and exec as real processes', () => {
  let store: string;

  beforeAll(() => {
    store = path.join(tempDir(), 's');
    const init = pchat(['init', '--store', store]);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
  });

  it('prints the demo pools’ states as one JSON array', () => {
    const run = pchat(['exec', '--store', store, '--json', 'Get-CsPersistentChatState']);
    expect(run.status).toBe(0);
    expect(json(run.stdout)).toEqual([
      [
        {Identity: 'service:PersistentChatServer:pc1.dc1.example.org', PoolState: 'Normal'},
        {Identity: 'service:PersistentChatServer:pc2.dc2.example.org', PoolState: 'Normal'},
      ],
    ]);
  });

  it('refuses a fifth active server with ActiveServerLimit and changes nothing', () => {
    const before = fingerprint(store);
    const run = pchat([
      'exec',
      '--store',
      store,
      '--json',
      'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org" -ActiveServers @{Add="chat5.dc2.example.org"}',
    ]);
    expect(run.status).toBe(1);
    expect(json(run.stdout)).toEqual([[]]);
    expect(run.stderr).toContain('[ActiveServerLimit]');
    expect(run.stderr).toContain('"errorId":"ActiveServerLimit"');
    expect(fingerprint(store)).toBe(before);
  });

  it('swaps pc1’s active and standby servers with -Swap', () => {
    const swap = pchat([
      'exec',
      '--store',
      store,
      'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org" -Swap -Confirm:$false',
    ]);
    expect(swap.status).toBe(0);
    // chat5-8 are in dc2 while the pool still uses its dc1 database: a warning, not an error.
    const stderrLines = swap.stderr.trim().split('\n');
    expect(stderrLines.every((l) => l.startsWith('WARNING: '))).toBe(true);
    expect(swap.stderr).toContain('[ActiveServerFarFromDatabase]');
    const view = pchat([
      'exec',
      '--store',
      store,
      '--json',
      'Get-CsService -PersistentChatServer | Where-Object {$_.PoolFqdn -eq "pc1.dc1.example.org"}',
    ]);
    const [[service]] = json(view.stdout) as [[{ActiveServers: string[]}]];
    expect([...service.ActiveServers].sort()).toEqual([
      'chat5.dc2.example.org',
      'chat6.dc2.example.org',
      'chat7.dc2.example.org',
      'chat8.dc2.example.org',
    ]);
    const back = pchat([
      'exec',
      '--store',
      store,
      'Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:pc1.dc1.example.org" -Swap -Confirm:$false',
    ]);
    expect(back.status).toBe(0);
  });

  it('prints one array per line, an empty one for a failing line, and exits 1', () => {
    const run = pchat([
      'exec',
      '--store',
      store,
      '--json',
      'Get-CsPersistentChatPolicy -Identity Global',
      'Get-CsPersistentChatPolicy -Identity NoSuchPolicy',
      'Get-CsPersistentChatState -Identity "service:pc2.dc2.example.org"',
    ]);
    expect(run.status).toBe(1);
    const arrays = json(run.stdout);
    expect(arrays).toHaveLength(3);
    expect(arrays[1]).toEqual([]);
    expect(arrays[2]).toEqual([
      {Identity: 'service:PersistentChatServer:pc2.dc2.example.org', PoolState: 'Normal'},
    ]);
  });

  it('reports a parse error with its position and exits 1', () => {
    const run = pchat(['exec', '--store', store, 'Get-CsPersistentChatPolicy -Identity "unterminated']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/ParserError/);
  });

  it('writes nothing anywhere with -WhatIf', () => {
    const before = fingerprint(store);
    const run = pchat([
      'exec',
      '--store',
      store,
      'Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -PoolState FailedOver -WhatIf',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('What if:');
    expect(fingerprint(store)).toBe(before);
  });

  it('writes nothing anywhere when the change is denied', () => {
    const before = fingerprint(store);
    const run = pchat([
      'exec',
      '--store',
      store,
      '--read-only',
      'Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -PoolState FailedOver',
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('[AccessDenied]');
    expect(fingerprint(store)).toBe(before);
  });

  it('fails with ConfirmationRequired without a terminal, and goes through with --yes', () => {
    const before = fingerprint(store);
    const ask = pchat(['exec', '--store', store, 'New-CsPersistentChatPolicy -Identity ConfirmMe -Confirm']);
    expect(ask.status).toBe(1);
    expect(ask.stderr).toContain('[ConfirmationRequired]');
    expect(ask.stderr).toContain('--yes');
    expect(fingerprint(store)).toBe(before);
    const yes = pchat([
      'exec',
      '--store',
      store,
      '--yes',
      'New-CsPersistentChatPolicy -Identity ConfirmMe -Confirm',
    ]);
    expect(yes.status).toBe(0);
    const remove = pchat(['exec', '--store', store, 'Remove-CsPersistentChatPolicy -Identity ConfirmMe']);
    expect(remove.status).toBe(0);
  });

  it('runs a script from standard input, one array per line', () => {
    const run = pchat(['exec', '--store', store, '--json', '-f', '-'], {
      input:
        '# comment\r\nGet-CsPersistentChatState -Identity "service:pc1.dc1.example.org"\n\nGet-Command *PersistentChatState*\n',
    });
    expect(run.status).toBe(0);
    const arrays = json(run.stdout);
    expect(arrays).toHaveLength(2);
    expect(arrays[1]).toHaveLength(2);
  });

  it('records one audit entry per change with the command line and operator', () => {
    pchat(['exec', '--store', store, 'New-CsPersistentChatPolicy -Identity AuditMe']);
    const run = pchat(['exec', '--store', store, '--json', 'Get-PcAuditEntry -Last 1']);
    const [[entry]] = json(run.stdout) as [
      [{Command: string; Result: string; RevisionAfter: number; RevisionBefore: number}],
    ];
    expect(entry.Command).toBe('New-CsPersistentChatPolicy -Identity AuditMe');
    expect(entry.Result).toBe('Success');
    expect(entry.RevisionAfter).toBe(entry.RevisionBefore + 1);
  });

  it('records where each change came from and the warnings it raised', () => {
    const run = pchat(['exec', '--store', store, '--json', 'Get-PcAuditEntry']);
    const [entries] = json(run.stdout) as [{Command: string; Via: string; Warnings: string[]}[]];
    const vias = entries.map((e) => e.Via);
    const firstExec = vias.indexOf('exec');
    // init's setup lines and message load come first, then every change made with exec.
    expect(firstExec).toBeGreaterThan(0);
    expect(vias.slice(0, firstExec).every((v) => v === 'init')).toBe(true);
    expect(vias.slice(firstExec).every((v) => v === 'exec')).toBe(true);
    expect(entries[firstExec - 1]!.Command).toMatch(/^pchat init: load \d+ messages/);
    const swap = entries.find((e) => e.Command.includes('-Swap'));
    expect(swap?.Warnings).toContain('ActiveServerFarFromDatabase');
    expect(entries.find((e) => e.Command.includes('AuditMe'))?.Warnings).toEqual([]);
  });
});

describe('pchat usage and store errors', () => {
  it('exits 3 and says to run pchat init when a named store is missing', () => {
    const run = pchat(['exec', '--store', path.join(tempDir(), 'nope'), 'Get-CsPersistentChatState']);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('pchat init');
  });

  it('exits 3 naming the file when the state is damaged, and leaves it as it was', () => {
    const store = path.join(tempDir(), 's');
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const file = path.join(store, 'state.json');
    fs.writeFileSync(file, '{"truncated": ');
    const run = pchat(['exec', '--store', store, 'Get-CsPersistentChatState']);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"truncated": ');
  });

  it('exits 2 with a hint when the console is started without a terminal', () => {
    const run = pchat([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('pchat exec');
  });

  it('exits 2 on a usage error', () => {
    expect(pchat(['exec']).status).toBe(2);
    expect(pchat(['--no-such-flag']).status).toBe(2);
  });

  it('refuses a deployment with several problems, listing every one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        sipDomains: ['example.org'],
        sites: [{name: 'S', dataCenters: ['a']}],
        frontEndPools: [],
        persistentChatPools: [
          {
            fqdn: 'p.example.org',
            site: 'S',
            kind: 'singleComputer',
            servers: [
              {fqdn: 'a.example.org', dataCenter: 'a'},
              {fqdn: 'b.example.org', dataCenter: 'a'},
            ],
            activeServers: ['c.example.org'],
            poolState: 'Normal',
            stores: {
              primary: {sqlFqdn: 'sql.example.org', instance: 'rtc', dataCenter: 'a'},
              primaryMirror: null,
              backup: null,
              backupMirror: null,
              logShipping: false,
            },
            compliance: {enabled: false, store: null},
          },
        ],
        directory: {users: [], groups: [], organizationalUnits: [], containers: [], contacts: []},
      }),
    );
    const run = pchat(['init', '--store', path.join(dir, 's'), '--from', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/single/i);
    expect(run.stderr).toMatch(/c\.example\.org/);
    expect(fs.existsSync(path.join(dir, 's'))).toBe(false);
  });

  // It used to carry on past a failing line, and the error that finally surfaced was about a
  // later line that counted on the earlier one.
  it('stops init --setup at the first failing line, names its line, and leaves no store', () => {
    const dir = tempDir();
    const script = path.join(dir, 'setup.ps1');
    fs.writeFileSync(
      script,
      [
        '# categories first',
        'New-CsPersistentChatCategory -Name Ops -PersistentChatPoolFqdn pc1.dc1.example.org',
        'New-CsPersistentChatCategory -Name Bad -PersistentChatPoolFqdn nowhere.example.org',
        'New-CsPersistentChatRoom -Name Later -Category "pc1.dc1.example.org\\Bad"',
        '',
      ].join('\n'),
    );
    const store = path.join(dir, 's');
    const run = pchat(['init', '--store', store, '--from', DEMO_DEPLOYMENT, '--setup', script]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`The setup script ${script} failed at line 3`);
    expect(run.stderr).toContain('[PoolNotFound]');
    expect(run.stderr).not.toContain('Later');
    expect(run.stdout).toBe('');
    expect(fs.readdirSync(dir).sort()).toEqual(['setup.ps1']);
  });
});
