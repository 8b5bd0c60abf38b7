// What the console needs from the session (src/session.ts's Session satisfies it), so the console
// can be driven by the real session over any store.

import type {ChatState, Role} from '../domain/types.js';
import type {LineRun, RunOptions, StoreFailure} from '../session.js';

export interface ConsoleSession {
  readonly state: ChatState;
  readonly readOnly: boolean;
  readonly user: string;
  readonly role: Role | 'None';
  readonly roles: readonly Role[];
  readonly store: {watch(onChange: () => void): () => void};
  run(line: string, options?: RunOptions): Promise<LineRun>;
  reload(): Promise<ChatState>;
}

export type {LineRun, RunOptions, StoreFailure};
export {storeFailureOf} from '../session.js';
