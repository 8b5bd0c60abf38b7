// Actions that change data, each declared once with its binding. Each builds a cmdlet line and
// hands it to the session, through a form or a confirmation of the tier its declaration gives.

import type {ActionSpec} from './action.js';
import type {Binding} from './binding.js';
import {confirmRun, targetList} from './confirmations.js';
import type {ConsoleContext} from './console-context.js';
import {displaySafe} from '../lang/display-safe.js';
import {expect} from './expectations.js';
import {startForm} from './forms/form-actions.js';
import {modifier, quote} from './forms/quote.js';
import {PANES} from './panes/index.js';
import {poolStateIdentity} from '../domain/identity.js';
import {poolStateBlocker} from '../domain/pool-state.js';
import {storeForState} from '../domain/topology.js';
import {storeInUse, storeName} from './panes/model.js';
import type {PaneId} from './panes/pane-id.js';
import {findRoom} from './panes/rooms-pane.js';
import {poolOfServer} from './panes/servers-pane.js';
import {openEditor} from './servers-editor.js';
import type {Expectation} from './state/ui-state.js';

const nothingSelected = (pane: PaneId) => (ctx: ConsoleContext) =>
  ctx.targets().length === 0 ? `No ${PANES[pane].noun} selected.` : null;

const plural = (noun: string, n: number): string =>
  n === 1 ? noun : noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;

/** `n` in a pane: a form for the pane's New- cmdlet. */
const newAction = <I extends string>(id: I, pane: PaneId, cmdlet: string, description: string) =>
  ({
    id,
    keys: ['n'],
    label: 'new',
    description,
    scope: pane,
    tier: 0,
    onScreen: true,
    cmdlet,
    run: (ctx: ConsoleContext) =>
      startForm(ctx, {cmdlet, mode: 'new', identity: null, title: `New ${PANES[pane].noun}`}),
  }) as const;

/** `e` in a pane: a form for the pane's Set- cmdlet on the current row. */
const editAction = <I extends string>(
  id: I,
  pane: PaneId,
  cmdlet: string,
  kind: Expectation['kind'],
  description: string,
) =>
  ({
    id,
    keys: ['e'],
    label: 'edit',
    description,
    scope: pane,
    tier: 0,
    onScreen: true,
    cmdlet,
    disabledReason: nothingSelected(pane),
    run(ctx: ConsoleContext) {
      const identity = ctx.current();
      if (identity !== null)
        startForm(ctx, {
          cmdlet,
          mode: 'set',
          identity,
          title: `Edit ${PANES[pane].noun} ${displaySafe(identity)}`,
          kind,
        });
    },
  }) as const;

/** `d` in a pane: tier 1 for one target, tier 2 (type "3 rooms") for several. */
const removeAction = <I extends string>(
  id: I,
  pane: PaneId,
  cmdlet: string,
  kind: Expectation['kind'] | null,
  description: string,
  consequence: string,
) =>
  ({
    id,
    keys: ['d'],
    label: 'remove',
    description,
    scope: pane,
    tier: 1,
    onScreen: true,
    cmdlet,
    disabledReason: nothingSelected(pane),
    run(ctx: ConsoleContext, _press: unknown, binding: Binding) {
      const targets = ctx.targets();
      const noun = PANES[pane].noun;
      const line = targets.map((t) => `${cmdlet} -Identity ${quote(t)}`).join('; ');
      const expectations = kind ? targets.flatMap((t) => expect(ctx.ui.chat, kind, t)) : [];
      const count = `${targets.length} ${plural(noun, targets.length)}`;
      const bulk = targets.length > 1;
      confirmRun(
        ctx,
        bulk ? 2 : binding.tier,
        {
          title: bulk ? `Remove ${count}?` : `Remove ${noun} ${displaySafe(targets[0] ?? '')}?`,
          lines: [...(bulk ? [`Targets: ${targetList(targets)}`] : []), consequence],
          expected: bulk ? count : (targets[0] ?? ''),
        },
        {line, expect: expectations, clearMarks: true},
      );
    },
  }) as const;

function serversByPool(ctx: ConsoleContext): Map<string, string[]> {
  const byPool = new Map<string, string[]>();
  for (const fqdn of ctx.targets()) {
    const pool = poolOfServer(ctx.ui.chat, fqdn);
    if (pool) byPool.set(pool.fqdn, [...(byPool.get(pool.fqdn) ?? []), fqdn]);
  }
  return byPool;
}

const activeListRun =
  (verb: 'Add' | 'Remove') =>
  (ctx: ConsoleContext, _press: unknown, binding: Binding): void => {
    const byPool = serversByPool(ctx);
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
      ctx,
      binding.tier,
      {
        title: `${verb === 'Add' ? 'Activate' : 'Put on standby'}: ${targetList(servers)}?`,
        lines: [`${servers.length === 1 ? 'The server will' : 'The servers will'} ${what}.`],
        expected: servers[0] ?? '',
      },
      {line, expect: [], clearMarks: true},
    );
  };

const selectedPool = (ctx: ConsoleContext) =>
  ctx.ui.chat.topology.persistentChatPools.find((p) => p.fqdn === ctx.current());

const poolState = (state: 'FailedOver' | 'Normal') => ({
  disabledReason(ctx: ConsoleContext): string | null {
    const pool = selectedPool(ctx);
    if (!pool) return 'No pool selected.';
    if (pool.poolState === state) return `Pool ${displaySafe(pool.fqdn)} is already ${state}.`;
    return poolStateBlocker(pool, state)?.message ?? null;
  },
  run(ctx: ConsoleContext, _press: unknown, binding: Binding): void {
    const pool = selectedPool(ctx);
    if (!pool) return;
    const target = storeForState(pool, state);
    const lines = [
      `Pool ${displaySafe(pool.fqdn)} now uses ${displaySafe(storeName(storeInUse(pool)))}; it will use ${displaySafe(storeName(target))}${target?.dataCenter ? ` in ${displaySafe(target.dataCenter)}` : ''}.`,
      'The active servers are not changed by this step: set them afterwards (Active servers pane, e).',
    ];
    confirmRun(
      ctx,
      binding.tier,
      {
        title:
          state === 'FailedOver'
            ? `Fail over pool ${displaySafe(pool.fqdn)}?`
            : `Fail back pool ${displaySafe(pool.fqdn)}?`,
        lines,
        expected: pool.fqdn,
      },
      {
        line: `Set-CsPersistentChatState -Identity ${quote(poolStateIdentity(pool.fqdn))} -PoolState ${state}`,
        expect: [],
        clearMarks: false,
      },
    );
  },
});

const selectedUser = (ctx: ConsoleContext) => ctx.ui.chat.directory.users.find((u) => u.dn === ctx.current());

export const PANE_ACTIONS = [
  {
    id: 'pool.failover',
    keys: ['f'],
    label: 'fail over',
    description: 'Switch the pool to its backup databases (FailedOver).',
    scope: 'pools',
    tier: 2,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatState',
    ...poolState('FailedOver'),
  },
  {
    id: 'pool.failback',
    keys: ['b'],
    label: 'fail back',
    description: 'Return the pool to its primary databases (Normal).',
    scope: 'pools',
    tier: 2,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatState',
    ...poolState('Normal'),
  },

  {
    id: 'server.activate',
    keys: ['a'],
    label: 'activate',
    description: 'Add the selected or marked servers to the active list.',
    scope: 'servers',
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatActiveServer',
    disabledReason: nothingSelected('servers'),
    run: activeListRun('Add'),
  },
  {
    id: 'server.standby',
    keys: ['s'],
    label: 'standby',
    description: 'Remove the selected or marked servers from the active list.',
    scope: 'servers',
    tier: 1,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatActiveServer',
    disabledReason: nothingSelected('servers'),
    run: activeListRun('Remove'),
  },
  {
    id: 'server.swap',
    keys: ['w'],
    label: 'swap',
    description: "Swap the pool's active and standby servers (a failover step).",
    scope: 'servers',
    tier: 2,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatActiveServer',
    disabledReason: nothingSelected('servers'),
    run(ctx, _press, binding) {
      const pool = poolOfServer(ctx.ui.chat, ctx.current() ?? '');
      if (!pool) return;
      const active = new Set(pool.activeServers.map((a) => a.toLowerCase()));
      const standby = pool.servers.filter((s) => !active.has(s.fqdn.toLowerCase())).map((s) => s.fqdn);
      confirmRun(
        ctx,
        binding.tier,
        {
          title: `Swap the active servers of pool ${displaySafe(pool.fqdn)}?`,
          lines: [
            `Active now: ${pool.activeServers.length > 0 ? targetList(pool.activeServers) : '(none)'}.`,
            `Active after: ${standby.length > 0 ? targetList(standby) : '(none)'}.`,
            'Servers leaving the list keep their sessions but take no new ones.',
          ],
          expected: pool.fqdn,
        },
        {
          line: `Set-CsPersistentChatActiveServer -Identity ${quote(poolStateIdentity(pool.fqdn))} -Swap`,
          expect: [],
          clearMarks: false,
        },
      );
    },
  },
  {
    id: 'server.edit',
    keys: ['e'],
    label: 'edit list',
    description: "Edit the pool's active list, with the limit and warnings shown before saving.",
    scope: 'servers',
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatActiveServer',
    disabledReason: nothingSelected('servers'),
    run(ctx) {
      const pool = poolOfServer(ctx.ui.chat, ctx.current() ?? '');
      if (pool) openEditor(ctx, pool.fqdn);
    },
  },

  newAction('room.new', 'rooms', 'New-CsPersistentChatRoom', 'Create a room.'),
  editAction('room.edit', 'rooms', 'Set-CsPersistentChatRoom', 'room', 'Edit the selected room.'),
  {
    id: 'room.toggle',
    keys: ['x'],
    label: 'disable/enable',
    description: 'Disable or re-enable the selected room (keeps its history).',
    scope: 'rooms',
    tier: 0,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatRoom',
    disabledReason: nothingSelected('rooms'),
    run(ctx, _press, binding) {
      const rooms = ctx.targets().flatMap((t) => findRoom(ctx.ui.chat, t) ?? []);
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
        ctx,
        binding.tier,
        {title: 'Disable or enable rooms?', lines: [], expected: ''},
        {line, expect: expectations, clearMarks: true},
      );
    },
  },
  removeAction(
    'room.remove',
    'rooms',
    'Remove-CsPersistentChatRoom',
    'room',
    'Remove the selected or marked rooms and their history.',
    'The room and all of its messages are deleted; this cannot be undone.',
  ),

  newAction('category.new', 'categories', 'New-CsPersistentChatCategory', 'Create a category.'),
  editAction(
    'category.edit',
    'categories',
    'Set-CsPersistentChatCategory',
    'category',
    'Edit the selected category.',
  ),
  removeAction(
    'category.remove',
    'categories',
    'Remove-CsPersistentChatCategory',
    'category',
    'Remove the selected or marked categories (only empty ones).',
    'Only an empty category can be removed; move or remove its rooms first.',
  ),

  newAction('policy.new', 'policies', 'New-CsPersistentChatPolicy', 'Create a policy.'),
  editAction('policy.edit', 'policies', 'Set-CsPersistentChatPolicy', 'policy', 'Edit the selected policy.'),
  removeAction(
    'policy.remove',
    'policies',
    'Remove-CsPersistentChatPolicy',
    'policy',
    'Remove the selected policy (Global is reset instead).',
    'Users of a per-user policy fall back to their site or the Global policy; Global is reset to its defaults instead.',
  ),

  newAction('addin.new', 'addins', 'New-CsPersistentChatAddin', 'Register an add-in.'),
  editAction('addin.edit', 'addins', 'Set-CsPersistentChatAddin', 'addin', 'Edit the selected add-in.'),
  removeAction(
    'addin.remove',
    'addins',
    'Remove-CsPersistentChatAddin',
    'addin',
    'Remove the selected or marked add-ins.',
    'An add-in that rooms still use is refused (AddinInUse).',
  ),

  newAction(
    'compliance.new',
    'compliance',
    'New-CsPersistentChatComplianceConfiguration',
    'Create a compliance configuration.',
  ),
  editAction(
    'compliance.edit',
    'compliance',
    'Set-CsPersistentChatComplianceConfiguration',
    'compliance',
    'Edit the selected compliance configuration.',
  ),
  removeAction(
    'compliance.remove',
    'compliance',
    'Remove-CsPersistentChatComplianceConfiguration',
    'compliance',
    'Remove the selected compliance configuration (Global is reset instead).',
    'Pools using it fall back to their site or Global settings; Global is reset instead.',
  ),

  newAction(
    'configuration.new',
    'configuration',
    'New-CsPersistentChatConfiguration',
    'Create a configuration for a site or pool.',
  ),
  editAction(
    'configuration.edit',
    'configuration',
    'Set-CsPersistentChatConfiguration',
    'configuration',
    'Edit the selected configuration.',
  ),
  removeAction(
    'configuration.remove',
    'configuration',
    'Remove-CsPersistentChatConfiguration',
    'configuration',
    'Remove the selected configuration (Global is reset instead).',
    'Pools using it fall back to their site or Global settings; Global is reset instead.',
  ),

  newAction(
    'endpoint.new',
    'endpoints',
    'New-CsPersistentChatEndpoint',
    'Create an endpoint (contact object) for a pool.',
  ),
  removeAction(
    'endpoint.remove',
    'endpoints',
    'Remove-CsPersistentChatEndpoint',
    null,
    'Remove the selected endpoint.',
    'Clients that use this SIP address to reach the pool stop finding it.',
  ),

  {
    id: 'principal.grant',
    keys: ['a'],
    label: 'assign policy',
    description: 'Assign a per-user policy to the selected user.',
    scope: 'principals',
    tier: 0,
    onScreen: true,
    cmdlet: 'Grant-CsPersistentChatPolicy',
    disabledReason: (ctx) =>
      selectedUser(ctx)?.sipAddress ? null : 'Only SIP-enabled users can be given a policy.',
    run(ctx) {
      const user = selectedUser(ctx);
      if (!user?.sipAddress) return;
      startForm(ctx, {
        cmdlet: 'Grant-CsPersistentChatPolicy',
        mode: 'new',
        identity: user.sipAddress,
        title: `Assign a policy to ${displaySafe(user.displayName)}`,
        tagPoliciesOnly: true,
      });
    },
  },
] as const satisfies readonly ActionSpec[];
