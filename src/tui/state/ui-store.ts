// A tiny external store around the reducer: `get()` is always the latest state, so two keys that
// arrive before React re-renders are handled in order (no stale closures), and React subscribes
// with useSyncExternalStore.

import {reduce, type UiEvent} from './reducer.js';
import type {UiState} from './ui-state.js';

export interface UiStore {
  readonly get: () => UiState;
  readonly dispatch: (event: UiEvent) => void;
  readonly subscribe: (listener: () => void) => () => void;
}

export function createUiStore(initial: UiState): UiStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch: (event) => {
      const next = reduce(state, event);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
