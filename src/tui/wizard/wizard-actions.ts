// The keys and `:` commands that open the wizard, declared once with the console's other actions:
// `w` on Pools and `W` on Active servers offer every procedure for the pool; F, B and S (and
// :failover, :failback, :swap) open one directly. The pool is the one selected on Pools, or the
// pool of the server selected on Active servers.

import type {ProcedureKind} from '../../domain/procedures.js';
import type {PersistentChatPool} from '../../domain/types.js';
import type {ActionSpec} from '../action.js';
import type {ConsoleContext} from '../console-context.js';
import {poolOfServer} from '../panes/servers-pane.js';
import {showWizard} from './wizard-run.js';
import {chooseWizard} from './wizard-state.js';

function wizardPool(ctx: ConsoleContext): PersistentChatPool | undefined {
  const pools = ctx.ui.chat.topology.persistentChatPools;
  if (ctx.ui.pane === 'servers') return poolOfServer(ctx.ui.chat, ctx.current() ?? '');
  const id = ctx.ui.pane === 'pools' ? ctx.current() : ctx.ui.lists.pools.cursorId;
  return pools.find((p) => p.fqdn === id) ?? (id === null ? pools[0] : undefined);
}

const noPool = (ctx: ConsoleContext): string | null => (wizardPool(ctx) ? null : 'No pool selected.');

const CMDLET: Readonly<Record<ProcedureKind, string>> = {
  failover: 'Set-CsPersistentChatState',
  failback: 'Set-CsPersistentChatState',
  swap: 'Set-CsPersistentChatActiveServer',
};

const procedureAction = <I extends string>(id: I, key: string, procedure: ProcedureKind, label: string) =>
  ({
    id,
    keys: [key],
    label,
    description: `Open the wizard with the ${label} procedure of the selected pool chosen: a rehearsal or live, one confirmed step at a time.`,
    scope: 'pools',
    tier: 2,
    onScreen: false,
    cmdlet: CMDLET[procedure],
    disabledReason: noPool,
    run(ctx: ConsoleContext) {
      const pool = wizardPool(ctx);
      if (pool) showWizard(ctx, chooseWizard(pool, procedure, ctx.drills));
    },
  }) as const;

const chooser = <I extends string>(id: I, key: string, scope: 'pools' | 'servers') =>
  ({
    id,
    keys: [key],
    label: 'wizard',
    description:
      'Swap, fail over or fail back the pool step by step, with checks and a preview of each step.',
    scope,
    tier: 2,
    onScreen: true,
    cmdlet: 'Set-CsPersistentChatState',
    disabledReason: noPool,
    run(ctx: ConsoleContext) {
      const pool = wizardPool(ctx);
      if (pool) showWizard(ctx, chooseWizard(pool, undefined, ctx.drills));
    },
  }) as const;

export const WIZARD_ACTIONS = [
  chooser('pool.wizard', 'w', 'pools'),
  chooser('server.wizard', 'W', 'servers'),
  procedureAction('wizard.failover', 'F', 'failover', 'fail over'),
  procedureAction('wizard.failback', 'B', 'failback', 'fail back'),
  procedureAction('wizard.swap', 'S', 'swap', 'swap'),
] as const satisfies readonly ActionSpec[];
