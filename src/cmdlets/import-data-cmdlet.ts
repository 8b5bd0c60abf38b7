// Import-CsPersistentChatData (spec 8.2): checks the whole archive first (the store's archive port),
// merges it into the pool that -DBInstance names by the rules of domain/archive-merge.ts, and
// commits it all at once, after a backup. -WhatIf prints the plan, item by item, and writes nothing.

import {mergeArchive, type PlanItem} from '../domain/archive-merge.js';
import {poolOfDbInstance} from '../domain/db-instance.js';
import {CmdletError} from '../domain/errors.js';
import type {ArchiveSource, MessageReader} from '../domain/ports.js';
import {dataFilePath, reportText} from './data-files.js';
import {defineCmdlet} from './define-cmdlet.js';
import type {PsObject} from './types.js';

const FEW_ROOMS = 8;

/** How many messages each room has in the log, posted at or after `from` (all when null). */
function messagesPerRoom(messages: MessageReader, from: string | null): ReadonlyMap<string, number> {
  const counted = from === null ? messages.countByRoom?.() : null;
  if (counted) return counted;
  const counts = new Map<string, number>();
  for (const m of messages.scan(from === null ? {} : {from}))
    counts.set(m.roomId, (counts.get(m.roomId) ?? 0) + 1);
  return counts;
}

const planObject = (item: PlanItem): PsObject => ({
  Action: item.action,
  Kind: item.kind,
  Identity: item.identity,
  Detail: item.detail === '' ? null : item.detail,
});

const planLine = (item: PlanItem): string =>
  `${item.action} ${item.kind.toLowerCase()}${item.detail === '' ? '' : ` (${item.detail})`}`;

export const importDataCmdlet = defineCmdlet({
  name: 'Import-CsPersistentChatData',
  summary: 'Imports an archive written by Export-CsPersistentChatData into a pool.',
  description:
    'The whole archive is checked before anything changes (format, checksums, sizes, names, every message); then it is merged into the pool in one commit, after a backup of the store (Get-PcBackup). An imported item overwrites the item of the same name in the pool, with a warning; items that cannot be placed are skipped, with a warning. The output lists every item and what was done with it. Run it with -WhatIf first to see that plan.',
  params: {
    DBInstance: {
      type: 'string',
      required: true,
      help: "The target pool's primary or backup store, as sqlFqdn\\instance.",
    },
    FileName: {
      type: 'string',
      sets: ['FileName'],
      required: ['FileName'],
      help: "The archive to import, under the store's exports directory (a Windows path names the file of that name there).",
    },
    ByteInput: {
      type: 'bytes',
      sets: ['ByteInput'],
      required: ['ByteInput'],
      pipeline: 'value',
      help: 'An archive from Export-CsPersistentChatData -AsBytes.',
    },
    Report: {type: 'string', help: "Path of a text log of the run, under the store's exports directory."},
  },
  parameterSets: ['FileName', 'ByteInput'],
  examples: [
    {
      code: 'Import-CsPersistentChatData -DBInstance "sql1.dc1.example.org\\rtc" -FileName "C:\\Logs\\PersistentChatExport.zip" -WhatIf',
      remarks:
        'Shows what the import of exports/PersistentChatExport.zip would add, overwrite and skip, and changes nothing.',
    },
    {
      code: '$bytes = Export-CsPersistentChatData -DBInstance "sql1.dc1.example.org\\rtc" -AsBytes; Import-CsPersistentChatData -DBInstance "sql1.dc2.example.org\\rtc" -ByteInput $bytes',
      remarks: 'Copies the data of a pool through a variable.',
    },
  ],
  permission: 'data',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args, set) {
    const dbInstance = args.DBInstance ?? '';
    const pool = poolOfDbInstance(ctx.state, dbInstance);
    const archives = ctx.ports.archives;
    const source: ArchiveSource =
      set === 'ByteInput'
        ? {kind: 'bytes', data: args.ByteInput?.data ?? new Uint8Array()}
        : {kind: 'file', path: dataFilePath(ctx, args.FileName ?? '', 'FileName', (n) => archives.source(n))};
    const read = archives.read(source);
    if (!read.ok)
      throw new CmdletError(
        'InvalidValue',
        `The archive cannot be imported: ${read.problem}. Nothing was changed.`,
        {
          target: set === 'ByteInput' ? 'ByteInput' : (args.FileName ?? null),
          parameter: set,
        },
      );
    const {archive} = read;
    const startDate = archive.manifest.startDate;
    // Counted in one pass over the log, the first time a room that exists is asked about.
    let counts: ReadonlyMap<string, number> | undefined;
    const merge = mergeArchive(ctx.state, {
      poolFqdn: pool.fqdn,
      documents: archive.documents,
      startDate,
      rev: ctx.nextRevision,
      newId: () => ctx.newId(),
      messagesIn: (roomId) => {
        counts ??= messagesPerRoom(ctx.ports.messages, startDate);
        return counts.get(roomId) ?? 0;
      },
    });
    if (pool.activeServers.length > 0)
      ctx.warn(
        'ImportWhileActive',
        `Pool ${pool.fqdn} still has active servers; the documented procedure stops the Persistent Chat services before an import.`,
        pool.fqdn,
      );
    for (const item of merge.items) {
      if (item.action === 'Overwrite')
        ctx.warn(
          'ImportOverwrite',
          `The imported ${item.kind.toLowerCase()} ${item.identity} overwrites the existing one: ${item.detail}.`,
          item.identity,
        );
      if (item.action === 'Skip')
        ctx.warn(
          'ImportSkipped',
          `The ${item.kind.toLowerCase()} ${item.identity} was not imported: ${item.detail}.`,
          item.identity,
        );
    }
    // Every item is asked (and listed under -WhatIf); all or nothing, so one refusal stops them all.
    const approved = merge.items
      .map((item) => ctx.shouldProcess(item.identity, planLine(item)))
      .every(Boolean);
    if (!approved) {
      archives.discard(archive);
      return;
    }
    const existing = new Set(ctx.state.rooms.map((r) => r.id));
    ctx.effect({kind: 'backup', reason: `before Import-CsPersistentChatData into ${pool.fqdn}`});
    ctx.setState(merge.state, [pool.fqdn]);
    const replaced = new Set(
      merge.messages.map((m) => m.toRoomId).filter((id) => existing.has(id) && (counts?.get(id) ?? 0) > 0),
    );
    if (replaced.size > 0) {
      const from = startDate === null ? null : Date.parse(startDate);
      ctx.effect({
        kind: 'rewriteMessages',
        // The store passes over a line that names none of the listed ids by searching it for each
        // id in turn; past a few rooms, reading every line once costs less than that search.
        roomIds: replaced.size <= FEW_ROOMS ? [...replaced] : 'all',
        rewrite: (m) =>
          replaced.has(m.roomId) && (from === null || Date.parse(m.postedAt) >= from) ? null : m,
        // Without a start date the rooms go whole: the store need not decode their lines to drop them.
        ...(from === null ? {dropsRooms: [...replaced]} : {}),
      });
    }
    ctx.effect({
      kind: 'appendMessageFiles',
      files: merge.messages.map((m) => {
        const span = archive.messageSpans[m.contentIndex];
        if (!span) throw new Error(`The archive has no content entry ${m.contentIndex}.`);
        return {...span, fromRoomId: m.fromRoomId, roomId: m.toRoomId};
      }),
    });
    for (const item of merge.items) ctx.write(planObject(item));
    if (args.Report !== undefined) {
      const report = dataFilePath(ctx, args.Report, 'Report', (n) => archives.target(n));
      const lines = merge.items.map((i) => `${i.identity}: ${planLine(i)}`);
      ctx.effect({
        kind: 'writeFile',
        path: report,
        data: reportText(`Import-CsPersistentChatData ${ctx.now.toISOString()}`, lines),
      });
    }
  },
});
