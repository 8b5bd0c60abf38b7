// --ascii draws every pane, view and dialog with ASCII: any character above U+007F on screen must
// come from the data (a name or a message), never from the console's own text.

import {describe, expect, it} from 'vitest';
import {PANE_IDS, PANE_KEYS} from '../../src/tui/panes/pane-id.js';
import {keys} from '../helpers/keys.js';
import type {RenderedApp} from '../helpers/render-app.js';
import {demoApps, demoStore} from './demo-console.js';

const demoApp = demoApps();

/** The characters outside ASCII that the frame shows and the data does not hold. */
async function foreign(frame: string): Promise<string[]> {
  const demo = await demoStore();
  const data = new Set(JSON.stringify([demo.state, demo.messages]));
  return [...new Set([...frame].filter((c) => c.codePointAt(0)! > 0x7f && !data.has(c)))];
}

/** Runs `steps`, checking the frame after each. */
async function checkAll(app: RenderedApp, steps: readonly (readonly [string, readonly string[]])[]) {
  const found: string[] = [];
  for (const [what, presses] of steps) {
    await app.press(...presses);
    const chars = await foreign(app.lastFrame());
    if (chars.length > 0) found.push(`${what}: ${chars.join(' ')}`);
  }
  return found;
}

describe('the console with --ascii', () => {
  it('draws every pane, its detail view and its help with ASCII only', async () => {
    const app = await demoApp({props: {ascii: true}, rows: 24});
    const steps = PANE_IDS.flatMap((pane) => [
      [`the ${pane} pane`, [PANE_KEYS[pane]]] as const,
      [`a ${pane} detail`, [keys.enter]] as const,
      [`the ${pane} help`, ['?']] as const,
      [`back to ${pane}`, [keys.esc, keys.esc]] as const,
    ]);
    expect(await checkAll(app, steps)).toEqual([]);
  });

  it('draws the forms, confirmations, editor, prompt and filter with ASCII only', async () => {
    const app = await demoApp({props: {ascii: true}, rows: 24});
    const steps = [
      ['the new room form', [PANE_KEYS.rooms, 'n']],
      ['a choice field in focus', [keys.down, keys.down, keys.down]],
      ['the principal picker', [keys.down, keys.down, keys.down, keys.down, keys.enter]],
      ['the form again', [keys.esc]],
      ['the edit room form', [keys.esc, 'e']],
      ['the remove confirmation', [keys.esc, 'd']],
      ['the typed confirmation', [keys.esc, keys.space, 'j', keys.space, 'd']],
      ['the active-server editor', [keys.esc, PANE_KEYS.servers, 'e']],
      ['the command prompt', [keys.esc, ':', 'G', 'e', 't', '-', 'C', 's', 'P']],
      ['command history', [keys.esc, ':', keys.up]],
      ['a filter with no match', [keys.esc, PANE_KEYS.rooms, '/', 'z', 'z', 'q', 'q']],
      ['a long result view', [keys.esc, ':', ...'Get-CsUser', keys.enter]],
    ] as const;
    expect(await checkAll(app, steps)).toEqual([]);
  });

  it('draws the failover wizard with ASCII only, its before/after arrows included', async () => {
    const app = await demoApp({props: {ascii: true}, rows: 30, columns: 100});
    const steps = [
      ['the procedure chooser', ['1', 'w']],
      ['the first screen of a failover', [keys.esc, 'F']],
      ['its first step', [keys.enter]],
      ['the step confirmed', [...'pc1.dc1.example.org', keys.enter]],
      ['the next step', [keys.enter]],
    ] as const;
    expect(await checkAll(app, steps)).toEqual([]);
    expect(app.lastFrame()).toMatch(/->/);
  });
});
