// Noticing another process's commit: fs.watch on the store directory (a commit appends to the state
// log, or renames a new state.json or state log into it), plus a slow stat poll, because fs.watch
// misses events on some file systems.
//
// A change is reported at most once in a rest (restMs): after a report, the directory is not watched
// and the poll does not look until the rest is over, then the files are looked at once and watched
// again, so that a change made during the rest is reported at its end. Another process's `exec -f`
// script commits hundreds of times a second, each commit some two events in the directory, and each
// event woke the follower (the console) to stat both files: 1,800 wake-ups a second, twice the CPU
// of reading the commits themselves, on a machine whose two cores the writer, the console and the
// terminal share (issue 12: the console while another process commits). The console reads at most
// once in 200 ms (tui/controller.ts), so a report a rest sooner than that is never waited for.

import fs from 'node:fs';

/** The default rest after a report: well under the console's 200 ms between reads. */
export const WATCH_REST_MS = 100;

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
  restMs: number = WATCH_REST_MS,
): Watch {
  const watch: Watch = {seen: currentKey(), stop: () => undefined};
  let watcher: fs.FSWatcher | null = null;
  let rest: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const listen = (): void => {
    try {
      const opened = fs.watch(dir, {persistent: false}, (_event, name) => {
        if (name === null || fileNames.includes(name)) check();
      });
      opened.on('error', () => opened.close());
      watcher = opened;
    } catch {
      watcher = null;
    }
  };
  const unlisten = (): void => {
    watcher?.close();
    watcher = null;
  };
  const check = (): void => {
    if (stopped || rest !== null) return;
    let key: string | null;
    try {
      key = currentKey();
    } catch {
      return;
    }
    if (key === watch.seen) return;
    watch.seen = key;
    if (restMs > 0) {
      unlisten();
      rest = setTimeout(() => {
        rest = null;
        if (stopped) return;
        listen();
        check();
      }, restMs);
      rest.unref();
    }
    onChange();
  };

  listen();
  const timer = setInterval(check, pollMs);
  timer.unref();
  watch.stop = () => {
    stopped = true;
    clearInterval(timer);
    if (rest !== null) clearTimeout(rest);
    rest = null;
    unlisten();
  };
  return watch;
}
