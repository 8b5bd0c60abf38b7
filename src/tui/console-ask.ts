// Confirmation prompts a cmdlet asks for while a line runs (Clear-CsPersistentChatRoom, removing a
// policy still assigned...). Start-up creates one ConsoleAsker, opens the session with its `ask`
// and gives it to the console, whose controller attaches the dialog that answers. Each console
// owns its own asker, so two consoles in one process never answer each other's prompts. With no
// dialog attached every prompt is answered No, never Yes.

import type {Prompt} from '../lang/api.js';

export type PromptAnswerer = (prompts: readonly Prompt[]) => Promise<ReadonlyMap<string, boolean>>;

export class ConsoleAsker {
  private answerer: PromptAnswerer | null = null;

  /** The session's `ask` option. */
  readonly ask: PromptAnswerer = (prompts) =>
    this.answerer ? this.answerer(prompts) : Promise.resolve(new Map(prompts.map((p) => [p.id, false])));

  /** Attaches the console's dialog; returns the detach function. */
  attach(next: PromptAnswerer): () => void {
    this.answerer = next;
    return () => {
      if (this.answerer === next) this.answerer = null;
    };
  }
}
