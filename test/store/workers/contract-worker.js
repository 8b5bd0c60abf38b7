// A writer process for the store contract tests, on either adapter as built in dist/store/.
// argv[2]: JSON {build, store: {kind: 'file', dir} | {kind: 'postgres', url}, task, name, count}.
//   forever: commits until killed (a policy and a message each, sometimes a rewrite or a backup),
//            printing "ack <revision>" after each acknowledged commit.
//   edits:   `count` edits of one counter, each prepared on the revision it read and committed only
//            if the store is still at it (as the session's expectations do); a stale one is a
//            conflict, reported and tried again. Prints "conflict <revision>" for each and
//            "done <conflicts>" at the end.

import path from 'node:path';
import process from 'node:process';
import {pathToFileURL} from 'node:url';

const args = JSON.parse(process.argv[2]);
const load = (file) => import(pathToFileURL(path.join(args.build, 'store', file)).href);
const say = (line) => process.stdout.write(`${line}\n`);

const store =
  args.store.kind === 'file'
    ? await (await load('file-store.js')).openStore(args.store.dir, {user: 'worker', lockTimeoutMs: 30_000})
    : await (await load('pg-store.js')).openPgStore(args.store.url, {timeoutMs: 30_000});
say('ready');

const audit = (command, targets) => ({
  operator: 'worker',
  uid: null,
  role: 'CsAdministrator',
  command,
  targets,
  result: 'Success',
  errors: [],
  source: null,
  warnings: [],
  via: 'exec',
});
const policy = (identity, description = null) => ({
  identity,
  description,
  enablePersistentChat: true,
  rev: 0,
});
const message = (id, roomId) => ({
  id,
  roomId,
  author: 'sip:ana@example.org',
  postedAt: new Date().toISOString(),
  text: `posted by ${args.name}`,
  replaced: false,
  replacedAt: null,
});

if (args.task === 'edits') {
  let conflicts = 0;
  for (let i = 0; i < args.count;) {
    const seen = await store.read();
    const counter = Number(seen.policies.find((p) => p.identity === 'Tag:counter')?.description ?? 0);
    const outcome = await store.commit((fresh) => {
      if (fresh.revision !== seen.revision) return {plan: null, result: 'conflict'};
      const policies = fresh.policies.map((p) =>
        p.identity === 'Tag:counter' ? policy(p.identity, String(counter + 1)) : p,
      );
      return {
        plan: {
          state: {...fresh, policies},
          effects: [],
          audit: audit(`edit ${args.name}-${i}`, ['Tag:counter']),
        },
        result: 'ok',
      };
    });
    if (outcome.result === 'ok') i += 1;
    else {
      conflicts += 1;
      say(`conflict ${seen.revision}`);
    }
  }
  say(`done ${conflicts}`);
  store.close();
} else {
  for (;;) {
    const outcome = await store.commit((fresh) => {
      const next = fresh.revision + 1;
      const effects = [{kind: 'appendMessages', messages: [message(`k${next}`, `room-${next % 3}`)]}];
      if (next % 7 === 0)
        effects.push({
          kind: 'rewriteMessages',
          roomIds: ['room-1'],
          rewrite: (m) => ({...m, text: `${m.text}!`}),
        });
      if (next % 11 === 0) effects.push({kind: 'backup', reason: `round ${next}`});
      return {
        plan: {
          state: {...fresh, policies: [...fresh.policies, policy(`Tag:k${next}`)]},
          effects,
          audit: audit(`add k${next}`, [`Tag:k${next}`]),
        },
        result: null,
      };
    });
    say(`ack ${outcome.revision}`);
  }
}
