// The Export/Import screen (x on Pools) over a store on disk: an export with its progress, an
// import's -WhatIf plan read before the pool's name is typed, and a cancel that leaves the store
// as it was. The transfers run in a child pchat exec, as in the console.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {consoleTransfers} from '../../src/transfer-process.js';
import {keys} from '../helpers/keys.js';
import {fingerprint, pchatBin} from '../helpers/pchat-process.js';
import type {RenderedApp} from '../helpers/render-app.js';
import {demoConsolesOnDisk} from './demo-console.js';

const PC1 = 'pc1.dc1.example.org';
const TIMEOUT = {timeout: 30_000};

const onDisk = demoConsolesOnDisk('pchat-transfer-screen-');

/** The demo store on disk, opened in the console as `pchat` opens it: with its transfers. */
const consoleOnDisk = (columns = 100, rows = 30) =>
  onDisk({
    columns,
    rows,
    // The child pchat exec acts as the OS user: it is made an administrator of the store.
    state: (demo) => ({
      ...demo,
      operators: [...demo.operators, {name: os.userInfo().username, roles: ['CsAdministrator' as const]}],
    }),
    props: (_store, dir) => ({transfers: consoleTransfers(dir, pchatBin)}),
  });

const leftovers = (dir: string): string[] =>
  fs.readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'));

async function exportPool(app: RenderedApp): Promise<string> {
  await app.press('1', 'x');
  await app.press(keys.enter);
  return app.waitForFrame((f) => f.includes('Exported.'), TIMEOUT);
}

describe('the Export/Import screen', () => {
  it.each([
    [80, 24],
    [100, 30],
  ])('offers the pool database, level and file name at %ix%i', async (columns, rows) => {
    const {app} = await consoleOnDisk(columns, rows);
    await app.press('1', 'x');
    expect(app.lastFrame()).toMatchSnapshot();
  });

  it('exports the pool to a new archive under exports/, with the progress of its entries', async () => {
    const {app, dir} = await consoleOnDisk();
    const frame = await exportPool(app);
    expect(frame).toMatch(/entries/);
    expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual([`${PC1}-2026-01-15.zip`]);
    expect(leftovers(dir)).toEqual([]);
  });

  it('shows the import plan, asks for the pool name, then imports', async () => {
    const {app, dir} = await consoleOnDisk();
    await exportPool(app);
    await app.press(keys.esc, 'x', keys.tab);
    expect(app.lastFrame()).toContain(`${PC1}-2026-01-15.zip`);
    const before = fingerprint(dir);
    await app.press(keys.enter);
    const plan = await app.waitForFrame((f) => f.includes(`Type ${PC1} to confirm:`), TIMEOUT);
    expect(plan).toContain('The import would do this (-WhatIf):');
    expect(plan).toMatch(/What if:/);
    expect(fingerprint(dir)).toBe(before);
    await app.press(keys.enter);
    expect(app.lastFrame()).toContain(`Type ${PC1} exactly to import`);
    await app.type(PC1);
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes('Imported.'), TIMEOUT);
    expect(fingerprint(dir)).not.toBe(before);
    expect(leftovers(dir)).toEqual([]);
  });

  it('cancels an export with Esc, leaving the store byte-identical and no temp files', async () => {
    const {app, dir} = await consoleOnDisk();
    const before = fingerprint(dir);
    await app.press('1', 'x', keys.enter);
    expect(app.lastFrame()).toContain('Exporting:');
    await app.press(keys.esc);
    await app.waitForFrame((f) => f.includes('Cancelled: nothing was written'), TIMEOUT);
    expect(fingerprint(dir)).toBe(before);
    expect(leftovers(dir)).toEqual([]);
  });
});
