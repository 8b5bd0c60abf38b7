// Before a pane's first visit, the console makes the parts of its rows in idle turns (rows.ts,
// warmPanes): the visit then finds rows equal to those derived from cold, and a kept row is made
// again when what it shows may have changed.

import {describe, expect, it} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import {PANES} from '../../src/tui/panes/index.js';
import type {Row} from '../../src/tui/panes/pane.js';
import {warmPanes} from '../../src/tui/state/rows.js';
import {contentState} from '../helpers/content-fixture.js';

const rowsOf = (pane: 'rooms' | 'principals', chat: ChatState): readonly Row[] =>
  PANES[pane].toRows({chat, audit: [], drills: []});

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('warming the panes before their first visit', () => {
  it('leaves the rows of Rooms and Principals equal to those derived from cold', async () => {
    const chat = contentState();
    warmPanes(() => chat);
    await turns(20);
    for (const pane of ['rooms', 'principals'] as const)
      expect(rowsOf(pane, chat)).toEqual(rowsOf(pane, structuredClone(chat)));
  });

  it("makes a user's kept row again when the policies change, so that it shows the site's new policy", () => {
    const chat = contentState();
    const user = chat.directory.users.find((u) => u.site && u.sipAddress && !u.persistentChatPolicy)!;
    const policyOf = (rows: readonly Row[]) => rows.find((r) => r.id === user.dn)?.cells['policy'];
    expect(policyOf(rowsOf('principals', chat))).toBe('Global');
    const global = chat.policies[0]!;
    const withSite = {...chat, policies: [...chat.policies, {...global, identity: `Site:${user.site}`}]};
    expect(policyOf(rowsOf('principals', withSite))).toBe(`Site:${user.site}`);
  });
});
