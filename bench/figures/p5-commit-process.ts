// One measurement of P5, alone in its own process: the median of RUNS Set-CsPersistentChatRoom
// commits on a store, of the same lines on a store in memory holding that store's state (what the
// line costs with no disk: P5-append's floor), or of RUNS fsynced appends of the changed room.
// Prints {ms} on standard output.
//   node p5-commit-process.js set|memory STORE ROOM_IDENTITY
//   node p5-commit-process.js append FILE ROOM_JSON

import fs from 'node:fs';
import {Session} from '../../src/session.js';
import {openStore} from '../../src/store/file-store.js';
import {MemoryStore} from '../../src/store/memory-store.js';
import type {StorePort} from '../../src/store/port.js';
import {toJsonLine} from '../../src/store/jsonl.js';
import {runOk} from './session-on.js';
import {inProcess} from './timing.js';

const [mode, target, what] = process.argv.slice(2);
if ((mode !== 'set' && mode !== 'memory' && mode !== 'append') || !target || !what) {
  console.error('usage: p5-commit-process.js set|memory STORE ROOM_IDENTITY | append FILE ROOM_JSON');
  process.exit(2);
}

async function setMs(store: StorePort, identity: string): Promise<number> {
  const session = await Session.open({store, origin: 'exec', yes: true});
  try {
    return await inProcess((i) =>
      runOk(session, `Set-CsPersistentChatRoom -Identity "${identity}" -Description "bench ${i}"`),
    );
  } finally {
    session.store.close();
  }
}

async function appendMs(file: string, room: object): Promise<number> {
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

async function inMemory(dir: string): Promise<StorePort> {
  const store = await openStore(dir);
  try {
    return new MemoryStore(await store.read());
  } finally {
    store.close();
  }
}

const ms =
  mode === 'append'
    ? await appendMs(target, JSON.parse(what) as object)
    : await setMs(mode === 'set' ? await openStore(target) : await inMemory(target), what);
console.log(JSON.stringify({ms}));
