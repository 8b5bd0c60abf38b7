// The header's connection state, for a store on a server; a local store's header is unchanged.

import {expect, it} from 'vitest';
import {initialUi} from '../../src/tui/state/ui-state.js';
import {headerLine} from '../../src/tui/views/chrome-lines.js';
import {makeTheme} from '../../src/tui/theme.js';
import {contentState} from '../helpers/content-fixture.js';

const ui = initialUi({chat: contentState(), now: 0, size: {columns: 100, rows: 30}, pane: 'rooms'});
const theme = makeTheme({ascii: true, color: false});
const text = (connection: 'connected' | 'reconnecting' | null): string =>
  headerLine(ui, {user: 'ana', role: 'CsAdministrator', readOnly: false, connection}, theme, 0, 100)
    .map((s) => s.text)
    .join('');

it.each([
  [null, / rev \d+ - data just now $/],
  ['connected', / db online - rev \d+ - data just now $/],
  ['reconnecting', / db lost, reconnecting - rev \d+ - data just now $/],
] as const)('shows the connection %s at the right of the header', (connection, pattern) => {
  expect(text(connection)).toMatch(pattern);
});
