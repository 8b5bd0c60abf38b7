// The archive port of a PostgreSQL store. The archive file is the operator's, so it is local: under
// the store's local exports/ (target.ts), confined by the same rule as every export file, and staged
// beside it. Its messages are the messages table's rows, written in the message log's own form, so
// an archive from either store holds the same bytes for the same messages.

import {messageEntryName} from '../../domain/archive-format.js';
import type {ArchivePort} from '../../domain/ports.js';
import {roomFile, stageLines, type RoomContent} from '../archive-write.js';
import {fileArchives} from '../file-archives.js';
import {toJsonLine} from '../jsonl.js';
import {makeDirectories} from '../make-directories.js';
import type {StoreFiles} from '../store-files.js';
import {messageRows} from './log-readers.js';
import type {QueryBridge} from './query-bridge.js';

/** Each content room's messages from the table, in log order, within the export's start date. */
export const tableContent =
  (db: QueryBridge): RoomContent =>
  ({plan, contentRooms}, dir) => {
    const from = plan.startDate === null ? null : Date.parse(plan.startDate);
    return contentRooms.map(({roomId}, index) =>
      stageLines(roomFile(dir, index), messageEntryName(index), linesOf(db, roomId, from)),
    );
  };

function* linesOf(db: QueryBridge, roomId: string, from: number | null): Generator<string> {
  for (const {message} of messageRows(db, {roomIds: [roomId]}))
    if (from === null || Date.parse(message.postedAt) >= from) yield toJsonLine(message);
}

/**
 * `staged` collects the folders the archives read are staged in: the store removes them once its
 * commit is over (the file store's journal sweeps its own; this store's local folder has no journal).
 */
export function pgArchives(db: QueryBridge, files: StoreFiles, staged: Set<string>): ArchivePort {
  const archives = fileArchives(files, undefined, tableContent(db));
  // Archives are staged in the store's local folder, which the first export or import creates.
  const local = <T>(step: () => T): T => {
    makeDirectories(files.dir, 0o700);
    return step();
  };
  return {
    ...archives,
    toBytes: (archive) => local(() => archives.toBytes(archive)),
    read: (source) =>
      local(() => {
        const answer = archives.read(source);
        if (answer.ok) staged.add(answer.archive.staging);
        return answer;
      }),
  };
}
