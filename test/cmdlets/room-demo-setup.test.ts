// The demo's content section (data/demo/setup.ps1) builds exactly the section 7 fixture, and
// the demo deployment's messages load into the rooms it creates.

import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {deploymentMessagesToRecords} from '../../src/domain/messages.js';
import type {ChatState} from '../../src/domain/types.js';
import {demoDeployment, loadedFrom} from '../helpers/demo.js';
import {openSession} from '../helpers/run-lines.js';
import {ADDINS, CATEGORIES, ROOMS} from '../helpers/content-fixture.js';

const SETUP = fs.readFileSync(new URL('../../data/demo/setup.ps1', import.meta.url), 'utf8');
const CONTENT_SECTION = SETUP.slice(SETUP.indexOf('# --- Categories, rooms and add-ins ---'));

const comparable = (state: ChatState) => {
  const categoryName = (id: string) => state.categories.find((c) => c.id === id)?.name;
  const addinName = (id: string | null) => state.addins.find((a) => a.id === id)?.name ?? null;
  return {
    categories: state.categories.map(({id: _id, rev: _rev, ...rest}) => rest),
    rooms: state.rooms.map(({id: _id, rev: _rev, categoryId, addinId, ...rest}) => ({
      ...rest,
      category: categoryName(categoryId),
      addin: addinName(addinId),
    })),
    addins: state.addins.map(({id: _id, rev: _rev, ...rest}) => rest),
  };
};

describe('the demo setup script', () => {
  it('runs every content line without an error and builds the section 7 fixture', async () => {
    const {state} = loadedFrom(demoDeployment());
    const {session} = await openSession(state, {user: 'admin'});
    const runs = await session.runScript(CONTENT_SECTION);
    expect(runs.filter((r) => !r.ok).map((r) => [r.line, r.errors])).toEqual([]);

    const built = comparable(session.state);
    const expected = comparable({
      ...state,
      categories: [...CATEGORIES],
      rooms: [...ROOMS],
      addins: [...ADDINS],
    });
    expect(built.categories).toEqual(expected.categories);
    expect(built.addins).toEqual(expected.addins);
    expect(built.rooms.filter((r) => r.name !== 'HelpDeskChatRoom')).toEqual(expected.rooms);
    expect(built.rooms.find((r) => r.name === 'HelpDeskChatRoom')).toMatchObject({
      type: 'Auditorium',
      category: 'ITChat',
      presenters: ['CN=ChatSupport,OU=IT,DC=example,DC=org'],
    });

    let n = 0;
    const {messages, issues} = deploymentMessagesToRecords(
      session.state,
      demoDeployment().messages ?? [],
      () => `m${++n}`,
    );
    expect(issues).toEqual([]);
    expect(messages.length).toBeGreaterThan(0);
  });

  it('names the pool on every content line, since the demo has two pools', () => {
    const lines = CONTENT_SECTION.split('\n').filter((l) => /^(New|Set)-CsPersistentChat/.test(l));
    expect(
      lines.filter(
        (l) => l.startsWith('New-') && !l.includes('-PersistentChatPoolFqdn "pc1.dc1.example.org"'),
      ),
    ).toEqual([]);
    expect(
      lines.filter((l) => l.startsWith('Set-') && !l.includes('-Identity "pc1.dc1.example.org\\')),
    ).toEqual([]);
  });
});
