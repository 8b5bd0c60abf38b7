import {describe, expect, it} from 'vitest';
import {byName, contentState, POOL} from '../helpers/content-fixture.js';
import {invoke} from '../helpers/content-invoke.js';

describe('add-in cmdlets', () => {
  it('writes add-in objects with every documented property', () => {
    expect(
      invoke(contentState(), 'Get-CsPersistentChatAddin', {Identity: `${POOL}\\ItDashboard`}).output,
    ).toEqual([
      {
        Identity: `${POOL}\\ItDashboard`,
        Name: 'ItDashboard',
        Url: 'https://pc1.dc1.example.org/itdash',
        PersistentChatPoolFqdn: POOL,
      },
    ]);
  });

  it('registers an add-in and writes it', () => {
    const run = invoke(contentState(), 'New-CsPersistentChatAddin', {
      Name: 'Wiki',
      Url: 'https://wiki.example.org',
    });
    expect(run.output).toEqual([
      {
        Identity: `${POOL}\\Wiki`,
        Name: 'Wiki',
        Url: 'https://wiki.example.org',
        PersistentChatPoolFqdn: POOL,
      },
    ]);
  });

  it('changes only the URL', () => {
    const run = invoke(contentState(), 'Set-CsPersistentChatAddin', {
      Identity: `${POOL}\\ItDashboard`,
      Url: 'https://pc1.dc1.example.org/itdash2',
    });
    expect(byName(run.state.addins, 'ItDashboard').url).toBe('https://pc1.dc1.example.org/itdash2');
    expect(run.output).toEqual([]);
  });

  it('removes unused add-ins from a pipeline and reports the one in use', () => {
    const objects = invoke(contentState(), 'Get-CsPersistentChatAddin', {}).output;
    const run = invoke(contentState(), 'Remove-CsPersistentChatAddin', {}, {pipeline: objects});
    expect(run.state.addins.map((a) => a.name)).toEqual(['ItDashboard']);
    expect(run.errors.map((e) => e.errorId)).toEqual(['AddinInUse']);
  });

  it('removes an add-in in use with -Force and detaches its rooms', () => {
    const run = invoke(contentState(), 'Remove-CsPersistentChatAddin', {
      Identity: 'ItDashboard',
      Force: true,
    });
    expect(byName(run.state.rooms, 'HelpRoom').addinId).toBeNull();
    expect(run.targets).toEqual([`${POOL}\\ItDashboard`, `${POOL}\\HelpRoom`]);
  });

  it('refuses a non-http URL', () => {
    expect(
      invoke(contentState(), 'New-CsPersistentChatAddin', {Name: 'X', Url: 'ftp://x.example.org'}).errors.map(
        (e) => e.errorId,
      ),
    ).toEqual(['InvalidUrl']);
  });
});
