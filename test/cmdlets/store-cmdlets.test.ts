import {describe, expect, it} from 'vitest';
import {onePoolDeployment, stateFrom} from '../helpers/demo.js';
import {openSession} from '../helpers/run-lines.js';
import {auditEntryObject} from '../../src/cmdlets/store-cmdlets.js';
import type {AuditEntry} from '../../src/domain/types.js';

const pool = 'service:PersistentChatServer:pc1.dc1.example.org';

describe('Get-PcAuditEntry', () => {
  it('lists one entry per committed change, filtered by operator, target and count', async () => {
    const {session} = await openSession(stateFrom(onePoolDeployment()));
    await session.run('New-CsPersistentChatPolicy -Identity A');
    await session.run('New-CsPersistentChatPolicy -Identity B');
    await session.run('Get-CsPersistentChatPolicy');
    const all = await session.run('Get-PcAuditEntry');
    expect(all.output).toHaveLength(2);
    expect(all.output[1]).toMatchObject({
      Sequence: 2,
      Operator: 'admin',
      Command: 'New-CsPersistentChatPolicy -Identity B',
      RevisionBefore: 1,
      RevisionAfter: 2,
    });
    expect((await session.run('Get-PcAuditEntry -Last 1')).output).toHaveLength(1);
    expect((await session.run('Get-PcAuditEntry -Operator nobody')).output).toHaveLength(0);
    expect((await session.run('Get-PcAuditEntry -Target "Tag:A"')).output).toHaveLength(1);
  });

  it('shows the warning ids a change raised and where it came from', async () => {
    const {session} = await openSession(stateFrom(onePoolDeployment()), {origin: 'drill', yes: true});
    await session.run(
      `Set-CsPersistentChatActiveServer -Identity "${pool}" -ActiveServers @{Remove="chat4.dc1.example.org"; Add="chat5.dc2.example.org"}`,
    );
    const [entry] = (await session.run('Get-PcAuditEntry')).output;
    expect(entry).toMatchObject({Warnings: ['ActiveServerFarFromDatabase'], Via: 'drill'});
  });

  it('shows no warnings and no origin for an entry written before they were recorded', () => {
    const old: AuditEntry = {
      seq: 1,
      time: '2026-01-15T12:00:00.000Z',
      operator: 'admin',
      uid: 1000,
      role: 'CsAdministrator',
      command: 'New-CsPersistentChatPolicy -Identity A',
      targets: ['Tag:A'],
      result: 'Success',
      errors: [],
      revisionBefore: 0,
      revisionAfter: 1,
      source: null,
    };
    expect(auditEntryObject(old)).toMatchObject({Warnings: [], Via: null, Source: null});
  });
});

describe('Get-PcBackup and Restore-PcBackup', () => {
  it('restores the state a failover backed up, after asking', async () => {
    const {session} = await openSession(stateFrom(onePoolDeployment()), {yes: true});
    const before = session.state.topology.persistentChatPools[0]!.activeServers;
    const swap = await session.run(`Set-CsPersistentChatActiveServer -Identity "${pool}" -Swap`);
    expect(swap.ok).toBe(true);
    const backups = await session.run('Get-PcBackup');
    expect(backups.output).toHaveLength(1);
    const restore = await session.run('Get-PcBackup | Restore-PcBackup');
    expect(restore.errors).toEqual([]);
    expect(session.state.topology.persistentChatPools[0]!.activeServers).toEqual(before);
    expect(session.state.revision).toBe(2);
  });

  it('does not restore without a confirmation when nobody can be asked', async () => {
    const {session} = await openSession(stateFrom(onePoolDeployment()));
    await session.run(`Set-CsPersistentChatActiveServer -Identity "${pool}" -Swap -Confirm:$false`);
    const restore = await session.run('Get-PcBackup | Restore-PcBackup');
    expect(restore.errors.map((e) => e.errorId)).toEqual(['ConfirmationRequired']);
    expect(session.state.revision).toBe(1);
  });

  it('names an unknown backup', async () => {
    const {session} = await openSession(stateFrom(onePoolDeployment()));
    const run = await session.run('Restore-PcBackup -Identity nope -Confirm:$false');
    expect(run.errors.map((e) => e.errorId)).toEqual(['BackupNotFound']);
  });
});
