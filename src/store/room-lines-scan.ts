// Half of an export's pass one (archive-write.ts), read by the zip writer's thread, which has nothing
// to deflate until pass two stages the rooms: each line's room, by content index, and its place in
// the log, as the exporting thread notes them for the other half (P6: pass one was a third of the
// export, on one core while the other waited). Self-contained, as the thread runs its source
// (zip-bridge.ts): the modules and the readers it uses come in as arguments. A line whose room cannot
// be read from its bytes makes the answer null, and the exporting thread reads that half itself.

import type * as Fs from 'node:fs';
import type {lineRegions} from './line-regions.js';
import type {lineRoomReader} from './line-room-reader.js';

export interface LinesScanRequest {
  readonly log: string;
  readonly from: number;
  readonly to: number;
  readonly pieceBytes: number;
  /** The content rooms' ids, by content index: lines of other rooms are left out. */
  readonly roomIds: readonly string[];
}

/** The lines found, in log order, in pieces of at most 64 Ki lines (all full but the last). */
export interface ScannedLines {
  readonly count: number;
  readonly pieces: readonly {
    readonly room: Int32Array;
    readonly offset: Float64Array;
    readonly length: Int32Array;
  }[];
}

export interface ScanCodec {
  readonly lineRegions: typeof lineRegions;
  readonly lineRoomReader: typeof lineRoomReader;
}

export function scanRoomLines(
  fs: typeof Fs,
  codec: ScanCodec,
  request: LinesScanRequest,
): ScannedLines | null {
  const PIECE = 1 << 16;
  const indexOf = new Map(request.roomIds.map((id, index) => [id, index]));
  const pieces: {room: Int32Array; offset: Float64Array; length: Int32Array}[] = [];
  let count = 0;
  const unreadable = new Error('a line to parse');
  const linesByRoom = codec.lineRoomReader(() => {
    throw unreadable;
  });
  const fd = fs.openSync(request.log, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    const read = (buffer: Buffer, offset: number, length: number, position: number): number =>
      fs.readSync(fd, buffer, offset, length, position);
    for (const {region, base} of codec.lineRegions(fd, request.from, request.to, request.pieceBytes, read))
      linesByRoom(region, base, (roomId, start, end) => {
        const index = indexOf.get(roomId);
        if (index === undefined) return;
        const at = count % PIECE;
        if (at === 0)
          pieces.push({
            room: new Int32Array(PIECE),
            offset: new Float64Array(PIECE),
            length: new Int32Array(PIECE),
          });
        const piece = pieces[pieces.length - 1] as (typeof pieces)[number];
        piece.room[at] = index;
        piece.offset[at] = start;
        piece.length[at] = end - start;
        count += 1;
      });
    return {count, pieces};
  } catch (error) {
    if (error === unreadable) return null;
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}
