// Get-PcDrill: the drills run on this store (pchat drill, the console's wizard), as objects.

import {CmdletError} from '../domain/errors.js';
import {drillSeconds, secondsBetween, type DrillRecord, type DrillStep} from '../domain/drills.js';
import {wildcardMatch} from '../domain/identity.js';
import {defineCmdlet} from './define-cmdlet.js';
import type {PsObject} from './types.js';

export const drillStepObject = (step: DrillStep): PsObject => ({
  Number: step.number,
  Title: step.title,
  Line: step.line,
  Impact: step.impact,
  StartedAt: step.startedAt,
  EndedAt: step.endedAt,
  Seconds: secondsBetween(step.startedAt, step.endedAt),
  Outcome: step.outcome,
  Warnings: step.warnings.map((w) => w.message),
  Error: step.error?.message ?? null,
});

export const drillObject = (drill: DrillRecord): PsObject => ({
  Identity: drill.id,
  Procedure: drill.procedure,
  Pool: drill.pool,
  Mode: drill.mode,
  Faults: [...drill.faults.dataCenters, ...drill.faults.servers],
  Operator: drill.operator,
  StartedAt: drill.startedAt,
  EndedAt: drill.endedAt,
  Outcome: drill.outcome,
  Seconds: drillSeconds(drill),
  Steps: drill.steps.map(drillStepObject),
});

export const getDrillCmdlet = defineCmdlet({
  name: 'Get-PcDrill',
  summary:
    'Lists the failover, failback and swap drills run on this store, oldest first, with their step timings.',
  description:
    'A drill runs a procedure as a rehearsal on a scratch copy of the store, or live (pchat drill). Its record keeps who ran it, when, and each step with its start, end, outcome, warnings and error.',
  params: {
    Identity: {type: 'string', position: 0, help: 'The drill to show (wildcards allowed).'},
    Pool: {type: 'string', help: 'Only the drills of this pool (its FQDN).'},
  },
  examples: [
    {code: 'Get-PcDrill', remarks: 'Lists every drill, oldest first.'},
    {
      code: 'Get-PcDrill -Pool "pc1.dc1.example.org" | Select-Object Identity, Procedure, Mode, Outcome, Seconds',
      remarks: 'The drills of pc1.dc1.example.org with their outcome and total time.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const identity = args.Identity;
    const pool = args.Pool?.toLowerCase();
    const drills = ctx.ports.drills
      .list()
      .filter((d) => identity === undefined || wildcardMatch(identity, d.id))
      .filter((d) => pool === undefined || d.pool.toLowerCase() === pool);
    if (identity !== undefined && !/[*?]/.test(identity) && drills.length === 0)
      throw new CmdletError(
        'DrillNotFound',
        `No drill named "${identity}" exists. Run Get-PcDrill to list them.`,
        {
          target: identity,
          parameter: 'Identity',
        },
      );
    for (const drill of drills) ctx.write(drillObject(drill));
  },
});
