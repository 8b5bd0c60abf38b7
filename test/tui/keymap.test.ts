import {describe, expect, it} from 'vitest';
import {findCmdlet} from '../../src/cmdlets/catalog.js';
import {ACTIONS} from '../../src/tui/actions.js';
import {ACTION_IDS, BINDINGS, findBinding, scopesFor, type Scope} from '../../src/tui/keymap.js';
import {PANE_IDS} from '../../src/tui/panes/pane-id.js';

const nested: readonly Scope[] = ['list', 'view', 'global'];
const overlap = (a: Scope, b: Scope) => a === b || nested.includes(a) || nested.includes(b);

describe('the keymap table', () => {
  it('gives every action a label, a description and a handler', () => {
    for (const b of BINDINGS) {
      expect(b.label, b.id).not.toBe('');
      expect(b.description, b.id).toMatch(/\.$/);
      expect(typeof ACTIONS[b.id].run, b.id).toBe('function');
    }
    expect(Object.keys(ACTIONS).sort()).toEqual([...ACTION_IDS].sort());
  });

  it('has no duplicate action ids', () => {
    expect(new Set(ACTION_IDS).size).toBe(ACTION_IDS.length);
  });

  it('never binds one key twice where the scopes meet', () => {
    const clashes: string[] = [];
    for (const a of BINDINGS) {
      for (const b of BINDINGS) {
        if (a.id >= b.id || !overlap(a.scope, b.scope)) continue;
        for (const key of a.keys)
          if ((b.keys as readonly string[]).includes(key)) clashes.push(`${key}: ${a.id} / ${b.id}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each(['backspace', 'ctrl-d', 'ctrl-k', 'enter', 'esc'])('puts no data change on %s', (key) => {
    expect(
      BINDINGS.filter((b) => b.mutates && (b.keys as readonly string[]).includes(key)).map((b) => b.id),
    ).toEqual([]);
  });

  it('names, for every action that changes data, a mutating cmdlet of the table', () => {
    for (const b of BINDINGS.filter((x) => x.mutates)) {
      const cmdlet = 'cmdlet' in b ? b.cmdlet : undefined;
      expect(cmdlet, b.id).toBeDefined();
      const spec = findCmdlet(cmdlet ?? '');
      if (spec) expect(spec.mutates, b.id).toBe(true);
    }
  });

  it('gives the destructive actions a confirmation tier', () => {
    const tiers = Object.fromEntries(BINDINGS.map((b) => [b.id, b.tier]));
    expect(tiers['room.remove']).toBe(1);
    expect(tiers['server.standby']).toBe(1);
    expect(tiers['pool.failover']).toBe(2);
    expect(tiers['room.toggle']).toBe(0);
  });

  it('reaches the first nine panes with the digits', () => {
    for (let n = 1; n <= 9; n++) expect(findBinding(BINDINGS, ['global'], String(n))?.id).toBe(`pane.${n}`);
    expect(PANE_IDS.length).toBeGreaterThanOrEqual(9);
  });

  it('looks a key up in the pane first, then the list, then everywhere', () => {
    const scopes = scopesFor({kind: 'list', pane: 'rooms'});
    expect(scopes).toEqual(['rooms', 'list', 'view', 'global']);
    expect(findBinding(BINDINGS, scopes, 'd')?.id).toBe('room.remove');
    expect(findBinding(BINDINGS, scopes, 'j')?.id).toBe('cursor.down');
    expect(findBinding(BINDINGS, scopesFor({kind: 'result', pane: null}), '/')).toBeUndefined();
  });
});
