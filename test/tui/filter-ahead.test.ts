// A long list's filter is prepared when its pane is shown, before `/` opens it (issue 12: P4's
// first keys over 50,000 principals waited for the texts and carried the index's turns).

import {describe, expect, it} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import type {ConsoleContext} from '../../src/tui/console-context.js';
import type {PaneId} from '../../src/tui/panes/pane-id.js';
import {lowerTexts, textIndex} from '../../src/tui/state/filter-texts.js';
import {reduce, type UiEvent} from '../../src/tui/state/reducer.js';
import {paneRows} from '../../src/tui/state/rows.js';
import {initialUi, type UiState} from '../../src/tui/state/ui-state.js';
import {focusPane} from '../../src/tui/view-actions.js';
import {demoDeployment, stateFrom} from '../helpers/demo.js';

function withUsers(count: number): ChatState {
  const demo = stateFrom(demoDeployment());
  const template = demo.directory.users[0]!;
  const users = Array.from({length: count}, (_, i) => ({
    ...template,
    dn: `CN=User ${i},OU=Staff,DC=example,DC=org`,
    displayName: `User ${i}`,
    sipAddress: `sip:user${i}@example.org`,
  }));
  return {...demo, directory: {...demo.directory, users}};
}

/** What focusPane reads and calls of the console: its state, the reducer, nothing loaded. */
function consoleOn(chat: ChatState) {
  let ui: UiState = initialUi({chat, now: 0, size: {columns: 120, rows: 35}});
  const ctx = {
    get ui() {
      return ui;
    },
    dispatch(event: UiEvent) {
      ui = reduce(ui, event);
    },
    afterDataChange() {},
  } as unknown as ConsoleContext;
  return {ctx, rows: (pane: PaneId) => paneRows(ui, pane)};
}

/** The turns the preparation takes, a few milliseconds each. */
async function turns(): Promise<void> {
  for (let turn = 0; turn < 400; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('showing a pane', () => {
  it("prepares a long list's filter texts and their index before the filter opens", async () => {
    const {ctx, rows} = consoleOn(withUsers(20_000));
    focusPane(ctx, 'principals');
    await turns();
    const principals = rows('principals');
    expect(principals.length).toBeGreaterThanOrEqual(20_000);
    expect(textIndex(lowerTexts(principals))?.covered).toBe(principals.length);
  });

  it('leaves a shorter list to the filter opening', async () => {
    const {ctx, rows} = consoleOn(withUsers(100));
    focusPane(ctx, 'principals');
    await turns();
    expect(textIndex(lowerTexts(rows('principals')))).toBeUndefined();
  });
});
