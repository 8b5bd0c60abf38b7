import {afterEach, describe, expect, it} from 'vitest';
import {Session} from '../../src/session.js';
import {MemoryStore} from '../../src/store/memory-store.js';
import {onePoolDeployment, stateFrom} from '../helpers/demo.js';
import {keys} from '../helpers/keys.js';
import {lockedStore, type LockedStore} from '../helpers/locked-store.js';
import {renderApp, type RenderedApp} from '../helpers/render-app.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function consoleOn(session: Session): Promise<RenderedApp> {
  const app = await renderApp(session.state, {session});
  cleanups.push(() => app.unmount());
  return app;
}

describe('store failures in the console', () => {
  it('shows a locked store as an error and keeps the operator’s form open with the edit', async () => {
    const locked: LockedStore = await lockedStore(stateFrom(onePoolDeployment()));
    cleanups.push(() => locked.remove());
    const app = await consoleOn(await Session.open({store: locked.store, origin: 'console', user: 'admin'}));
    await app.press('5', 'n');
    await app.type('Sales');
    await app.press(keys.enter);
    const frame = await app.waitForFrame((f) => f.includes('✖ Not run:'));
    expect(frame).toContain('locked by bob');
    expect(frame).toMatch(/› Identity\*\s+: Sales_/);
    expect((await locked.store.read()).policies.map((p) => p.identity)).not.toContain('Tag:Sales');

    // Once the other process lets go, the same Enter saves the edit.
    locked.release();
    await app.press(keys.enter);
    await app.waitForFrame((f) => f.includes('✔ New-CsPersistentChatPolicy'));
    expect(app.session.state.policies.map((p) => p.identity)).toContain('Tag:Sales');
  });

  it('shows the lock holder a lock file names escaped, never as terminal controls', async () => {
    const hostile = '\u001b]52;c;aGk=\u0007\u001b[2J';
    const locked = await lockedStore(stateFrom(onePoolDeployment()), {
      user: `bob${hostile}`,
      startedAt: `2026-01-01${hostile}`,
    });
    cleanups.push(() => locked.remove());
    const app = await consoleOn(await Session.open({store: locked.store, origin: 'console', user: 'admin'}));
    await app.controller.run('New-CsPersistentChatPolicy -Identity Sales');
    const frame = await app.waitForFrame((f) => f.includes('Not run:'));
    expect(frame).toContain('locked by bob^[]52;c;aGk=^G^[[2J');
    expect(frame).not.toContain('\u001b]');
    expect(frame).not.toContain('\u0007');
  });

  it('lets an exception that is not the store’s through instead of showing it as "Not run"', async () => {
    class BrokenStore extends MemoryStore {
      override commit(): never {
        throw new TypeError('a bug in the commit');
      }
    }
    const store = new BrokenStore(stateFrom(onePoolDeployment()));
    const app = await consoleOn(await Session.open({store, origin: 'console', user: 'admin'}));
    await expect(app.controller.run('New-CsPersistentChatPolicy -Identity Sales')).rejects.toThrow(
      'a bug in the commit',
    );
    expect(app.lastFrame()).not.toContain('Not run');
  });
});
