// Optimistic concurrency for the console's edits: a form or dialog remembers the `rev` of the
// object it was prepared on; the session checks it under the lock and refuses with Conflict.

import {CmdletError} from '../domain/errors.js';
import type {ChatState} from '../domain/types.js';
import {findAddin} from './panes/addins-pane.js';
import {findCategory} from './panes/categories-pane.js';
import {findCompliance} from './panes/compliance-pane.js';
import {findConfiguration} from './panes/configuration-pane.js';
import {findPolicy} from './panes/policies-pane.js';
import {findRoom} from './panes/rooms-pane.js';
import type {Expectation} from './state/ui-state.js';

export function revisionOf(state: ChatState, kind: Expectation['kind'], identity: string): number | null {
  const entity =
    kind === 'room'
      ? findRoom(state, identity)
      : kind === 'category'
        ? findCategory(state, identity)
        : kind === 'addin'
          ? findAddin(state, identity)
          : kind === 'policy'
            ? findPolicy(state, identity)
            : kind === 'configuration'
              ? findConfiguration(state, identity)
              : findCompliance(state, identity);
  return entity ? entity.rev : null;
}

export const expect = (state: ChatState, kind: Expectation['kind'], identity: string): Expectation[] => {
  const rev = revisionOf(state, kind, identity);
  return rev === null ? [] : [{kind, identity, rev}];
};

export function conflictCheck(
  expectations: readonly Expectation[],
): ((fresh: ChatState) => CmdletError | null) | undefined {
  if (expectations.length === 0) return undefined;
  return (fresh) => {
    for (const e of expectations) {
      const now = revisionOf(fresh, e.kind, e.identity);
      if (now === e.rev) continue;
      const message =
        now === null
          ? `The ${e.kind} ${e.identity} was removed by someone else since this view was loaded; nothing was written.`
          : `The ${e.kind} ${e.identity} was changed by someone else since this view was loaded (revision ${e.rev}, now ${now}); nothing was written.`;
      return new CmdletError('Conflict', message, {target: e.identity});
    }
    return null;
  };
}
