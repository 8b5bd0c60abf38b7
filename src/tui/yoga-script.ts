// Ink's Yoga in the console script (scripts/bundle.js resolves Ink's `yoga-layout` and ./yoga-ready.js
// here): the package's own entry loads its WebAssembly with a top-level await, which a script cannot
// hold. Ink reads Yoga only when it lays out a node, never as its modules load, so the object may be
// filled later: startConsole awaits yogaReady before the first render.

import {loadYoga, type Yoga} from 'yoga-layout/load';

const yoga = {} as Yoga;
export default yoga;

let loading: Promise<void> | null = null;

export function yogaReady(): Promise<void> {
  loading ??= withoutFetch(loadYoga).then((loaded) => {
    Object.assign(yoga, loaded);
  });
  return loading;
}

// Yoga's loader reads its inline WebAssembly through fetch() when there is one, and Node's fetch loads
// undici for it (about 35 ms of CPU at start); without one it decodes the same bytes itself. The loader
// looks for fetch synchronously, before its first await, so fetch is hidden for that call alone.
function withoutFetch<T>(call: () => T): T {
  const {fetch} = globalThis;
  Reflect.set(globalThis, 'fetch', undefined);
  try {
    return call();
  } finally {
    globalThis.fetch = fetch;
  }
}
