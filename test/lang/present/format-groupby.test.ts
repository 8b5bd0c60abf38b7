// Format-Table -GroupBy on the demo's rooms: PowerShell 5.1's group layout, a blank line and a
// "   Name: value" heading before each group's own table.

import fs from 'node:fs';
import {beforeAll, describe, expect, it} from 'vitest';
import {listView} from '../../../src/lang/present/list-view.js';
import type {Session} from '../../../src/session.js';
import {demoDeployment, loadedFrom} from '../../helpers/demo.js';
import {openSession} from '../../helpers/run-lines.js';

const SETUP = fs.readFileSync(new URL('../../../data/demo/setup.ps1', import.meta.url), 'utf8');

let session: Session;
beforeAll(async () => {
  ({session} = await openSession(loadedFrom(demoDeployment()).state, {user: 'admin'}));
  await session.runScript(SETUP);
});

const shown = async (line: string): Promise<string[]> => {
  const run = await session.run(line);
  expect(run.errors).toEqual([]);
  return listView(run.output, 80);
};

describe('Format-Table -GroupBy', () => {
  it('writes a heading and a table for each group of sorted rooms', async () => {
    expect(
      await shown('Get-CsPersistentChatRoom | Sort-Object Privacy | Format-Table Name -GroupBy Privacy'),
    ).toEqual([
      '',
      '   Privacy: Closed',
      '',
      'Name',
      '----',
      'HelpDeskChatRoom',
      'ItRoom',
      'LisbonRoom',
      'ProjectsRoom',
      '',
      '   Privacy: Open',
      '',
      'Name',
      '----',
      'EmeaRoom',
      '',
      '   Privacy: Secret',
      '',
      'Name',
      '----',
      'HelpRoom',
      '',
    ]);
  });

  it('starts a new group wherever the value changes, as PowerShell does without sorting', async () => {
    const lines = await shown('Get-CsPersistentChatRoom | Format-Table Name -GroupBy Privacy');
    expect(lines.filter((line) => line.startsWith('   Privacy:'))).toEqual([
      '   Privacy: Open',
      '   Privacy: Closed',
      '   Privacy: Secret',
      '   Privacy: Closed',
    ]);
  });

  it('groups by a calculated property under its name', async () => {
    const lines = await shown(
      'Get-CsPersistentChatRoom | Sort-Object Category | ft Name -GroupBy @{Name="Cat"; Expression={$_.Category}}',
    );
    expect(lines[1]).toBe('   Cat: pc1.dc1.example.org\\IT');
  });
});
