// A separate process that reads one room's history through the built store (dist/store/), which
// writes messages.jsonl.index when there is none; the process tests kill it with -9 on the way.
// argv[2]: JSON {build (the dist/ folder), dir, roomId}. Prints "done <count>".

import path from 'node:path';
import process from 'node:process';
import {pathToFileURL} from 'node:url';

const args = JSON.parse(process.argv[2]);
const {openStore} = await import(pathToFileURL(path.join(args.build, 'store', 'file-store.js')).href);
const store = await openStore(args.dir, {user: 'worker'});
const count = [...store.ports().messages.scan({roomIds: [args.roomId]})].length;
store.close();
process.stdout.write(`done ${count}\n`);
