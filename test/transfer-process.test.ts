// The console's export and import run in a child pchat exec: the console's event loop keeps
// running, and a cancel leaves the store byte for byte as it was, with no staging folder or
// unfinished archive.

import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {startTransfer, EXPORT_NODE_FLAGS, type TransferRun} from '../src/transfer-process.js';
import {POOL1, demoStore} from './helpers/archive-stores.js';
import {pchatBin, tempDir} from './helpers/pchat-process.js';

const root = tempDir();
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));

/** Every file under dir, with a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, {withFileTypes: true, recursive: true})) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

const exportLine = (name: string) => `Export-CsPersistentChatData -DBInstance '${POOL1}' -FileName '${name}'`;
const importLine = (name: string) => `Import-CsPersistentChatData -DBInstance '${POOL1}' -FileName '${name}'`;

/** Cancels as soon as the child has begun its staging folder (or soon after start if it is quick). */
async function cancelMidway(dir: string, run: TransferRun): Promise<boolean> {
  const started = Date.now();
  let staging = false;
  while (!staging && Date.now() - started < 5000) {
    staging = fs.readdirSync(dir).some((n) => /^\.(export|import)-.*\.tmp$/.test(n));
    if (!staging) await new Promise((r) => setTimeout(r, 2));
  }
  run.cancel();
  return staging;
}

describe('a transfer in a child process', () => {
  it('exports while this process keeps serving its timers', async () => {
    const dir = await demoStore(root, 'free');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const outcome = await startTransfer({
      storeDir: dir,
      line: exportLine('a.zip'),
      output: 'a.zip',
      bin: pchatBin,
    }).done;
    clearInterval(timer);
    expect(outcome).toMatchObject({kind: 'finished', status: 0});
    expect(fs.statSync(path.join(dir, 'exports', 'a.zip')).size).toBeGreaterThan(0);
    expect(ticks).toBeGreaterThan(5);
  });

  it("starts an export's child with the export's flags for V8 (P6's peak of memory), an import's without", async () => {
    const dir = await demoStore(root, 'flags');
    // A stand-in for bin/pchat.js that says which flags its process was started with.
    const bin = path.join(root, 'print-flags.mjs');
    fs.writeFileSync(bin, 'console.log(JSON.stringify(process.execArgv));\n');
    const flagsOf = async (request: {line: string; output?: string}): Promise<string[]> => {
      const outcome = await startTransfer({storeDir: dir, bin, ...request}).done;
      expect(outcome).toMatchObject({kind: 'finished', status: 0});
      return JSON.parse((outcome as {stdout: string}).stdout) as string[];
    };
    expect(EXPORT_NODE_FLAGS).toEqual(['--max-semi-space-size=4']);
    expect(await flagsOf({line: exportLine('f.zip'), output: 'f.zip'})).toEqual([...EXPORT_NODE_FLAGS]);
    expect(await flagsOf({line: importLine('f.zip')})).toEqual([]);
  });

  it('cancelled export leaves the store byte-identical, with no staging folder and no archive', async () => {
    const dir = await demoStore(root, 'cancel-export');
    const before = snapshot(dir);
    const run = startTransfer({storeDir: dir, line: exportLine('b.zip'), output: 'b.zip', bin: pchatBin});
    expect(await cancelMidway(dir, run)).toBe(true);
    expect(await run.done).toEqual({kind: 'cancelled'});
    expect(snapshot(dir)).toEqual(before);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
  });

  it('cancelled import leaves the store byte-identical', async () => {
    const dir = await demoStore(root, 'cancel-import');
    const exported = await startTransfer({
      storeDir: dir,
      line: exportLine('c.zip'),
      output: 'c.zip',
      bin: pchatBin,
    }).done;
    expect(exported).toMatchObject({kind: 'finished', status: 0});
    const before = snapshot(dir);
    const run = startTransfer({storeDir: dir, line: importLine('c.zip'), bin: pchatBin});
    expect(await cancelMidway(dir, run)).toBe(true);
    expect(await run.done).toEqual({kind: 'cancelled'});
    expect(snapshot(dir)).toEqual(before);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
  });
});
