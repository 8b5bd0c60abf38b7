// Actions that change data. Each builds a cmdlet line and hands it to the session, through a form
// or a confirmation of the tier the keymap gives it.

import type {Action} from './action.js';
import {confirmRun, targetList} from './confirmations.js';
import type {ConsoleController} from './controller.js';
import {displaySafe} from '../lang/display-safe.js';
import {expect} from './expectations.js';
import {startForm} from './forms/form-actions.js';
import {modifier, quote} from './forms/quote.js';
import {bindingById, type ActionId} from './keymap.js';
import {PANES} from './panes/index.js';
import {findRoom} from './panes/rooms-pane.js';
import {poolOfServer} from './panes/servers-pane.js';
import {storeInUse, storeName} from './panes/model.js';
import type {PaneId} from './panes/pane-id.js';
import {openEditor} from './servers-editor.js';
import type {Expectation} from './state/ui-state.js';

const nothingSelected = (pane: PaneId) => (ctrl: ConsoleController) =>
  ctrl.targets().length === 0 ? `No ${PANES[pane].noun} selected.` : null;

const tierOf = (ctrl: ConsoleController, id: ActionId) => bindingById(ctrl.env.keymap, id)?.tier ?? 1;

const plural = (noun: string, n: number): string =>
  n === 1 ? noun : noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;

const newAction = (cmdlet: string, pane: PaneId): Action => ({
  run: (ctrl) => startForm(ctrl, {cmdlet, mode: 'new', identity: null, title: `New ${PANES[pane].noun}`}),
});

const editAction = (cmdlet: string, pane: PaneId, kind: Expectation['kind']): Action => ({
  disabledReason: nothingSelected(pane),
  run(ctrl) {
    const id = ctrl.current();
    if (id !== null)
      startForm(ctrl, {
        cmdlet,
        mode: 'set',
        identity: id,
        title: `Edit ${PANES[pane].noun} ${displaySafe(id)}`,
        kind,
      });
  },
});

/** Remove: tier 1 for one target, tier 2 (type "3 rooms") for several. */
const removeAction = (
  id: ActionId,
  cmdlet: string,
  pane: PaneId,
  kind: Expectation['kind'] | null,
  consequence: string,
): Action => ({
  disabledReason: nothingSelected(pane),
  run(ctrl) {
    const targets = ctrl.targets();
    const noun = PANES[pane].noun;
    const line = targets.map((t) => `${cmdlet} -Identity ${quote(t)}`).join('; ');
    const expectations = kind ? targets.flatMap((t) => expect(ctrl.ui.chat, kind, t)) : [];
    const count = `${targets.length} ${plural(noun, targets.length)}`;
    const bulk = targets.length > 1;
    confirmRun(
      ctrl,
      bulk ? 2 : tierOf(ctrl, id),
      {
        title: bulk ? `Remove ${count}?` : `Remove ${noun} ${displaySafe(targets[0] ?? '')}?`,
        lines: [...(bulk ? [`Targets: ${targetList(targets)}`] : []), consequence],
        expected: bulk ? count : (targets[0] ?? ''),
      },
      {line, expect: expectations, clearMarks: true},
    );
  },
});

function serversByPool(ctrl: ConsoleController): Map<string, string[]> {
  const byPool = new Map<string, string[]>();
  for (const fqdn of ctrl.targets()) {
    const pool = poolOfServer(ctrl.ui.chat, fqdn);
    if (pool) byPool.set(pool.fqdn, [...(byPool.get(pool.fqdn) ?? []), fqdn]);
  }
  return byPool;
}

const activeListAction = (id: ActionId, verb: 'Add' | 'Remove'): Action => ({
  disabledReason: nothingSelected('servers'),
  run(ctrl) {
    const byPool = serversByPool(ctrl);
    const line = [...byPool]
      .map(
        ([pool, servers]) =>
          `Set-CsPersistentChatActiveServer -Identity ${quote(`service:PersistentChatServer:${pool}`)} -ActiveServers ${modifier(verb === 'Add' ? 'add' : 'remove', servers)}`,
      )
      .join('; ');
    const servers = [...byPool.values()].flat();
    const what =
      verb === 'Add'
        ? 'start taking new connections'
        : 'stop taking new connections (existing sessions stay until they end)';
    confirmRun(
      ctrl,
      tierOf(ctrl, id),
      {
        title: `${verb === 'Add' ? 'Activate' : 'Put on standby'}: ${targetList(servers)}?`,
        lines: [`${servers.length === 1 ? 'The server will' : 'The servers will'} ${what}.`],
        expected: servers[0] ?? '',
      },
      {line, expect: [], clearMarks: true},
    );
  },
});

const poolStateAction = (id: ActionId, state: 'FailedOver' | 'Normal'): Action => ({
  disabledReason(ctrl) {
    const pool = ctrl.ui.chat.topology.persistentChatPools.find((p) => p.fqdn === ctrl.current());
    if (!pool) return 'No pool selected.';
    if (pool.poolState === state) return `Pool ${displaySafe(pool.fqdn)} is already ${state}.`;
    if (state === 'FailedOver' && !pool.stores.backup)
      return `Pool ${displaySafe(pool.fqdn)} has no backup database to fail over to.`;
    return null;
  },
  run(ctrl) {
    const pool = ctrl.ui.chat.topology.persistentChatPools.find((p) => p.fqdn === ctrl.current());
    if (!pool) return;
    const target = state === 'FailedOver' ? pool.stores.backup : pool.stores.primary;
    const lines = [
      `Pool ${displaySafe(pool.fqdn)} now uses ${displaySafe(storeName(storeInUse(pool)))}; it will use ${displaySafe(storeName(target))}${target?.dataCenter ? ` in ${displaySafe(target.dataCenter)}` : ''}.`,
      'The active servers are not changed by this step: set them afterwards (Active servers pane, e).',
    ];
    confirmRun(
      ctrl,
      tierOf(ctrl, id),
      {
        title:
          state === 'FailedOver'
            ? `Fail over pool ${displaySafe(pool.fqdn)}?`
            : `Fail back pool ${displaySafe(pool.fqdn)}?`,
        lines,
        expected: pool.fqdn,
      },
      {
        line: `Set-CsPersistentChatState -Identity ${quote(`service:PersistentChatServer:${pool.fqdn}`)} -PoolState ${state}`,
        expect: [],
        clearMarks: false,
      },
    );
  },
});

export const paneActions = {
  'pool.failover': poolStateAction('pool.failover', 'FailedOver'),
  'pool.failback': poolStateAction('pool.failback', 'Normal'),
  'server.activate': activeListAction('server.activate', 'Add'),
  'server.standby': activeListAction('server.standby', 'Remove'),
  'server.edit': {
    disabledReason: nothingSelected('servers'),
    run(ctrl) {
      const pool = poolOfServer(ctrl.ui.chat, ctrl.current() ?? '');
      if (pool) openEditor(ctrl, pool.fqdn);
    },
  },
  'room.new': newAction('New-CsPersistentChatRoom', 'rooms'),
  'room.edit': editAction('Set-CsPersistentChatRoom', 'rooms', 'room'),
  'room.toggle': {
    disabledReason: nothingSelected('rooms'),
    run(ctrl) {
      const rooms = ctrl.targets().flatMap((t) => findRoom(ctrl.ui.chat, t) ?? []);
      const line = rooms
        .map(
          (r) =>
            `Set-CsPersistentChatRoom -Identity ${quote(`${r.poolFqdn}\\${r.name}`)} -Disabled ${r.disabled ? '$False' : '$True'}`,
        )
        .join('; ');
      const expectations = rooms.map((r) => ({
        kind: 'room' as const,
        identity: `${r.poolFqdn}\\${r.name}`,
        rev: r.rev,
      }));
      confirmRun(
        ctrl,
        tierOf(ctrl, 'room.toggle'),
        {title: 'Disable or enable rooms?', lines: [], expected: ''},
        {line, expect: expectations, clearMarks: true},
      );
    },
  },
  'room.remove': removeAction(
    'room.remove',
    'Remove-CsPersistentChatRoom',
    'rooms',
    'room',
    'The room and all of its messages are deleted; this cannot be undone.',
  ),
  'category.new': newAction('New-CsPersistentChatCategory', 'categories'),
  'category.edit': editAction('Set-CsPersistentChatCategory', 'categories', 'category'),
  'category.remove': removeAction(
    'category.remove',
    'Remove-CsPersistentChatCategory',
    'categories',
    'category',
    'Only an empty category can be removed; move or remove its rooms first.',
  ),
  'policy.new': newAction('New-CsPersistentChatPolicy', 'policies'),
  'policy.edit': editAction('Set-CsPersistentChatPolicy', 'policies', 'policy'),
  'policy.remove': removeAction(
    'policy.remove',
    'Remove-CsPersistentChatPolicy',
    'policies',
    'policy',
    'Users of a per-user policy fall back to their site or the Global policy; Global is reset to its defaults instead.',
  ),
  'addin.new': newAction('New-CsPersistentChatAddin', 'addins'),
  'addin.edit': editAction('Set-CsPersistentChatAddin', 'addins', 'addin'),
  'addin.remove': removeAction(
    'addin.remove',
    'Remove-CsPersistentChatAddin',
    'addins',
    'addin',
    'An add-in that rooms still use is refused (AddinInUse).',
  ),
  'compliance.new': newAction('New-CsPersistentChatComplianceConfiguration', 'compliance'),
  'compliance.edit': editAction('Set-CsPersistentChatComplianceConfiguration', 'compliance', 'compliance'),
  'compliance.remove': removeAction(
    'compliance.remove',
    'Remove-CsPersistentChatComplianceConfiguration',
    'compliance',
    'compliance',
    'Pools using it fall back to their site or Global settings; Global is reset instead.',
  ),
  'configuration.new': newAction('New-CsPersistentChatConfiguration', 'configuration'),
  'configuration.edit': editAction('Set-CsPersistentChatConfiguration', 'configuration', 'configuration'),
  'configuration.remove': removeAction(
    'configuration.remove',
    'Remove-CsPersistentChatConfiguration',
    'configuration',
    'configuration',
    'Pools using it fall back to their site or Global settings; Global is reset instead.',
  ),
  'endpoint.new': newAction('New-CsPersistentChatEndpoint', 'endpoints'),
  'endpoint.remove': removeAction(
    'endpoint.remove',
    'Remove-CsPersistentChatEndpoint',
    'endpoints',
    null,
    'Clients that use this SIP address to reach the pool stop finding it.',
  ),
  'principal.grant': {
    disabledReason(ctrl) {
      const user = ctrl.ui.chat.directory.users.find((u) => u.dn === ctrl.current());
      return user?.sipAddress ? null : 'Only SIP-enabled users can be given a policy.';
    },
    run(ctrl) {
      const user = ctrl.ui.chat.directory.users.find((u) => u.dn === ctrl.current());
      if (!user?.sipAddress) return;
      startForm(ctrl, {
        cmdlet: 'Grant-CsPersistentChatPolicy',
        mode: 'new',
        identity: user.sipAddress,
        title: `Assign a policy to ${displaySafe(user.displayName)}`,
        tagPoliciesOnly: true,
      });
    },
  },
} satisfies Record<string, Action>;
