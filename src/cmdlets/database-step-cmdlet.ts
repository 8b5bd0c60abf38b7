// Set-PcDatabaseStep: records a SQL-side step of failover or failback (topology spec 1.5, 1.6),
// so Set-CsPersistentChatState's warnings can see that it was done.

import {DATABASE_STEPS, recordDatabaseStep} from '../domain/database-steps.js';
import {poolStateIdentity} from '../domain/identity.js';
import type {CmdletSpec} from './types.js';
import {defineCmdlet} from './define-cmdlet.js';
import {forceParam} from './shared-params.js';
import {passWarnings} from './pass-warnings.js';

const PC1 = 'service:PersistentChatServer:pc1.dc1.example.org';

export const databaseStepCmdlet: CmdletSpec = defineCmdlet({
  name: 'Set-PcDatabaseStep',
  summary:
    'Records that a SQL-side step of failover or failback was done on the SQL servers of a Persistent Chat pool.',
  description:
    'The SQL work itself (log shipping, restores, mirroring) is done on the SQL servers; this records it in the model, ' +
    'in the order of the documented procedures. Failover: LogShippingRemoved (step 1), BackupOnline (step 4), ' +
    'BackupMirrorInstalled (step 6). Failback: BackupMirrorRemoved (step 2), PrimaryRestored (step 4), ' +
    'LogShippingRestored (step 5). A step out of order is recorded with a warning; a step already recorded changes nothing.',
  params: {
    Identity: {
      type: 'string',
      position: 0,
      pipeline: 'property',
      help: 'The pool: service:PersistentChatServer:<fqdn>, PersistentChatServer:<fqdn> or service:<fqdn>. Omitted: the only pool.',
      completes: 'pool',
    },
    Step: {
      type: 'enum',
      values: DATABASE_STEPS,
      required: true,
      help:
        'The step done: LogShippingRemoved, BackupOnline or BackupMirrorInstalled (failover); BackupMirrorRemoved, ' +
        'PrimaryRestored or LogShippingRestored (failback).',
    },
    Force: forceParam,
  },
  examples: [
    {
      code: `Set-PcDatabaseStep -Identity "${PC1}" -Step LogShippingRemoved`,
      remarks: 'Failover step 1: log shipping to the backup database has been removed.',
    },
    {
      code: `Set-PcDatabaseStep -Identity "${PC1}" -Step BackupOnline`,
      remarks: 'Failover step 4: the backup database has been restored with recovery and is online.',
    },
    {
      code: `Set-PcDatabaseStep -Identity "${PC1}" -Step BackupMirrorInstalled`,
      remarks: 'Failover step 6: Install-CsMirrorDatabase gave the backup database its mirror.',
    },
    {
      code: `Set-PcDatabaseStep -Identity "${PC1}" -Step BackupMirrorRemoved`,
      remarks: 'Failback step 2: mirroring has been removed from the backup database.',
    },
    {
      code: `Set-PcDatabaseStep -Identity "${PC1}" -Step PrimaryRestored -WhatIf`,
      remarks: 'Failback step 4, as a preview: shows what would be recorded and records nothing.',
    },
    {
      code: `Set-PcDatabaseStep -Identity "${PC1}" -Step LogShippingRestored`,
      remarks: 'Failback step 5: log shipping from the restored primary database has been set up again.',
    },
  ],
  // Spec note: these steps change the pool's databases as much as Set-CsPersistentChatState does, so
  // they take its permission (administrators only).
  permission: 'poolState',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const step = args.Step;
    if (step === undefined) return;
    const {state, output} = recordDatabaseStep(ctx.state, {identity: args.Identity ?? null, step});
    passWarnings(ctx, output.warnings, args.Force);
    if (!output.changed) return;
    const target = poolStateIdentity(output.pool.fqdn);
    if (!ctx.shouldProcess(target, `Set-PcDatabaseStep ${step}`)) return;
    ctx.effect({kind: 'backup', reason: `Set-PcDatabaseStep ${step} on ${output.pool.fqdn}`});
    ctx.setState(state, [target]);
  },
});
