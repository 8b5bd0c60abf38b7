// Confirmation prompts a cmdlet asks for while a line runs (Clear-CsPersistentChatRoom, removing a
// policy still assigned...). The session is opened with `ask: consoleAsk`; the console attaches the
// dialog that answers. With no console attached every prompt is answered No, never Yes.

import type {Prompt} from '../lang/api.js';

export type PromptAnswerer = (prompts: readonly Prompt[]) => Promise<ReadonlyMap<string, boolean>>;

let answerer: PromptAnswerer | null = null;

export const consoleAsk: PromptAnswerer = (prompts) =>
  answerer ? answerer(prompts) : Promise.resolve(new Map(prompts.map((p) => [p.id, false])));

/** Attaches the console's dialog; returns the detach function. */
export function attachAsker(next: PromptAnswerer): () => void {
  answerer = next;
  return () => {
    if (answerer === next) answerer = null;
  };
}
