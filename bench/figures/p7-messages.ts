// P7: Clear-CsPersistentChatRoom, Remove-CsPersistentChatMessage and one room's history on the
// large store, each against one streaming pass over the message log (64 KiB reads, lines counted).

import fs from 'node:fs';
import {ratioFigure, type Figure} from './figure.js';
import {runOk, sessionOn} from './session-on.js';
import {messageLog, type BenchStore} from './stores.js';
import {inProcess, RUNS} from './timing.js';

/** Clear and Remove back the store up and rewrite the log: a few runs are enough to see them. */
const HEAVY_RUNS = Number(process.env['BENCH_HEAVY_RUNS'] ?? 3);
const ROOM = 'pc1.dc1.example.org\\ItRoom';

function streamingPass(file: string): number {
  const buffer = Buffer.allocUnsafe(1 << 16);
  const fd = fs.openSync(file, 'r');
  let lines = 0;
  try {
    for (let n = fs.readSync(fd, buffer); n > 0; n = fs.readSync(fd, buffer))
      for (let k = buffer.indexOf(10); k >= 0 && k < n; k = buffer.indexOf(10, k + 1)) lines++;
  } finally {
    fs.closeSync(fd);
  }
  return lines;
}

export async function p7(large: BenchStore): Promise<Figure[]> {
  const pass = await inProcess(() => streamingPass(messageLog(large)), HEAVY_RUNS);
  const baselineWhat = 'one streaming pass over the log';
  const session = await sessionOn(large);
  try {
    const historyLine = `Get-PcChatMessage -Room "${ROOM}"`;
    // The first read of the store has no message index yet and writes it; the figure is the reads after.
    const firstHistory = await inProcess(() => runOk(session, historyLine), 1);
    const history = await inProcess(() => runOk(session, historyLine), RUNS);
    // Each run reaches a later year, so that every run changes messages.
    const remove = await inProcess(
      (i) =>
        runOk(
          session,
          `Remove-CsPersistentChatMessage -Identity "${ROOM}" -EndDate "${2019 + i}-06-30" -Confirm:$False`,
        ),
      HEAVY_RUNS,
    );
    const clear = await inProcess(
      (i) =>
        runOk(
          session,
          `Clear-CsPersistentChatRoom -Identity "${ROOM}" -EndDate "${2019 + i}-01-01" -Confirm:$False`,
        ),
      HEAVY_RUNS,
    );
    // A rewrite carries the index over to the new log: the next read needs no rebuild.
    const historyAfterClear = await inProcess(() => runOk(session, historyLine), 1);
    const row = (
      id: string,
      what: string,
      value: number,
      extra: {maxMs?: number; goal?: string; note?: string} = {},
    ) =>
      ratioFigure({
        id,
        what: `${what}, ${large.size}`,
        value,
        baseline: pass,
        baselineWhat,
        maxRatio: 2,
        goal: extra.goal ?? '<= 2x',
        ...(extra.maxMs === undefined ? {} : {maxMs: extra.maxMs}),
        ...(extra.note === undefined ? {} : {note: extra.note}),
      });
    return [
      row('P7-clear', 'Clear-CsPersistentChatRoom', clear),
      row('P7-remove', 'Remove-CsPersistentChatMessage', remove),
      row('P7-history', "one room's history (Get-PcChatMessage)", history, {
        maxMs: 50,
        goal: '<= 2x and <= 50 ms',
        note: `first read, which builds the index: ${firstHistory.toFixed(0)} ms; the first read after Clear: ${historyAfterClear.toFixed(0)} ms`,
      }),
    ];
  } finally {
    session.store.close();
  }
}
