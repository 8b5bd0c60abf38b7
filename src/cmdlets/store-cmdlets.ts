// Cmdlets of our own (noun prefix Pc) for what the documented cmdlets cannot show:
// the audit log and the store's backups.

import {CmdletError} from '../domain/errors.js';
import {wildcardMatch} from '../domain/identity.js';
import type {AuditEntry} from '../domain/types.js';
import type {BackupInfo} from '../domain/ports.js';
import type {CmdletSpec, PsObject} from './types.js';
import {defineCmdlet} from './define-cmdlet.js';
import {restoreRemoval} from './restore-removal.js';

export const auditEntryObject = (entry: AuditEntry): PsObject => ({
  Sequence: entry.seq,
  Time: entry.time,
  Operator: entry.operator,
  Role: entry.role,
  Command: entry.command,
  Targets: [...entry.targets],
  Result: entry.result,
  Errors: [...entry.errors],
  // An entry written before pchat recorded warnings and origin shows none and null.
  Warnings: [...(entry.warnings ?? [])],
  RevisionBefore: entry.revisionBefore,
  RevisionAfter: entry.revisionAfter,
  Source: entry.source,
  Via: entry.via ?? null,
});

export const backupObject = (backup: BackupInfo): PsObject => ({
  Identity: backup.id,
  CreatedAt: backup.createdAt,
  Reason: backup.reason,
  Revision: backup.revision,
  Bytes: backup.bytes,
  Kind: backup.kind === 'removal' ? 'Removal' : 'Store',
  // A removal backup holds only what its line removed; a store backup holds everything.
  Command: backup.command ?? null,
  Rooms: [...(backup.rooms ?? [])],
  Categories: [...(backup.categories ?? [])],
  Messages: backup.messages ?? null,
});

const getAuditEntry = defineCmdlet({
  name: 'Get-PcAuditEntry',
  summary: 'Lists the audit log: one entry per committed change, oldest first.',
  description:
    'Every change to the store writes one audit entry in the same commit: time, operator (OS user), role, the command line as run, targets, result, the ids of the errors and warnings it raised, the revisions before and after, the SSH connection (Source) and where the command came from (Via: console, exec, drill or init).',
  params: {
    Last: {type: 'int', min: 0, max: 2147483647, help: 'Only the newest N entries.'},
    StartDate: {type: 'datetime', help: 'Only entries at or after this time.'},
    Operator: {type: 'string', help: 'Only entries by this OS user.'},
    Target: {type: 'string', help: 'Only entries whose targets include this identity (wildcards allowed).'},
  },
  examples: [
    {code: 'Get-PcAuditEntry -Last 20', remarks: 'Shows the twenty most recent changes.'},
    {
      code: 'Get-PcAuditEntry -Operator "ana" -StartDate "3/1/2026"',
      remarks: "Shows ana's changes since 1 March 2026.",
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const since = args.StartDate;
    const operator = args.Operator?.toLowerCase();
    const target = args.Target;
    const hits: AuditEntry[] = [];
    for (const entry of ctx.ports.audit.scan(since ? {since: since.iso} : {})) {
      if (operator !== undefined && entry.operator.toLowerCase() !== operator) continue;
      if (target !== undefined && !entry.targets.some((t) => wildcardMatch(target, t))) continue;
      hits.push(entry);
    }
    const last = args.Last;
    const shown = last === undefined ? hits : last === 0 ? [] : hits.slice(-last);
    for (const entry of shown) ctx.write(auditEntryObject(entry));
  },
});

const getBackup = defineCmdlet({
  name: 'Get-PcBackup',
  summary: 'Lists the timestamped backups the store took before high-impact changes and removals.',
  description:
    'Failover, import and restores back the whole store up first (Kind Store). Every removal (Remove-CsPersistentChatRoom, Clear-CsPersistentChatRoom, Remove-CsPersistentChatMessage, Remove-CsPersistentChatCategory) keeps what it removed, messages included, in a removal backup (Kind Removal) that names the line, the rooms and categories and the number of messages. Restore-PcBackup brings either back.',
  params: {
    Identity: {type: 'string', position: 0, help: 'The backup to show (wildcards allowed).'},
  },
  examples: [
    {code: 'Get-PcBackup', remarks: 'Lists every backup, oldest first.'},
    {
      code: 'Get-PcBackup | Where-Object {$_.Kind -eq "Removal"} | Select-Object -Last 5',
      remarks: 'The five most recent removals, with the line that made each.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const identity = args.Identity;
    const backups = ctx.ports.backups
      .list()
      .filter((b) => identity === undefined || wildcardMatch(identity, b.id));
    if (identity !== undefined && !/[*?]/.test(identity) && backups.length === 0) {
      throw new CmdletError(
        'BackupNotFound',
        `No backup named "${identity}" exists. Run Get-PcBackup to list them.`,
        {
          target: identity,
          parameter: 'Identity',
        },
      );
    }
    for (const backup of backups) ctx.write(backupObject(backup));
  },
});

const restoreBackup = defineCmdlet({
  name: 'Restore-PcBackup',
  summary:
    'Brings a backup back: a store backup replaces the store; a removal backup puts back what one removal took out.',
  description:
    'A store backup replaces the state and chat history; the current store is backed up first, so that restore can itself be undone. A removal backup puts back exactly what its line removed (rooms with their lists, category and add-in, categories with their settings, messages with their ids, text and order) and leaves every change made since alone; a room or category of the same name created since, or a room whose category is gone, stops the restore with an error and nothing changes. The revision keeps increasing. This is a high-impact change: it prompts unless -Confirm:$false is given; -WhatIf says what would come back.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      required: true,
      pipeline: 'property',
      help: 'The backup to restore (see Get-PcBackup).',
    },
  },
  examples: [
    {
      code: 'Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup -Confirm:$false',
      remarks: 'Restores the newest backup without prompting.',
    },
    {
      code: 'Get-PcBackup | Where-Object {$_.Rooms -contains "pc1.dc1.example.org\\LisbonRoom"} | Select-Object -Last 1 | Restore-PcBackup -WhatIf',
      remarks: 'Says what undoing the removal of LisbonRoom would bring back; drop -WhatIf to do it.',
    },
  ],
  permission: 'backup',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'High',
  run(ctx, args) {
    const id = args.Identity ?? '';
    const backup = ctx.ports.backups.list().find((b) => b.id === id);
    if (!backup) {
      throw new CmdletError(
        'BackupNotFound',
        `No backup named "${id}" exists. Run Get-PcBackup to list them.`,
        {
          target: id,
          parameter: 'Identity',
        },
      );
    }
    if (backup.kind === 'removal') return restoreRemoval(ctx, backup);
    if (!ctx.shouldProcess(id, `Restore the store to revision ${backup.revision} from ${backup.createdAt}`))
      return;
    ctx.effect({kind: 'restoreBackup', id});
    // The store swaps the state in; the working state must still differ so the line commits.
    ctx.setState({...ctx.state}, [id]);
  },
});

export const storeCmdlets: readonly CmdletSpec[] = [getAuditEntry, getBackup, restoreBackup];
