// Export-CsPersistentChatData (spec 8.1): the pool that -DBInstance names, at -Level, into an archive
// of our own format (README, "The export archive"), as a file under exports/ or as a byte array.

import {EXPORT_LEVELS, type ExportLevel} from '../domain/archive-format.js';
import {selectExport} from '../domain/archive-select.js';
import {poolOfDbInstance} from '../domain/db-instance.js';
import {CmdletError} from '../domain/errors.js';
import {dataFilePath, reportText} from './data-files.js';
import {defineCmdlet} from './define-cmdlet.js';

export const exportDataCmdlet = defineCmdlet({
  name: 'Export-CsPersistentChatData',
  summary:
    "Exports a pool's Persistent Chat data (categories, rooms, add-ins, users, history) to a zip archive.",
  description:
    "The archive holds a manifest (format version, source, level, scope, counts, the SHA-256 of every entry), one JSON document per part and one file of messages per room; Import-CsPersistentChatData reads it. A Windows path in -FileName or -Report is mapped to the file of that name in the store's exports directory. Export never writes over an existing file: choose a new name. Uploaded files are never included.",
  params: {
    DBInstance: {
      type: 'string',
      required: true,
      help: 'The pool\'s primary or backup store, as sqlFqdn\\instance (for example "sql1.dc1.example.org\\rtc").',
    },
    DBName: {type: 'string', help: 'Name of the Persistent Chat database (default mgc).'},
    FileName: {
      type: 'string',
      sets: ['FileName'],
      help: "Path of the .zip to create under the store's exports directory.",
    },
    AsBytes: {
      type: 'switch',
      sets: ['AsBytes'],
      help: 'Return the archive as a byte array (keep it in a variable for Import -ByteInput).',
    },
    Level: {
      type: 'enum',
      values: EXPORT_LEVELS,
      help: 'What to export: All (default), User, Category, RoomDirectory or Content.',
    },
    Scope: {type: 'string[]', help: 'Export only these categories and their rooms.', completes: 'category'},
    StartDate: {type: 'datetime', help: 'Leave out messages posted before this date.'},
    DisableExportedNodes: {
      type: 'switch',
      help: 'After the export, disable every exported category and room in this store.',
    },
    Report: {type: 'string', help: "Path of a text log of the run, under the store's exports directory."},
  },
  parameterSets: ['FileName', 'AsBytes'],
  examples: [
    {
      code: 'Export-CsPersistentChatData -DBInstance "sql1.dc1.example.org\\rtc" -FileName "C:\\Logs\\PersistentChatData.zip"',
      remarks:
        'Exports everything of the pool whose store is sql1.dc1.example.org\\rtc to exports/PersistentChatData.zip.',
    },
    {
      code: '$bytes = Export-CsPersistentChatData -DBInstance "sql1.dc1.example.org\\rtc" -AsBytes -Level RoomDirectory',
      remarks:
        'Keeps the categories and rooms (no messages) in the variable $bytes, for Import-CsPersistentChatData -ByteInput.',
    },
  ],
  permission: 'data',
  mutates: true,
  // Spec note: the reference lists no -WhatIf for Export, but here every command that changes the
  // store (the export file, the audit entry, -DisableExportedNodes) takes -WhatIf and -Confirm.
  supportsShouldProcess: true,
  confirmImpact: 'None',
  run(ctx, args, set) {
    const dbInstance = args.DBInstance ?? '';
    const pool = poolOfDbInstance(ctx.state, dbInstance);
    if (set === 'FileName' && args.FileName === undefined)
      throw new CmdletError('ParameterConflict', 'Give either -FileName or -AsBytes.', {
        parameter: 'FileName',
      });
    const level: ExportLevel = args.Level ?? 'All';
    const selection = selectExport(ctx.state, {
      poolFqdn: pool.fqdn,
      dbInstance,
      dbName: args.DBName ?? 'mgc',
      level,
      scope: args.Scope ? [...args.Scope] : null,
      startDate: args.StartDate?.iso ?? null,
      exportedAt: ctx.now.toISOString(),
    });
    for (const name of selection.unknownScope)
      ctx.warn(
        'ExportScopeNotFound',
        `No category named "${name}" is in pool ${pool.fqdn}; it was skipped.`,
        name,
      );
    const archive = {plan: selection.plan, contentRooms: selection.contentRooms};
    const counts = selection.plan.manifest.counts;
    const summary = {
      Level: level,
      Pool: pool.fqdn,
      Categories: counts.categories,
      Rooms: counts.rooms,
      Addins: counts.addins,
      Users: counts.users,
      ContentRooms: selection.contentRooms.length,
    };
    const what = `Export ${level} of ${counts.categories} categories and ${counts.rooms} rooms${set === 'AsBytes' ? ' as bytes' : ` to ${args.FileName ?? ''}`}`;
    if (!ctx.shouldProcess(pool.fqdn, what)) return;
    if (set === 'AsBytes') {
      const bytes = ctx.ports.archives.toBytes(archive);
      if (!bytes.ok) throw new CmdletError('InvalidValue', bytes.problem, {target: dbInstance});
      ctx.write({kind: 'bytes', data: bytes.data});
    } else {
      const file = dataFilePath(ctx, args.FileName ?? '', 'FileName', (n) => ctx.ports.archives.target(n));
      ctx.effect({kind: 'writeArchive', path: file, archive});
      ctx.write({FileName: file, ...summary});
    }
    // Spec note: Export has no -Force and no parameter allows an overwrite, so no file it writes, the
    // -Report log included, ever replaces one (the reference says the report is overwritten; an
    // operator's file is not ours to replace). exports.ts refuses an existing name at commit too.
    if (args.Report !== undefined) {
      const report = dataFilePath(ctx, args.Report, 'Report', (n) => ctx.ports.archives.target(n));
      const lines = Object.entries(summary).map(([k, v]) => `${k}: ${v}`);
      ctx.effect({
        kind: 'writeFile',
        path: report,
        data: reportText(`Export-CsPersistentChatData ${ctx.now.toISOString()}`, lines),
      });
    }
    if (args.DisableExportedNodes) {
      const categories = new Set(selection.categoryIds);
      const rooms = new Set(selection.roomIds);
      const rev = ctx.nextRevision;
      ctx.setState(
        {
          ...ctx.state,
          categories: ctx.state.categories.map((c) =>
            categories.has(c.id) && !c.disabled ? {...c, disabled: true, rev} : c,
          ),
          rooms: ctx.state.rooms.map((r) =>
            rooms.has(r.id) && !r.disabled ? {...r, disabled: true, rev} : r,
          ),
        },
        [pool.fqdn],
      );
    }
  },
});
