// Clear-CsPersistentChatRoom and Remove-CsPersistentChatRoom (rooms-and-content.md sections 3.4
// and 3.5): the room cmdlets that take messages out of the message log.
//
// Spec note: the documentation says these deletions cannot be undone (R20); pchat keeps what every
// removal deletes in a removal backup written in the same commit, so Restore-PcBackup can undo one
// (the room, its lists and its messages, byte for byte), without undoing what changed since.

import {CmdletError} from '../domain/errors.js';
import {identityOf} from '../domain/content-identity.js';
import {clearRoomRewrite, endBound} from '../domain/messages.js';
import {findRoom, removeRoom} from '../domain/rooms.js';
import {defineCmdlet} from './define-cmdlet.js';
import {targetIdentity} from './target-identity.js';
import {identityParams} from './shared-params.js';
import {messageCount, hasAny, keepRemoved, UNDO_REMARK} from './message-log.js';

/** Messages of the room posted on or before `to`, counted without loading them all. */
const countUpTo = (scan: Iterable<{readonly postedAt: string}>, to: number): number => {
  let count = 0;
  for (const m of scan) if (Date.parse(m.postedAt) <= to) count++;
  return count;
};

export const clearRoomCmdlet = defineCmdlet({
  name: 'Clear-CsPersistentChatRoom',
  summary: 'Deletes every message of a room posted on or before a date; the room itself is untouched.',
  description: UNDO_REMARK,
  params: {
    ...identityParams('room', 'room'),
    // Spec note: not marked required, so a missing -EndDate reports InvalidValue as the spec asks.
    EndDate: {
      type: 'datetime',
      help: 'Required. Last day (or moment) to delete; a date without a time covers that whole day.',
    },
  },
  parameterSets: ['Identity', 'Instance'],
  examples: [
    {
      code: 'Clear-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" -EndDate "3/1/2018"',
      remarks:
        'ItRoom loses every message dated up to and including 1 March 2018; Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup brings them back.',
    },
    {
      code: 'Get-CsPersistentChatRoom | Clear-CsPersistentChatRoom -EndDate "3/1/2018" -Confirm:$False',
      remarks: 'Applies the same cut-off to every room without prompting.',
    },
  ],
  permission: 'content',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'High',
  run(ctx, args) {
    const room = findRoom(ctx.state, targetIdentity(args));
    const end = args.EndDate;
    if (!end)
      throw new CmdletError(
        'InvalidValue',
        'Clear-CsPersistentChatRoom needs -EndDate: the last date whose messages are deleted.',
        {parameter: 'EndDate'},
      );
    const to = endBound(end);
    const cutoff = new Date(to).toISOString();
    const count = countUpTo(ctx.ports.messages.scan({roomIds: [room.id], to: cutoff}), to);
    const identity = identityOf(room);
    if (!ctx.shouldProcess(identity, `Delete ${messageCount(count)} posted on or before ${cutoff}`)) return;
    if (count === 0) return;
    keepRemoved(ctx, {});
    ctx.effect({kind: 'rewriteMessages', roomIds: [room.id], rewrite: clearRoomRewrite(to)});
    ctx.setState(ctx.state, [identity]);
  },
});

export const removeRoomCmdlet = defineCmdlet({
  name: 'Remove-CsPersistentChatRoom',
  summary: 'Deletes rooms and all their messages.',
  description: UNDO_REMARK,
  params: {
    ...identityParams('room', 'room'),
    Force: {type: 'switch', help: 'Suppresses non-fatal warnings.'},
  },
  parameterSets: ['Identity', 'Instance'],
  examples: [
    {
      code: 'Remove-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\LisbonRoom"',
      remarks:
        'Deletes LisbonRoom and its messages; Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup brings both back.',
    },
    {
      code: 'Get-CsPersistentChatRoom -Privacy "Closed" | Remove-CsPersistentChatRoom',
      remarks: 'Deletes every closed room; open and secret rooms stay.',
    },
  ],
  permission: 'content',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const {state, output, effects} = removeRoom(ctx.state, {identity: targetIdentity(args)});
    const identity = identityOf(output);
    if (!ctx.shouldProcess(identity, 'Remove-CsPersistentChatRoom')) return;
    keepRemoved(ctx, {rooms: [output]});
    if (hasAny(ctx.ports.messages.scan({roomIds: [output.id], limit: 1})))
      for (const effect of effects) ctx.effect(effect);
    ctx.setState(state, [identity]);
  },
});
