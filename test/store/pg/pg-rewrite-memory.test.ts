// A message rewrite and a removal restore on PostgreSQL stream the messages they touch, in one
// transaction. `pchat exec` clears a room of 40,000 messages of 2 KB (80 MB of text) and restores it
// with its JavaScript heap capped at 64 MiB, which could not hold those messages even once, and its
// peak resident size stays within 70 MiB of the same lines on 2,000 messages (the rest is the
// allocator's and the worker thread's slack, which varies from run to run).

import fs from 'node:fs';
import path from 'node:path';
import {afterAll, expect, it} from 'vitest';
import {psql} from '../../helpers/pg-cluster.js';
import {pchat, tempDir} from '../../helpers/pchat-process.js';
import {clusterBin, newDatabase} from '../../helpers/pg-test-cluster.js';

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));
const env = {PCHAT_STATE_DIR: path.join(root, 'state')};
// Loaded before pchat: writes the process's peak resident size (KiB) to standard error at exit.
const reportPeak = path.join(root, 'report-peak.cjs');
fs.writeFileSync(
  reportPeak,
  "process.on('exit', () => process.stderr.write(`peak-rss-kib ${process.resourceUsage().maxRSS}\\n`));\n",
);

const sql = (url: string, text: string): string => psql({bin: clusterBin()}, url, text).trim();

/** Runs the line with a 64 MiB heap; the peak resident size of the process in MiB. */
function measured(url: string, line: string): number {
  const started = Date.now();
  const run = pchat(['exec', '--store', url, '--yes', line], {
    env,
    nodeArgs: ['--max-old-space-size=64', '--require', reportPeak],
    timeoutMs: 240_000,
  });
  console.log(`${line}: ${Date.now() - started} ms`);
  expect(run.stderr.replace(/^peak-rss-kib \d+\n/m, '')).toBe('');
  expect(run.status).toBe(0);
  const kib = Number(/^peak-rss-kib (\d+)$/m.exec(run.stderr)?.[1]);
  expect(kib).toBeGreaterThan(0);
  return kib / 1024;
}

/**
 * A demo store with `count` more messages of `size` bytes in its first room, from 2020 (with
 * `interleaved`, every third in its second room instead); the first room's identity.
 */
function storeWith(count: number, size = 2000, interleaved = false): {url: string; room: string} {
  const url = newDatabase();
  expect(pchat(['init', '--store', url], {env}).status).toBe(0);
  const rooms = pchat(['exec', '--store', url, '--json', 'Get-CsPersistentChatRoom'], {env});
  const [first] = JSON.parse(rooms.stdout) as {Identity: string; Name: string}[];
  const [id, other] = sql(
    url,
    `SELECT r->>'id' FROM json_array_elements((SELECT body FROM pchat_collections WHERE name = 'rooms')) r
      ORDER BY r->>'name' <> '${first!.Name}' LIMIT 2`,
  ).split('\n');
  expect(other).toBeDefined();
  const roomOf = interleaved ? `CASE WHEN n % 3 = 0 THEN '${other}' ELSE '${id}' END` : `'${id}'`;
  sql(
    url,
    `INSERT INTO pchat_messages (id, room_id, posted_at, body)
     SELECT 'bulk-' || n, ${roomOf}, p, json_build_object('id', 'bulk-' || n, 'roomId', ${roomOf},
            'author', 'sip:ana@example.org', 'postedAt', p, 'text', repeat('x', ${size}),
            'replaced', false, 'replacedAt', null)
       FROM generate_series(1, ${count}) n,
            LATERAL (SELECT to_char(timestamp '2020-01-01' + n * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS p) t`,
  );
  return {url, room: first!.Identity};
}

/** The log's messages in order, as values (json_build_object spaces its text; JSON.stringify does not). */
const logDigest = (url: string): string =>
  sql(url, "SELECT md5(string_agg(body::jsonb::text, ',' ORDER BY seq)) FROM pchat_messages");

const bulk = (url: string): number =>
  Number(sql(url, "SELECT count(*) FROM pchat_messages WHERE id LIKE 'bulk-%'"));

it('clears a room and restores it with the same peak memory for 2,000 and for 40,000 messages', () => {
  const peaks = [2000, 40_000].map((count) => {
    const {url, room} = storeWith(count);
    const before = logDigest(url);
    const clear = measured(url, `Clear-CsPersistentChatRoom -Identity '${room}' -EndDate '12/31/2020'`);
    expect(bulk(url)).toBe(0);
    const restore = measured(url, 'Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup');
    expect(bulk(url)).toBe(count);
    // Back in the same order, byte for byte.
    expect(logDigest(url)).toBe(before);
    return {count, clear, restore};
  });
  console.log(
    peaks
      .map(
        (p) =>
          `${p.count} messages: clear ${p.clear.toFixed(0)} MiB, restore ${p.restore.toFixed(0)} MiB peak RSS`,
      )
      .join('\n'),
  );
  const [small, large] = peaks as [(typeof peaks)[0], (typeof peaks)[0]];
  // 38,000 more messages are 76 MB more text: holding them, even once, would add more than this.
  expect(large.clear - small.clear).toBeLessThan(70);
  expect(large.restore - small.restore).toBeLessThan(70);
}, 600_000);

it('puts the messages of a room cleared over several batches back between those of another room, in their places', () => {
  const {url, room} = storeWith(3500, 40, true);
  const before = logDigest(url);
  const clear = pchat(
    ['exec', '--store', url, '--yes', `Clear-CsPersistentChatRoom -Identity '${room}' -EndDate '12/31/2020'`],
    {env},
  );
  expect(clear.status).toBe(0);
  // Two in three were the cleared room's.
  expect(bulk(url)).toBe((3500 / 3) | 0);
  const restore = pchat(
    ['exec', '--store', url, '--yes', 'Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup'],
    {env},
  );
  expect(restore.stderr).toBe('');
  expect(logDigest(url)).toBe(before);
}, 120_000);
