// Format-Table and Format-List on the demo's rooms and policies, compared with the layout Windows
// PowerShell 5.1 writes: a blank line, headers, dashes as wide as each header, columns one space
// apart, numbers right-aligned, the last column narrowed and cut with ... to fit the width.

import fs from 'node:fs';
import {beforeAll, describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
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

const shown = async (line: string, width: number): Promise<string> => {
  const run = await session.run(line);
  expect(run.errors).toEqual([]);
  return listView(run.output, width).join('\n');
};

describe('Format-Table', () => {
  it('lays out the demo rooms as PowerShell does, sized to their content', async () => {
    expect(await shown('Get-CsPersistentChatRoom | Format-Table Name,Privacy,Category', 80)).toBe(
      [
        '',
        'Name             Privacy Category',
        '----             ------- --------',
        'EmeaRoom         Open    pc1.dc1.example.org\\IT',
        'HelpDeskChatRoom Closed  pc1.dc1.example.org\\ITChat',
        'HelpRoom         Secret  pc1.dc1.example.org\\ITChat',
        'ItRoom           Closed  pc1.dc1.example.org\\IT',
        'LisbonRoom       Closed  pc1.dc1.example.org\\IT',
        'ProjectsRoom     Closed  pc1.dc1.example.org\\Projects',
        '',
      ].join('\n'),
    );
  });

  it('narrows the last column at 80 columns, wrapping its header and cutting its cells with ...', async () => {
    const at80 = await shown('Get-CsPersistentChatPolicy | ft', 80);
    expect(at80).toBe(
      [
        '',
        'Identity                         Description                               Enabl',
        '                                                                           ePers',
        '                                                                           isten',
        '                                                                           tChat',
        '--------                         -----------                               -----',
        'Global                                                                     False',
        'Site:DC1                         Persistent Chat for the users of site DC1 True',
        'Tag:DC1PersistentChatPolicy      Persistent Chat enabled                   True',
        'Tag:DC1UsersPersistentChatPolicy Persistent Chat for DC1 help desk users   True',
        '',
      ].join('\n'),
    );
    for (const line of at80.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
  });

  it('shows every column whole at 120 columns', async () => {
    expect(await shown('Get-CsPersistentChatPolicy | ft', 120)).toBe(
      [
        '',
        'Identity                         Description                               EnablePersistentChat',
        '--------                         -----------                               --------------------',
        'Global                                                                     False',
        'Site:DC1                         Persistent Chat for the users of site DC1 True',
        'Tag:DC1PersistentChatPolicy      Persistent Chat enabled                   True',
        'Tag:DC1UsersPersistentChatPolicy Persistent Chat for DC1 help desk users   True',
        '',
      ].join('\n'),
    );
  });

  it('cuts the cells of the last column with ... and drops a column left with no room', async () => {
    const lines = (await shown('Get-CsPersistentChatRoom | ft Identity,Category,Name', 60)).split('\n');
    expect(lines.slice(1, 4)).toEqual([
      'Identity                             Category',
      '--------                             --------',
      'pc1.dc1.example.org\\EmeaRoom         pc1.dc1.example.org\\IT',
    ]);
    expect(lines[5]).toBe('pc1.dc1.example.org\\HelpRoom         pc1.dc1.example.org\\...');
  });

  it('right-aligns a calculated column of numbers and wraps long cells with -Wrap', async () => {
    const text = await shown(
      'Get-CsPersistentChatRoom | ft Name,@{Name="Members"; Expression={$_.Members.Count}},Description -Wrap',
      30,
    );
    expect(text.split('\n').slice(1, 8)).toEqual([
      'Name             Members Descr',
      '                         iptio',
      '                         n',
      '----             ------- -----',
      'EmeaRoom               0',
      'HelpDeskChatRoom       0',
      'HelpRoom               1',
    ]);
    expect(text).toContain(
      'ItRoom                 2 Gener\n                         al IT\n                         chat\n                         room',
    );
  });

  it('leaves out the headers with -HideTableHeaders', async () => {
    expect(
      await shown('Get-CsPersistentChatPolicy -Identity Global | ft Identity -HideTableHeaders', 80),
    ).toBe('\nGlobal\n');
  });

  it.each([
    ['ESC and a bidi override', 'a\u001b[2J\u202eb', 'a^[[2J\\u{202e}b'],
    ['CJK and an emoji', '会議室 🚀', '会議室 🚀'],
  ])('keeps the columns aligned by display width with %s in a cell', async (_, text, shownText) => {
    const run = await session.run(`@{"${text.replaceAll('\u001b', '`e')}"="x"; Other="y"} | Format-Table`);
    const lines = listView(run.output, 80);
    const rows = lines.slice(3, 5);
    expect(rows.join('\n')).toContain(shownText);
    // Each row ends in its one-column value, so rows of the same display width have aligned values.
    expect(rows.map((line) => stringWidth(line))).toEqual([stringWidth(rows[0]!), stringWidth(rows[0]!)]);
    expect(rows.map((line) => line.slice(-1)).sort()).toEqual(['x', 'y']);
  });
});

describe('Format-List', () => {
  it('pads the names to the longest and leaves a blank line between objects', async () => {
    expect(await shown('Get-CsPersistentChatPolicy | fl Identity,Enable*', 120)).toBe(
      [
        '',
        'Identity             : Global',
        'EnablePersistentChat : False',
        '',
        'Identity             : Site:DC1',
        'EnablePersistentChat : True',
        '',
        'Identity             : Tag:DC1PersistentChatPolicy',
        'EnablePersistentChat : True',
        '',
        'Identity             : Tag:DC1UsersPersistentChatPolicy',
        'EnablePersistentChat : True',
        '',
      ].join('\n'),
    );
  });

  it('continues a long value on the next lines, indented under the values', async () => {
    const text = await shown('Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom" | fl *', 50);
    expect(text).toContain(
      'Members                : {sip:ana@example.org,\n                         sip:ben@example.org}\n',
    );
    expect(text).toContain(
      'ChatRoomUri            : ma-chan://example.org/000\n                         00000-0000-4000-8000-0000\n',
    );
    for (const line of text.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(50);
  });
});

describe('Format-* output in a pipeline', () => {
  it('is refused by any command but Out-String, Out-File and Export-Csv', async () => {
    const run = await session.run(
      'Get-CsPersistentChatRoom | Format-Table Name | Where-Object {$_.Name -eq "x"}',
    );
    expect(run.output).toEqual([]);
    expect(run.errors).toMatchObject([
      {cmdlet: 'Where-Object', errorId: 'ConsoleLineOutputOutOfSequencePacket'},
    ]);
    expect(run.errors[0]!.message).toContain('is not valid or not in the correct sequence');
    expect(run.errors[0]!.message).toContain('Put Format-Table last in the pipeline');
  });

  it('refuses a calculated property that computes rather than reads a property', async () => {
    const run = await session.run('Get-CsPersistentChatRoom | ft @{N="x"; E={$_.Name -eq "a"}}');
    expect(run.errors).toMatchObject([
      {cmdlet: 'Format-Table', errorId: 'InvalidValue', parameter: 'Property'},
    ]);
  });
});
