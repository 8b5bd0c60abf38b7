import {describe, expect, it} from 'vitest';
import {findCmdlet} from '../../src/cmdlets/catalog.js';
import {
  ACTION_IDS,
  ACTIONS,
  BINDINGS,
  actionById,
  findBinding,
  scopesFor,
  type Scope,
} from '../../src/tui/keymap.js';
import {helpLines, paneKeysHint} from '../../src/tui/help-content.js';
import {PANE_IDS, PANE_KEYS} from '../../src/tui/panes/pane-id.js';

const nested: readonly Scope[] = ['list', 'view', 'global'];
const overlap = (a: Scope, b: Scope) => a === b || nested.includes(a) || nested.includes(b);

describe('the keymap table', () => {
  it('gives every action a label, a one-sentence description, a key and a handler', () => {
    for (const b of BINDINGS) {
      expect(b.label, b.id).not.toBe('');
      expect(b.description, b.id).toMatch(/^[A-Z].*\.$/);
      expect(b.keys.length, b.id).toBeGreaterThan(0);
      expect(typeof actionById(b.id)?.run, b.id).toBe('function');
    }
    expect(BINDINGS.map((b) => b.id)).toEqual(ACTIONS.map((a) => a.id));
  });

  it('has no duplicate action ids', () => {
    expect(new Set(ACTION_IDS).size).toBe(ACTION_IDS.length);
  });

  it('never binds one key twice where the scopes meet (a pane inherits list, view and global)', () => {
    const clashes: string[] = [];
    for (const a of BINDINGS) {
      for (const b of BINDINGS) {
        if (a.id >= b.id || !overlap(a.scope, b.scope)) continue;
        for (const key of a.keys) if (b.keys.includes(key)) clashes.push(`${key}: ${a.id} / ${b.id}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('resolves every key of every binding to that binding in the views where its scope applies', () => {
    for (const b of BINDINGS) {
      const pane = PANE_IDS.find((p) => p === b.scope) ?? 'rooms';
      const kind = b.scope === 'view' || b.scope === 'global' ? 'detail' : 'list';
      for (const key of b.keys)
        expect(findBinding(BINDINGS, scopesFor({kind, pane}), key)?.id, `${key} in ${pane}`).toBe(b.id);
    }
  });

  it.each(['backspace', 'ctrl-d', 'ctrl-k', 'enter', 'esc'])('puts no data change on %s', (key) => {
    expect(BINDINGS.filter((b) => b.mutates && b.keys.includes(key)).map((b) => b.id)).toEqual([]);
  });

  it.each(BINDINGS.filter((b) => b.cmdlet !== undefined).map((b) => [b.id, b] as const))(
    '%s names a cmdlet of the table and changes data exactly when that cmdlet does',
    (_id, b) => {
      const spec = findCmdlet(b.cmdlet ?? '');
      expect(spec, b.cmdlet).toBeDefined();
      expect(b.mutates).toBe(spec?.mutates);
    },
  );

  it('counts an action without a cmdlet as one that never changes data', () => {
    const unnamed = BINDINGS.filter((b) => b.cmdlet === undefined);
    expect(unnamed.length).toBeGreaterThan(0);
    expect(unnamed.filter((b) => b.mutates).map((b) => b.id)).toEqual([]);
  });

  it('gives the destructive actions a confirmation tier', () => {
    const tiers = Object.fromEntries(BINDINGS.map((b) => [b.id, b.tier]));
    expect(tiers['room.remove']).toBe(1);
    expect(tiers['server.standby']).toBe(1);
    expect(tiers['pool.failover']).toBe(2);
    expect(tiers['room.toggle']).toBe(0);
  });

  it('looks a key up in the pane first, then the list, then everywhere', () => {
    const scopes = scopesFor({kind: 'list', pane: 'rooms'});
    expect(scopes).toEqual(['rooms', 'list', 'view', 'global']);
    expect(findBinding(BINDINGS, scopes, 'd')?.id).toBe('room.remove');
    expect(findBinding(BINDINGS, scopes, 'j')?.id).toBe('cursor.down');
    expect(findBinding(BINDINGS, scopesFor({kind: 'result', pane: null}), '/')).toBeUndefined();
  });
});

describe('the pane keys', () => {
  it.each(PANE_IDS.map((pane, i) => [pane, i] as const))(
    'shows the %s pane on its own key from anywhere',
    (pane, i) => {
      const key = PANE_KEYS[pane];
      expect(findBinding(BINDINGS, ['global'], key)?.id).toBe(`pane.${i + 1}`);
      expect(findBinding(BINDINGS, scopesFor({kind: 'list', pane}), key)?.id).toBe(`pane.${i + 1}`);
    },
  );

  it('gives every pane a different key: digits for the first nine, 0 for Principals, @ for Activity, % for Drills', () => {
    expect(new Set(Object.values(PANE_KEYS)).size).toBe(PANE_IDS.length);
    expect(PANE_KEYS.principals).toBe('0');
    expect(PANE_KEYS.activity).toBe('@');
    expect(PANE_KEYS.drills).toBe('%');
  });

  it('binds no pane key in any other scope, so each shows its pane from every pane and list', () => {
    const paneKeys = new Set(Object.values(PANE_KEYS));
    const clashes = BINDINGS.filter((b) => !b.id.startsWith('pane.') && b.keys.some((k) => paneKeys.has(k)));
    expect(clashes.map((b) => `${b.id}: ${b.keys.join(' ')}`)).toEqual([]);
  });

  it('lists them in the header hint and on the help overlay', () => {
    expect(paneKeysHint(BINDINGS)).toBe('1-9 0 @ %');
    const help = helpLines(BINDINGS, {kind: 'list', pane: 'rooms'});
    expect(help).toContainEqual(expect.objectContaining({keys: '1-9 0 @ %'}));
  });

  it('follows the operator’s overrides in the hint', () => {
    const keymap = BINDINGS.map((b) => (b.id === 'pane.11' ? {...b, keys: ['A']} : b));
    expect(paneKeysHint(keymap)).toBe('1-9 0 A %');
  });
});
