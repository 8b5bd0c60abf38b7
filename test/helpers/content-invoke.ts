// Runs one content cmdlet's `run` with already-bound arguments, without the command language:
// a small CmdletContext that records output, warnings, what-if lines and effects, and applies
// message effects to an in-memory log the way the store would.

import type {ChatMessage, ChatState} from '../../src/domain/types.js';
import {emptyPorts, noArchives, type Effect, type Ports} from '../../src/domain/ports.js';
import {isCmdletError, type CmdletError, type Warning} from '../../src/domain/errors.js';
import type {CmdletContext, CmdletSpec, PsObject, Value} from '../../src/cmdlets/types.js';
import {categoryCmdlets} from '../../src/cmdlets/category-cmdlets.js';
import {roomCmdlets} from '../../src/cmdlets/room-cmdlets.js';
import {addinCmdlets} from '../../src/cmdlets/addin-cmdlets.js';
import {messageCmdlets} from '../../src/cmdlets/message-cmdlets.js';

export const CONTENT_CMDLETS: readonly CmdletSpec[] = [
  ...categoryCmdlets,
  ...roomCmdlets,
  ...addinCmdlets,
  ...messageCmdlets,
];

export const cmdlet = (name: string): CmdletSpec => {
  const spec = CONTENT_CMDLETS.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!spec) throw new Error(`no cmdlet ${name}`);
  return spec;
};

export interface InvokeOptions {
  readonly messages?: readonly ChatMessage[];
  readonly whatIf?: boolean;
  /** Answer to every shouldProcess prompt (default yes). */
  readonly confirm?: boolean;
  /** One run per piped object: each is bound as -Instance. */
  readonly pipeline?: readonly Value[];
  readonly now?: Date;
  readonly matchFilter?: (filter: unknown, object: PsObject) => boolean;
}

export interface Invocation {
  readonly state: ChatState;
  readonly output: PsObject[];
  readonly errors: CmdletError[];
  readonly warnings: Warning[];
  readonly whatIf: string[];
  readonly effects: Effect[];
  readonly targets: string[];
  readonly messages: ChatMessage[];
}

const applyEffects = (messages: readonly ChatMessage[], effects: readonly Effect[]): ChatMessage[] => {
  let log = [...messages];
  for (const effect of effects) {
    if (effect.kind === 'appendMessages') log.push(...effect.messages);
    if (effect.kind === 'rewriteMessages') {
      const rooms = effect.roomIds === 'all' ? null : new Set(effect.roomIds);
      log = log.flatMap((m) =>
        rooms && !rooms.has(m.roomId) ? [m] : [effect.rewrite(m)].filter((x): x is ChatMessage => x !== null),
      );
    }
  }
  return log;
};

const portsOver = (messages: readonly ChatMessage[]): Ports => ({
  messages: {
    scan: (q) => {
      const hits = messages.filter(
        (m) =>
          (!q.roomIds || q.roomIds.includes(m.roomId)) &&
          (!q.author || m.author.toLowerCase() === q.author.toLowerCase()) &&
          (!q.from || m.postedAt >= q.from) &&
          (!q.to || m.postedAt <= q.to),
      );
      return q.limit === undefined ? hits : hits.slice(0, q.limit);
    },
  },
  audit: {scan: () => []},
  backups: emptyPorts.backups,
  drills: {list: () => []},
  archives: noArchives,
});

export const invoke = (
  state: ChatState,
  name: string,
  args: Record<string, unknown>,
  options: InvokeOptions = {},
): Invocation => {
  const spec = cmdlet(name);
  const result: Invocation = {
    state,
    output: [],
    errors: [],
    warnings: [],
    whatIf: [],
    effects: [],
    targets: [],
    messages: [...(options.messages ?? [])],
  };
  let working = state;
  let ids = 0;
  const ports = portsOver(result.messages);
  const ctx = (): CmdletContext => ({
    get state() {
      return working;
    },
    setState(next, targets) {
      working = next;
      result.targets.push(...targets);
    },
    nextRevision: state.revision + 1,
    write: (value) => void result.output.push(value as PsObject),
    warn: (warningId, message, target) =>
      void result.warnings.push({warningId, message, target: target ?? null}),
    shouldProcess(target, action) {
      if (options.whatIf) {
        result.whatIf.push(`What if: Performing the operation "${action}" on target "${target}".`);
        return false;
      }
      return options.confirm ?? true;
    },
    shouldContinue: () => options.confirm ?? true,
    effect: (effect) => void result.effects.push(effect),
    now: options.now ?? new Date('2026-01-15T12:00:00Z'),
    newId: () => `id-${++ids}`,
    operator: {name: 'admin', roles: ['CsAdministrator']},
    roles: ['CsAdministrator'],
    ports,
    matchFilter: options.matchFilter ?? (() => true),
    catalog: CONTENT_CMDLETS,
  });
  const inputs = options.pipeline ?? [undefined];
  for (const input of inputs) {
    try {
      spec.run(
        ctx(),
        input === undefined ? args : {...args, Instance: input},
        input === undefined ? 'Identity' : 'Instance',
      );
    } catch (error) {
      if (!isCmdletError(error)) throw error;
      result.errors.push(error);
    }
  }
  return {...result, state: working, messages: applyEffects(result.messages, result.effects)};
};
