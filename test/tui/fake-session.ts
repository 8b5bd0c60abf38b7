// A stand-in session for render tests that need no cmdlets: it holds a state and records lines.

import type {ChatState, Role} from '../../src/domain/types.js';
import type {ConsoleSession, LineRun} from '../../src/tui/session-port.js';

export class FakeSession implements ConsoleSession {
  state: ChatState;
  readOnly: boolean;
  readonly user = 'admin';
  readonly role: Role | 'None' = 'CsAdministrator';
  readonly roles: readonly Role[] = ['CsAdministrator'];
  readonly lines: string[] = [];
  private readonly listeners = new Set<() => void>();
  readonly store = {
    watch: (cb: () => void) => {
      this.listeners.add(cb);
      return () => this.listeners.delete(cb);
    },
  };

  constructor(state: ChatState, options: {readOnly?: boolean} = {}) {
    this.state = state;
    this.readOnly = options.readOnly ?? false;
  }

  run(line: string): Promise<LineRun> {
    this.lines.push(line);
    return Promise.resolve({
      line,
      output: [],
      errors: [],
      warnings: [],
      whatIf: [],
      state: this.state,
      effects: [],
      targets: [],
      cmdlets: [],
      prompts: [],
      ok: true,
      committed: false,
      revision: this.state.revision,
    });
  }

  reload(): Promise<ChatState> {
    return Promise.resolve(this.state);
  }

  /** Another process committed: the state changes and watchers hear of it. */
  changeElsewhere(next: ChatState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}
