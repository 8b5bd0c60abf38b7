// Memory of the message cmdlets on a large store: a million messages in a file store in a temp
// directory, then Clear-CsPersistentChatRoom, Remove-CsPersistentChatMessage, Remove-CsPersistentChatRoom
// and the Restore-PcBackup that undoes the room's removal, through a Session.
// Prints times and peak RSS; asserts nothing (shared, noisy machines). BENCH_MESSAGES changes the size.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {loadDeployment} from '../src/domain/deployment.js';
import type {ChatMessage} from '../src/domain/types.js';
import {createStore} from '../src/store/file-store.js';
import {Session} from '../src/session.js';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  ...(import.meta.url.includes('/.bench/') ? ['..'] : []),
);
const count = Number(process.env['BENCH_MESSAGES'] ?? 1_000_000);
const BATCH = 20_000;
const POOL = 'pc1.dc1.example.org';
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
const authors = ['sip:ana@example.org', 'sip:ben@example.org', 'sip:carl@example.org'];

const audit = {
  operator: 'bench',
  uid: null,
  role: 'CsAdministrator',
  command: 'bench: append messages',
  targets: [],
  result: 'Success',
  errors: [],
  source: null,
  warnings: [],
  via: 'exec',
} as const;

async function main(): Promise<void> {
  const demo: unknown = JSON.parse(
    fs.readFileSync(path.join(root, 'data', 'demo', 'deployment.json'), 'utf8'),
  );
  let ids = 0;
  const {state} = loadDeployment(demo, {initUser: 'bench', newId: () => `id-${++ids}`});
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-bench-messages-'));
  const store = await createStore(path.join(dir, 'store'), state, [], {user: 'bench'});
  try {
    const session = await Session.open({store, origin: 'exec', user: 'bench', uid: null, yes: true});
    const setup = fs.readFileSync(path.join(root, 'data', 'demo', 'setup.ps1'), 'utf8');
    await session.runScript(setup.slice(setup.indexOf('# --- Categories, rooms and add-ins ---')));
    const roomIds = session.state.rooms.map((r) => r.id);

    let start = performance.now();
    for (let i = 0; i < count;) {
      const batch: ChatMessage[] = [];
      for (; batch.length < BATCH && i < count; i++) {
        batch.push({
          id: `m${i}`,
          roomId: roomIds[i % roomIds.length] ?? '',
          author: authors[i % authors.length] ?? '',
          postedAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString(),
          text: `Message ${i}: orion and vega status, server move tonight`,
          replaced: false,
          replacedAt: null,
        });
      }
      await store.commit((fresh) => ({
        plan: {state: fresh, effects: [{kind: 'appendMessages', messages: batch}], audit},
        result: null,
      }));
    }
    const generated = performance.now() - start;
    const afterGenerate = peakRss();

    const timed = async (line: string): Promise<string> => {
      const begin = performance.now();
      const run = await session.run(line);
      const ms = performance.now() - begin;
      if (!run.ok) throw new Error(`${line}: ${run.errors.map((e) => e.message).join('; ')}`);
      return `${ms.toFixed(0)} ms, peak RSS ${mb(peakRss())}`;
    };
    start = performance.now();
    const clear = await timed(
      `Clear-CsPersistentChatRoom -Identity "${POOL}\\ItRoom" -EndDate "6/30/2020" -Confirm:$False`,
    );
    const remove = await timed(
      `Remove-CsPersistentChatMessage -Identity "${POOL}\\EmeaRoom" -UserUri "sip:ana@example.org" -Filter "orion vega"`,
    );
    const purge = await timed(
      `Remove-CsPersistentChatMessage -Identity "${POOL}\\LisbonRoom" -EndDate "12/31/2020" -Remove`,
    );
    const removeRoom = await timed(`Remove-CsPersistentChatRoom -Identity "${POOL}\\ItRoom"`);
    const restore = await timed('Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup');

    console.log(`${count} messages in ${roomIds.length} rooms (one machine, one run)`);
    console.log(
      `  generate through the file store  ${generated.toFixed(0)} ms, peak RSS ${mb(afterGenerate)}`,
    );
    console.log(`  Clear-CsPersistentChatRoom        ${clear}`);
    console.log(`  Remove-...Message (replace)       ${remove}`);
    console.log(`  Remove-...Message -Remove         ${purge}`);
    console.log(`  Remove-CsPersistentChatRoom       ${removeRoom}`);
    console.log(`  Restore-PcBackup (that room)      ${restore}`);
    console.log(`  log now ${mb(fs.statSync(store.files.messages).size)}`);
  } finally {
    store.close();
    fs.rmSync(dir, {recursive: true, force: true});
  }
}

await main();
