// One measurement of P5, alone in its own process: the median of RUNS Set-CsPersistentChatRoom
// commits on a store, or of RUNS fsynced appends of the changed room. Prints {ms} on standard output.
//   node p5-commit-process.js set STORE ROOM_IDENTITY
//   node p5-commit-process.js append FILE ROOM_JSON

import fs from 'node:fs';
import {Session} from '../../src/session.js';
import {openStore} from '../../src/store/file-store.js';
import {toJsonLine} from '../../src/store/jsonl.js';
import {runOk} from './session-on.js';
import {inProcess} from './timing.js';

const [mode, target, what] = process.argv.slice(2);
if ((mode !== 'set' && mode !== 'append') || !target || !what) {
  console.error('usage: p5-commit-process.js set STORE ROOM_IDENTITY | append FILE ROOM_JSON');
  process.exit(2);
}

async function setMs(dir: string, identity: string): Promise<number> {
  const session = await Session.open({store: await openStore(dir), origin: 'exec', yes: true});
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

const ms = mode === 'set' ? await setMs(target, what) : await appendMs(target, JSON.parse(what) as object);
console.log(JSON.stringify({ms}));
