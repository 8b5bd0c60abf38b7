// A separate process that uses the built store (dist/store/, from scripts/bundle.js), driven by the process tests.
// argv[2]: JSON {build (the dist/ folder), dir, task, name, count, user, checkpointBytes?, compactShare?}. Talks back in lines on stdout.
//   commits: `count` commits, each adding policy Tag:<name>-<i> and one message; prints "done <retries>".
//   forever: commits until killed, printing "ack <revision>" after each acknowledged commit.
//   hold:    takes the store lock, prints "locked", and keeps it until killed.
//   once:    one commit with one appended message; prints "ack <revision>".
//   With stateOnly: true, `commits`, `forever` and `once` append no message: each commit changes only
//   the state, the kind of commit that needs no journal.
//   removal: removes room-1 and its messages, keeping them in a removal backup; prints "ack <revision>".

import path from 'node:path';
import process from 'node:process';
import {setInterval} from 'node:timers';
import {pathToFileURL} from 'node:url';

const args = JSON.parse(process.argv[2]);
const load = (file) => import(pathToFileURL(path.join(args.build, 'store', file)).href);
const {openStore, storeFiles} = await load('file-store.js');
const {acquireLock} = await load('lock.js');

const say = (line) => process.stdout.write(`${line}\n`);
const policy = (identity) => ({identity, description: null, enablePersistentChat: true, rev: 0});
const message = (id, roomId) => ({
  id,
  roomId,
  author: 'sip:ana@example.org',
  postedAt: new Date().toISOString(),
  text: `posted by ${args.name}`,
  replaced: false,
  replacedAt: null,
});
const audit = (command, targets) => ({
  operator: args.user,
  uid: null,
  role: 'CsAdministrator',
  command,
  targets,
  result: 'Success',
  errors: [],
  source: null,
});

/** One change: a policy named after the revision it creates, one message, sometimes a rewrite or a backup. */
function change(fresh, name) {
  const next = fresh.revision + 1;
  const effects = args.stateOnly
    ? []
    : [{kind: 'appendMessages', messages: [message(`${name}`, `room-${next % 3}`)]}];
  if (args.task === 'forever' && !args.stateOnly && next % 7 === 0)
    effects.push({
      kind: 'rewriteMessages',
      roomIds: ['room-1'],
      rewrite: (m) => ({...m, text: `${m.text}!`}),
    });
  if (args.task === 'forever' && !args.stateOnly && next % 11 === 0)
    effects.push({kind: 'backup', reason: `round ${next}`});
  return {
    plan: {
      state: {...fresh, policies: [...fresh.policies, policy(`Tag:${name}`)]},
      effects,
      audit: audit(`add ${name}`, [`Tag:${name}`]),
    },
    result: next,
  };
}

const options = {
  user: args.user,
  lockTimeoutMs: args.lockTimeoutMs ?? 5000,
  ...(args.checkpointBytes === undefined ? {} : {checkpointBytes: args.checkpointBytes}),
  ...(args.compactShare === undefined ? {} : {compactShare: args.compactShare}),
};

if (args.task === 'hold') {
  await acquireLock(storeFiles(args.dir), {
    timeoutMs: 5000,
    user: args.user,
    host: (await import('node:os')).hostname(),
    mode: 0o600,
  });
  say('locked');
  setInterval(() => undefined, 60_000);
} else {
  const store = await openStore(args.dir, options);
  say('ready');
  if (args.task === 'commits') {
    let retries = 0;
    for (let i = 0; i < args.count; i += 1) {
      for (;;) {
        try {
          await store.commit((fresh) => change(fresh, `${args.name}-${i}`));
          break;
        } catch (error) {
          if (error?.code !== 'StoreLocked') throw error;
          retries += 1;
        }
      }
    }
    say(`done ${retries}`);
  } else if (args.task === 'removal') {
    const outcome = await store.commit((fresh) => {
      const room = fresh.rooms.find((r) => r.id === 'room-1');
      return {
        plan: {
          state: {...fresh, rooms: fresh.rooms.filter((r) => r !== room)},
          effects: [
            {kind: 'keepRemoved', rooms: [room], categories: []},
            {kind: 'rewriteMessages', roomIds: ['room-1'], rewrite: () => null},
          ],
          audit: {...audit('Remove-CsPersistentChatRoom room-1', ['room-1']), warnings: [], via: 'exec'},
        },
        result: null,
      };
    });
    say(`ack ${outcome.revision}`);
  } else if (args.task === 'once') {
    const outcome = await store.commit((fresh) => change(fresh, 'once'));
    say(`ack ${outcome.revision}`);
  } else {
    for (;;) {
      const outcome = await store.commit((fresh) => change(fresh, `k${fresh.revision + 1}`));
      say(`ack ${outcome.revision}`);
    }
  }
}
