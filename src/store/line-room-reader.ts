// The room of each line of a region of the message log, read from its bytes (line-rooms.ts has the
// rule). Kept apart and self-contained, the byte-level part refers to nothing outside itself: the zip
// writer's thread runs its source to read half of the log while an export's thread reads the other
// half (zip-bridge.ts, archive-write.ts). `parse` gives the room of a line not in the store's form.

export type LinesByRoom = (
  region: Buffer,
  base: number,
  add: (roomId: string, start: number, end: number) => void,
) => void;

export function lineRoomReader(parse: (bytes: Buffer) => string): LinesByRoom {
  const PREFIX = Buffer.from('{"id":"');
  const ROOM_KEY = Buffer.from('","roomId":"');
  const KEY = Buffer.from('"roomId"');
  const ESCAPE = Buffer.from('\\u');
  const QUOTE = 0x22;
  const BACKSLASH = 0x5c;
  const utf8 = new TextDecoder('utf-8', {fatal: true});

  /**
   * The room of the line [start, stop) as the store writes it (and where the next "roomId" is), or
   * null when the line must be parsed.
   */
  function quickRoom(
    region: Buffer,
    start: number,
    stop: number,
    key: number,
    escape: number,
  ): {roomId: string; nextKey: number} | null {
    if (escape >= 0 && escape < stop) return null;
    if (
      stop - start < PREFIX.length ||
      region.compare(PREFIX, 0, PREFIX.length, start, start + PREFIX.length) !== 0
    )
      return null;
    let at = start + PREFIX.length;
    while (at < stop && region[at] !== QUOTE && region[at] !== BACKSLASH) at++;
    if (at >= stop || region[at] !== QUOTE) return null;
    // compare() throws past the region's end: a short last line goes to the parser instead.
    if (at + ROOM_KEY.length > stop) return null;
    if (region.compare(ROOM_KEY, 0, ROOM_KEY.length, at, at + ROOM_KEY.length) !== 0) return null;
    // The key's bytes start one byte into ROOM_KEY ("roomId"), and must be the line's only ones.
    if (key !== at + 2) return null;
    const next = region.indexOf(KEY, key + 1);
    if (next >= 0 && next < stop) return null;
    const from = at + ROOM_KEY.length;
    let to = from;
    let ascii = true;
    for (; to < stop && region[to] !== QUOTE && region[to] !== BACKSLASH; to++)
      ascii &&= (region[to] as number) < 0x80;
    if (to >= stop || region[to] !== QUOTE) return null;
    // ASCII reads the same as Latin-1 and as UTF-8, and Latin-1 is decoded at a third of the cost of
    // the checking UTF-8 decoder (a room id per line: a million on L).
    if (ascii) return {roomId: region.toString('latin1', from, to), nextKey: next};
    try {
      return {roomId: utf8.decode(region.subarray(from, to)), nextKey: next};
    } catch {
      return null;
    }
  }

  /**
   * Calls `add` with the room and the byte range (end: just past its newline) of every line in
   * `region`, which holds complete lines starting at file offset `base`.
   */
  return function linesByRoom(
    region: Buffer,
    base: number,
    add: (roomId: string, start: number, end: number) => void,
  ): void {
    // The next "roomId" and \u at or after the current line, found once per line, not once per search.
    let key = region.indexOf(KEY, 0);
    let escape = region.indexOf(ESCAPE, 0);
    for (let start = 0; start < region.length;) {
      const stop = region.indexOf(0x0a, start);
      while (key >= 0 && key < start) key = region.indexOf(KEY, key + 1);
      while (escape >= 0 && escape < start) escape = region.indexOf(ESCAPE, escape + 1);
      const fast = quickRoom(region, start, stop, key, escape);
      if (fast !== null) key = fast.nextKey;
      const roomId = fast?.roomId ?? parse(region.subarray(start, stop));
      add(roomId, base + start, base + stop + 1);
      start = stop + 1;
    }
  };
}
