// Invoke-PcComplianceCapture: one run of the compliance service's built-in XML adapter for a pool
// (topology spec 4.5), writing the messages posted since the previous run under the store's exports/.
//
// Spec note: the verb is Invoke (PowerShell's approved verb for running an action once). Start
// would promise a service that keeps running every RunInterval, and Export would suggest the
// migration archive of Export-CsPersistentChatData.
// Spec note: permission 'data', the class of Export/Import-CsPersistentChatData: a capture copies
// every room's messages out of the store, so it takes the roles that may export them.

import {
  captureEffects,
  capturePools,
  planCapture,
  withMark,
  type CapturePlan,
} from '../domain/compliance-capture.js';
import {messageCount} from './message-log.js';
import {defineCmdlet} from './define-cmdlet.js';
import type {CmdletContext, PsObject} from './types.js';

const exportsPath = (path: string): string => `exports/${path}`;

const planObject = (plan: CapturePlan, written: boolean): PsObject => ({
  PoolFqdn: plan.pool.fqdn,
  Configuration: plan.configuration.identity,
  OutputDirectory: exportsPath(plan.directory),
  Files: [...plan.files.map((f) => f.path), ...plan.attachmentManifests].map(exportsPath),
  Messages: plan.messages,
  Rooms: plan.rooms.length,
  StartTimeUTC: plan.window.start,
  EndTimeUTC: plan.window.end,
  Written: written,
});

/** Every file of the plan is confirmed (or shown by -WhatIf); the capture runs only when all are. */
const confirmed = (ctx: CmdletContext, plan: CapturePlan): boolean => {
  let all = true;
  for (const file of plan.files) {
    const rooms = file.roomIds.length;
    const action = `Write ${messageCount(file.messages)} of ${rooms} room${rooms === 1 ? '' : 's'} (compliance capture of ${plan.pool.fqdn})`;
    if (!ctx.shouldProcess(exportsPath(file.path), action)) all = false;
  }
  for (const manifest of plan.attachmentManifests)
    if (!ctx.shouldProcess(exportsPath(manifest), 'Write the file attachments manifest')) all = false;
  return all;
};

export const complianceCaptureCmdlet = defineCmdlet({
  name: 'Invoke-PcComplianceCapture',
  summary:
    "Runs the compliance capture of a pool once: writes the messages posted since the last capture as the built-in XML adapter's files.",
  description:
    "Writes what the Compliance service's XML adapter would write at its next RunInterval, following the pool's compliance configuration (Get-CsPersistentChatComplianceConfiguration): the output folder (AdapterOutputDirectory, under the store's exports/ directory; a Windows path goes to the folder of its last name there, with a warning; none set: exports/compliance/<pool>), one file per room with OneChatRoomPerOutputFile, room details with AddChatRoomDetails, user names and e-mail addresses with AddUserDetails, and a .ATTACH manifest beside each file with CreateFileAttachmentsManifest. An XSLT in CustomConfiguration is not applied (there is no XSLT processor): the XML is written as it is, with a warning. Each capture continues where the previous one of the pool stopped; a pool with no new messages writes no file. A pool whose topology has compliance disabled is refused with ComplianceDisabled. Files are never written over, and appear together with the new position when the capture is saved.",
  params: {
    Identity: {
      type: 'string',
      position: 0,
      required: true,
      pipeline: 'value',
      help: 'The pool (its FQDN or service:PersistentChatServer:<fqdn>), or a scope: site:<site name> or Global for their pools whose topology has compliance enabled.',
      completes: 'pool',
    },
  },
  examples: [
    {
      code: 'Invoke-PcComplianceCapture -Identity "pc1.dc1.example.org"',
      remarks: 'Writes the messages of pool pc1 posted since its last capture.',
    },
    {
      code: 'Invoke-PcComplianceCapture -Identity "pc1.dc1.example.org" -WhatIf',
      remarks: 'Shows which files the capture would write and how many messages each holds; writes nothing.',
    },
    {
      code: 'Set-CsPersistentChatComplianceConfiguration -Identity "service:PersistentChatServer:pc1.dc1.example.org" -AdapterOutputDirectory "\\\\fs1.dc1.example.org\\Compliance" -AddUserDetails $True; Invoke-PcComplianceCapture pc1.dc1.example.org',
      remarks: 'Pool pc1 writes with user details to exports/Compliance in the store.',
    },
    {
      code: 'Invoke-PcComplianceCapture -Identity "Global"',
      remarks: 'Captures every pool whose topology has compliance enabled.',
    },
  ],
  permission: 'data',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  run(ctx, args) {
    const plans = capturePools(ctx.state, args.Identity ?? '').map((pool) =>
      planCapture(ctx.state, ctx.ports.messages, pool, ctx.now),
    );
    for (const plan of plans) {
      for (const w of plan.warnings) ctx.warn(w.warningId, w.message, w.target);
      const write = plan.files.length > 0 && confirmed(ctx, plan);
      if (write) {
        for (const effect of captureEffects(ctx.state, plan, ctx.ports.messages)) ctx.effect(effect);
        ctx.setState(withMark(ctx.state, plan.mark), [plan.pool.fqdn]);
      }
      ctx.write(planObject(plan, write));
    }
  },
});
