// Shared shape of the documented-example tables: lines run through the real Session (runLines)
// on the section 7 fixture, then a check of the outcome.

import type {ChatMessage, ChatState} from '../../src/domain/types.js';
import type {LineRun} from '../../src/session.js';
import type {MemoryStore} from '../../src/store/memory-store.js';
import {runLines, type RunOptions} from './run-lines.js';
import {contentState, MESSAGES, type FixtureOptions} from './content-fixture.js';

export interface ExampleOutcome {
  readonly runs: readonly LineRun[];
  readonly state: ChatState;
  readonly messages: readonly ChatMessage[];
  readonly store: MemoryStore;
  /** The last line's run. */
  readonly last: LineRun;
}

export interface Example {
  readonly title: string;
  readonly lines: readonly string[];
  readonly fixture?: FixtureOptions;
  readonly prepare?: (state: ChatState) => ChatState;
  readonly options?: RunOptions;
  readonly check: (outcome: ExampleOutcome) => void;
}

export const runExample = async (example: Example): Promise<ExampleOutcome> => {
  const start = (example.prepare ?? ((s: ChatState) => s))(contentState(example.fixture));
  const {runs, state, store} = await runLines(start, example.lines, {messages: MESSAGES, ...example.options});
  const messages = [...store.ports().messages.scan({})];
  return {runs, state, messages, store, last: runs[runs.length - 1]!};
};

export const errorIds = (run: LineRun): string[] => run.errors.map((e) => e.errorId);

export const names = (run: LineRun): unknown[] =>
  run.output.map((o) => (o as Record<string, unknown>)['Name']);
