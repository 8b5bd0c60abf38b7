import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import {ConsoleController} from '../../src/tui/controller.js';
import {BINDINGS} from '../../src/tui/keymap.js';
import type {ConsoleSession} from '../../src/tui/session-port.js';
import {initialUi} from '../../src/tui/state/ui-state.js';
import {createUiStore, type UiStore} from '../../src/tui/state/ui-store.js';
import {demoDeployment, stateFrom} from '../helpers/demo.js';

/** A console whose store another process commits to: `commit()` is that process's commit. */
function consoleOn(first: ChatState) {
  let latest = first;
  let changed: () => void = () => undefined;
  const session = {
    get state() {
      return latest;
    },
    readOnly: false,
    user: 'admin',
    role: 'CsAdministrator',
    roles: ['CsAdministrator'],
    store: {
      watch: (onChange: () => void) => {
        changed = onChange;
        return () => undefined;
      },
    },
    run: () => Promise.reject(new Error('no runs here')),
    reload: () => Promise.resolve(latest),
  } as unknown as ConsoleSession;
  const store: UiStore = createUiStore(
    initialUi({chat: first, now: 0, size: {columns: 120, rows: 35}, pane: 'principals'}),
  );
  const controller = new ConsoleController({
    session,
    store,
    keymap: BINDINGS,
    now: () => 0,
    copy: () => undefined,
    exit: () => undefined,
    redraw: () => undefined,
    log: () => undefined,
  });
  controller.start();
  const commit = (): ChatState => {
    latest = {...latest, revision: latest.revision + 1};
    changed();
    return latest;
  };
  const press = (name: string): void => controller.handleKey({name, text: name});
  return {controller, store, commit, press};
}

/** A console a second after it started, a key pressed, then a commit made elsewhere. */
async function keyThenCommit() {
  const first = stateFrom(demoDeployment());
  const opened = consoleOn(first);
  await vi.advanceTimersByTimeAsync(1000);
  opened.press('j');
  return {...opened, first, read: opened.commit()};
}

// Both pacers count their pauses by performance.now() and wait them out with setTimeout.
beforeEach(() => {
  vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'performance']});
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a read of commits made elsewhere while the operator types', () => {
  it('is shown with the next key, not in a frame of its own just before it', async () => {
    const first = stateFrom(demoDeployment());
    const {controller, store, commit, press} = consoleOn(first);
    await vi.advanceTimersByTimeAsync(1000);
    press('j');
    const cursor = store.get().lists.principals.cursorId;
    const read = commit();
    // The read itself is done (the next timer turn), but what it read waits for a key.
    await vi.advanceTimersByTimeAsync(50);
    expect(store.get().chat).toBe(first);
    // The key applies it before its own move (Ink batches a key's updates into one render).
    press('j');
    expect(store.get().chat).toBe(read);
    expect(store.get().lists.principals.cursorId).not.toBe(cursor);
    controller.dispose();
  });

  it('is shown alone once keys pause, so the header follows when the operator stops', async () => {
    const first = stateFrom(demoDeployment());
    const {controller, store, commit, press} = consoleOn(first);
    await vi.advanceTimersByTimeAsync(1000);
    press('j');
    commit();
    const last = commit();
    await vi.advanceTimersByTimeAsync(50);
    expect(store.get().chat).toBe(first);
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.get().chat.revision).toBe(last.revision);
    await controller.whenIdle();
    controller.dispose();
  });

  it("waits for the next key from a slow key's frame, not from the key", async () => {
    // A key whose render takes 150 ms (a first visit to a pane of 50,000 rows), then its frame.
    const {controller, store, press, first, read} = await keyThenCommit();
    await vi.advanceTimersByTimeAsync(150);
    controller.drawn();
    // 200 ms after the key but 60 ms after its frame: the operator's next key is still to come.
    await vi.advanceTimersByTimeAsync(60);
    expect(store.get().chat).toBe(first);
    press('j');
    expect(store.get().chat).toBe(read);
    controller.dispose();
  });

  it('is shown at once when no key came for a while', async () => {
    const first = stateFrom(demoDeployment());
    const {controller, store, commit} = consoleOn(first);
    await vi.advanceTimersByTimeAsync(1000);
    const read = commit();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get().chat).toBe(read);
    controller.dispose();
  });
});

describe("the data age's redraw (App's tick) while the operator types", () => {
  it('is drawn with the next key, not in a frame of its own just before it', async () => {
    const {controller, press} = consoleOn(stateFrom(demoDeployment()));
    await vi.advanceTimersByTimeAsync(1000);
    press('j');
    const redraw = vi.fn();
    controller.tick(redraw);
    await vi.advanceTimersByTimeAsync(50);
    expect(redraw).not.toHaveBeenCalled();
    press('j');
    expect(redraw).toHaveBeenCalledTimes(1);
    controller.dispose();
  });

  it('is drawn once keys pause, and at once when no key came for a while', async () => {
    const {controller, press} = consoleOn(stateFrom(demoDeployment()));
    await vi.advanceTimersByTimeAsync(1000);
    const atOnce = vi.fn();
    controller.tick(atOnce);
    expect(atOnce).toHaveBeenCalledTimes(1);
    press('j');
    const afterPause = vi.fn();
    controller.tick(afterPause);
    await vi.advanceTimersByTimeAsync(1000);
    expect(afterPause).toHaveBeenCalledTimes(1);
    controller.dispose();
  });

  it('leaves a read held for the next key to show', async () => {
    const {controller, store, press, read} = await keyThenCommit();
    await vi.advanceTimersByTimeAsync(50);
    const redraw = vi.fn();
    controller.tick(redraw);
    press('j');
    expect(redraw).toHaveBeenCalledTimes(1);
    expect(store.get().chat).toBe(read);
    controller.dispose();
  });
});
