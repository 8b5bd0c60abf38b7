// Confirmations a cmdlet asks for while its line runs, shown as a dialog. The line's run waits for
// the answer; the console stays responsive meanwhile.

import type {Prompt} from '../lang/api.js';
import type {UiEvent} from './state/reducer.js';
import type {UiState} from './state/ui-state.js';

export interface AskHost {
  readonly ui: UiState;
  dispatch(event: UiEvent): void;
  track<T>(promise: Promise<T>): Promise<T>;
}

export class OperatorAsk {
  private readonly host: AskHost;
  private resolveAnswer: ((yes: boolean) => void) | null = null;
  private readonly openers: (() => void)[] = [];

  constructor(host: AskHost) {
    this.host = host;
  }

  /** A dialog waits for the operator. */
  get waiting(): boolean {
    return this.resolveAnswer !== null;
  }

  /** Resolves when the next dialog opens. */
  whenOpened(): Promise<void> {
    return new Promise((resolve) => this.openers.push(resolve));
  }

  async askAll(prompts: readonly Prompt[]): Promise<ReadonlyMap<string, boolean>> {
    const answers = new Map<string, boolean>();
    for (const prompt of prompts) answers.set(prompt.id, await this.askOne(prompt));
    return answers;
  }

  answer(yes: boolean): void {
    this.resolveAnswer?.(yes);
  }

  private askOne(prompt: Prompt): Promise<boolean> {
    return this.host.track(
      new Promise<boolean>((resolve) => {
        // A form that submitted the line stays underneath and comes back after the answer.
        const before = this.host.ui.overlay;
        this.resolveAnswer = (yes) => {
          this.resolveAnswer = null;
          this.host.dispatch({type: 'overlay', overlay: before.kind === 'ask' ? {kind: 'none'} : before});
          resolve(yes);
        };
        this.host.dispatch({
          type: 'overlay',
          overlay: {
            kind: 'ask',
            title: `${prompt.cmdlet}: confirm`,
            message: prompt.message,
            focus: 'cancel',
          },
        });
        for (const notify of this.openers.splice(0)) notify();
      }),
    );
  }
}
