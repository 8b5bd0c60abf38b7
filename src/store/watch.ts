// Noticing another process's commit: fs.watch on the store directory (a commit appends to the state
// log, or renames a new state.json or state log into it), plus a slow stat poll, because fs.watch
// misses events on some file systems.

import fs from 'node:fs';

export interface Watch {
  /** The version last seen; set by the store after its own commits so they do not call back. */
  seen: string | null;
  stop(): void;
}

export function watchStateFile(
  dir: string,
  fileNames: readonly string[],
  currentKey: () => string | null,
  onChange: () => void,
  pollMs: number,
): Watch {
  const watch: Watch = {seen: currentKey(), stop: () => undefined};
  const check = (): void => {
    let key: string | null;
    try {
      key = currentKey();
    } catch {
      return;
    }
    if (key === watch.seen) return;
    watch.seen = key;
    onChange();
  };
  let watcher: fs.FSWatcher | null = null;
  try {
    watcher = fs.watch(dir, {persistent: false}, (_event, name) => {
      if (name === null || fileNames.includes(name)) check();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = null;
  }
  const timer = setInterval(check, pollMs);
  timer.unref();
  watch.stop = () => {
    clearInterval(timer);
    watcher?.close();
  };
  return watch;
}
