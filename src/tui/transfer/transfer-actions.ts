// `x` on Pools (and `:export`, `:import`) opens the Export/Import screen for the selected pool.

import type {PersistentChatPool} from '../../domain/types.js';
import type {ActionSpec} from '../action.js';
import type {ConsoleContext} from '../console-context.js';
import {showTransfer} from './transfer-run.js';
import {openTransfer} from './transfer-state.js';

function selectedPool(ctx: ConsoleContext): PersistentChatPool | undefined {
  const pools = ctx.ui.chat.topology.persistentChatPools;
  const id = ctx.ui.pane === 'pools' ? ctx.current() : ctx.ui.lists.pools.cursorId;
  return pools.find((p) => p.fqdn === id) ?? (id === null ? pools[0] : undefined);
}

export const TRANSFER_ACTIONS = [
  {
    id: 'pool.transfer',
    keys: ['x'],
    label: 'export/import',
    description:
      "Export the pool's data to an archive under exports/, or import one, with the import's plan shown before it is confirmed.",
    scope: 'pools',
    tier: 2,
    onScreen: false,
    cmdlet: 'Import-CsPersistentChatData',
    disabledReason: (ctx: ConsoleContext) =>
      !ctx.transfers
        ? 'Export and import need a store on disk.'
        : selectedPool(ctx)
          ? null
          : 'No pool selected.',
    run(ctx: ConsoleContext) {
      const pool = selectedPool(ctx);
      if (!pool || !ctx.transfers) return;
      const today = new Date(ctx.now()).toISOString().slice(0, 10);
      showTransfer(ctx, openTransfer(ctx.ui.chat, pool, ctx.transfers.archives(), today));
    },
  },
] as const satisfies readonly ActionSpec[];
