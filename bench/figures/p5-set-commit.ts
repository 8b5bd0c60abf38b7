// P5: one Set-CsPersistentChatRoom commit, in this process: on the large store against S, and
// against one fsynced append of the change itself (the changed room as one JSON line).

import fs from 'node:fs';
import path from 'node:path';
import {toJsonLine} from '../../src/store/jsonl.js';
import {ratioFigure, type Figure} from './figure.js';
import {runOk, sessionOn} from './session-on.js';
import type {BenchStore} from './stores.js';
import {inProcess} from './timing.js';

const ROOM = 'pc1.dc1.example.org\\ItRoom';

async function setMs(store: BenchStore): Promise<number> {
  const session = await sessionOn(store);
  try {
    return await inProcess((i) =>
      runOk(session, `Set-CsPersistentChatRoom -Identity "${ROOM}" -Description "bench ${i}"`),
    );
  } finally {
    session.store.close();
  }
}

async function appendMs(store: BenchStore, dir: string): Promise<number> {
  const room = store.generated.state.rooms.find((r) => r.name === 'ItRoom')!;
  const file = path.join(dir, 'p5-append.jsonl');
  const fd = fs.openSync(file, 'a');
  try {
    return await inProcess((i) => {
      fs.writeSync(fd, toJsonLine({...room, description: `bench ${i}`}));
      fs.fsyncSync(fd);
    });
  } finally {
    fs.closeSync(fd);
  }
}

export async function p5(small: BenchStore, large: BenchStore, scratch: string): Promise<Figure[]> {
  const onSmall = await setMs(small);
  const onLarge = await setMs(large);
  const append = await appendMs(large, scratch);
  const what = `one Set-CsPersistentChatRoom commit, ${large.size}`;
  return [
    ratioFigure({
      id: `P5-${large.size}/S`,
      what,
      value: onLarge,
      baseline: onSmall,
      baselineWhat: `the same commit on ${small.size}`,
      maxRatio: 1.5,
      goal: '<= 1.5x',
    }),
    ratioFigure({
      id: 'P5-append',
      what,
      value: onLarge,
      baseline: append,
      baselineWhat: 'one fsynced append of the changed room',
      maxRatio: 3,
      goal: '<= 3x',
    }),
  ];
}
