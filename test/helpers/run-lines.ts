// Runs cmdlet lines through the same Session that `pchat exec` uses, on a store in memory.

import type {DrillRecord} from '../../src/domain/drills.js';
import type {ChatMessage, ChatState, CommandOrigin} from '../../src/domain/types.js';
import {MemoryStore} from '../../src/store/memory-store.js';
import {Session, type Asker, type LineRun} from '../../src/session.js';

export interface RunOptions {
  /** Default: 'exec', as `pchat exec` runs lines. */
  readonly origin?: CommandOrigin;
  readonly user?: string;
  readonly readOnly?: boolean;
  readonly yes?: boolean;
  readonly ask?: Asker;
  readonly messages?: readonly ChatMessage[];
  /** The drill records the store holds (Get-PcDrill lists them). */
  readonly drills?: readonly DrillRecord[];
  readonly now?: Date;
}

export const FIXED_NOW = new Date('2026-01-15T12:00:00Z');

let counter = 0;
/** Deterministic ids so outputs are stable in snapshots. */
export const sequentialIds = (): (() => string) => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n + counter * 0).toString(16).padStart(12, '0')}`;
};

export async function openSession(
  state: ChatState,
  options: RunOptions = {},
): Promise<{session: Session; store: MemoryStore}> {
  counter += 1;
  const now = options.now ?? FIXED_NOW;
  const store = new MemoryStore(state, {
    messages: options.messages ?? [],
    now: () => now,
    drills: options.drills ?? [],
  });
  const session = await Session.open({
    store,
    origin: options.origin ?? 'exec',
    user: options.user ?? 'admin',
    uid: 1000,
    readOnly: options.readOnly ?? false,
    yes: options.yes ?? false,
    ...(options.ask ? {ask: options.ask} : {}),
    now: () => now,
    newId: sequentialIds(),
  });
  return {session, store};
}

/** Runs the lines in order on one session; returns every line's result and the final state. */
export async function runLines(
  state: ChatState,
  lines: readonly string[],
  options: RunOptions = {},
): Promise<{runs: LineRun[]; state: ChatState; session: Session; store: MemoryStore}> {
  const {session, store} = await openSession(state, options);
  const runs: LineRun[] = [];
  for (const line of lines) runs.push(await session.run(line));
  return {runs, state: session.state, session, store};
}
