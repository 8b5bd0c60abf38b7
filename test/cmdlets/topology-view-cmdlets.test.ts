import {describe, expect, it} from 'vitest';
import type {LineRun} from '../../src/session.js';
import {demoDeployment, stateFrom} from '../helpers/demo.js';
import {runLines} from '../helpers/run-lines.js';

const demo = stateFrom(demoDeployment());
const errorIds = (run: LineRun | undefined): string[] => run?.errors.map((e) => e.errorId) ?? [];
const chats = (...ns: number[]): string[] => ns.map((n) => `chat${n}.${n <= 4 ? 'dc1' : 'dc2'}.example.org`);

async function runOne(line: string): Promise<LineRun> {
  const {runs} = await runLines(demo, [line]);
  if (!runs[0]) throw new Error('no run');
  return runs[0];
}

describe('read-only topology views', () => {
  it('Get-CsSite lists both sites with their data centres and pools', async () => {
    const run = await runOne('Get-CsSite');
    expect(run.output).toEqual([
      {
        Identity: 'Site:DC1',
        SiteId: 1,
        DisplayName: 'DC1',
        DataCenters: ['dc1', 'dc2'],
        Pools: ['fe1.dc1.example.org', 'pc1.dc1.example.org'],
      },
      {
        Identity: 'Site:DC2',
        SiteId: 2,
        DisplayName: 'DC2',
        DataCenters: ['dc2'],
        Pools: ['fe2.dc2.example.org', 'pc2.dc2.example.org'],
      },
    ]);
  });

  it.each(['Get-CsSite -Identity "Site:DC2"', 'Get-CsSite dc2', 'Get-CsSite 2'])(
    '%s finds site DC2',
    async (line) => {
      expect((await runOne(line)).output.map((o) => (o as {Identity: string}).Identity)).toEqual([
        'Site:DC2',
      ]);
    },
  );

  it('Get-CsPool -Identity shows a Persistent Chat pool with its service and computers', async () => {
    const run = await runOne('Get-CsPool -Identity "PC1.dc1.example.org"');
    expect(run.output).toEqual([
      {
        Identity: 'pc1.dc1.example.org',
        Fqdn: 'pc1.dc1.example.org',
        Site: 'Site:DC1',
        Services: ['PersistentChatServer:pc1.dc1.example.org'],
        Computers: chats(1, 2, 3, 4, 5, 6, 7, 8),
      },
    ]);
  });

  it('Get-CsPool lists the Front End pools too', async () => {
    const run = await runOne('Get-CsPool');
    expect(run.output.map((o) => (o as {Identity: string}).Identity)).toEqual([
      'fe1.dc1.example.org',
      'fe2.dc2.example.org',
      'pc1.dc1.example.org',
      'pc2.dc2.example.org',
    ]);
  });

  it('Get-CsComputer shows each server with its pool, data centre and whether it is active', async () => {
    const run = await runOne('Get-CsComputer -Pool "pc1.dc1.example.org"');
    expect(run.output).toHaveLength(8);
    expect(run.output[0]).toEqual({
      Identity: 'chat1.dc1.example.org',
      Pool: 'pc1.dc1.example.org',
      DataCenter: 'dc1',
      IsActive: true,
    });
    expect(run.output[7]).toEqual({
      Identity: 'chat8.dc2.example.org',
      Pool: 'pc1.dc1.example.org',
      DataCenter: 'dc2',
      IsActive: false,
    });
  });

  it('Get-CsComputer | Where-Object {$_.IsActive -eq $True} lists the active servers of both pools', async () => {
    const run = await runOne('Get-CsComputer | Where-Object {$_.IsActive -eq $True}');
    expect(run.output.map((o) => (o as {Identity: string}).Identity)).toEqual([
      ...chats(1, 2, 3, 4),
      'pc2.dc2.example.org',
    ]);
  });

  it('Get-CsService -PersistentChatServer shows active servers, pool state and the database in use', async () => {
    const run = await runOne('Get-CsService -PersistentChatServer');
    expect(run.output).toHaveLength(2);
    expect(run.output[0]).toEqual({
      Identity: 'PersistentChatServer:pc1.dc1.example.org',
      PoolFqdn: 'pc1.dc1.example.org',
      SiteId: 'Site:DC1',
      DisplayName: 'DC1 Persistent Chat',
      Servers: chats(1, 2, 3, 4, 5, 6, 7, 8),
      ActiveServers: chats(1, 2, 3, 4),
      PoolState: 'Normal',
      DatabaseInUse: 'primary',
      PrimaryStore: 'sql1.dc1.example.org\\rtc',
      BackupStore: 'sql1.dc2.example.org\\rtc',
      BackupStoreOnline: false,
      LogShipping: true,
      ComplianceEnabled: true,
      ComplianceStore: 'sqlc.dc1.example.org\\rtc',
      Port: 5041,
      FileStore: '\\\\fs1.dc1.example.org\\PersistentChatFiles',
    });
    expect(run.output[1]).toMatchObject({
      Identity: 'PersistentChatServer:pc2.dc2.example.org',
      BackupStore: null,
      BackupStoreOnline: null,
    });
  });

  it('Get-CsService shows the change after a failover', async () => {
    const {runs} = await runLines(demo, [
      'Set-CsPersistentChatState -Identity "service:pc1.dc1.example.org" -PoolState FailedOver -Force',
      'Get-CsService -Identity "PersistentChatServer:pc1.dc1.example.org"',
    ]);
    expect(runs[1]?.output[0]).toMatchObject({PoolState: 'FailedOver', DatabaseInUse: 'backup'});
  });

  it.each([
    ['Get-CsSite -Identity "Site:Mars"', 'SiteNotFound'],
    ['Get-CsPool -Identity "pc9.dc1.example.org"', 'PoolNotFound'],
    ['Get-CsComputer -Identity "chat9.dc1.example.org"', 'ServerNotFound'],
    ['Get-CsComputer -Pool "pc9.dc1.example.org"', 'PoolNotFound'],
    ['Get-CsService -Identity "PersistentChatServer:pc9.dc1.example.org"', 'PoolNotFound'],
  ])('%s fails with %s', async (line, errorId) => {
    expect(errorIds(await runOne(line))).toEqual([errorId]);
  });

  it('is open to a view-only operator', async () => {
    const {runs} = await runLines(
      demo,
      ['Get-CsService -PersistentChatServer', 'Get-CsComputer', 'Get-CsSite', 'Get-CsPool'],
      {user: 'guest'},
    );
    expect(runs.flatMap((r) => r.errors)).toEqual([]);
  });
});
