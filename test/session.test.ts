import {describe, expect, it} from 'vitest';
import {CmdletError} from '../src/domain/errors.js';
import type {Prompt} from '../src/lang/api.js';
import {onePoolDeployment, stateFrom} from './helpers/demo.js';
import {openSession, runLines} from './helpers/run-lines.js';
import {MemoryStore} from '../src/store/memory-store.js';
import {StoreError} from '../src/store/port.js';
import {Session} from '../src/session.js';
import {lockedStore} from './helpers/locked-store.js';

const pool = 'pc1.dc1.example.org';

describe('The audit entry of a line', () => {
  const farServer = `Set-CsPersistentChatActiveServer -Identity "service:PersistentChatServer:${pool}" -ActiveServers @{Remove="chat4.dc1.example.org"; Add="chat5.dc2.example.org"}`;

  it.each(['console', 'exec', 'drill', 'init'] as const)(
    'records the origin %s the session was opened with',
    async (origin) => {
      const {store} = await runLines(
        stateFrom(onePoolDeployment()),
        ['New-CsPersistentChatPolicy -Identity Sales'],
        {
          origin,
        },
      );
      expect([...store.ports().audit.scan({})].map((a) => a.via)).toEqual([origin]);
    },
  );

  it('records the ids of the warnings the committed line raised, and none for a line without', async () => {
    const {runs, store} = await runLines(
      stateFrom(onePoolDeployment()),
      [farServer, 'New-CsPersistentChatPolicy -Identity Sales'],
      {yes: true},
    );
    expect(runs[0]!.committed).toBe(true);
    const warned = runs[0]!.warnings.map((w) => w.warningId);
    expect(warned).toContain('ActiveServerFarFromDatabase');
    expect([...store.ports().audit.scan({})].map((a) => a.warnings)).toEqual([warned, []]);
  });

  it('writes no entry for a -WhatIf line or a line that failed, even when it warned', async () => {
    const {runs, store} = await runLines(
      stateFrom(onePoolDeployment()),
      [
        `${farServer} -WhatIf`,
        'New-CsPersistentChatPolicy -Identity Global',
        'Set-CsPersistentChatPolicy -Identity Nope -Description x',
      ],
      {yes: true},
    );
    expect(runs[0]!.warnings.map((w) => w.warningId)).toContain('ActiveServerFarFromDatabase');
    expect(runs.map((r) => [r.ok, r.committed])).toEqual([
      [true, false],
      [false, false],
      [false, false],
    ]);
    expect([...store.ports().audit.scan({})]).toEqual([]);
  });
});

describe('Session', () => {
  it('commits a change as one revision with one audit entry', async () => {
    const {runs, state, store} = await runLines(stateFrom(onePoolDeployment()), [
      'New-CsPersistentChatPolicy -Identity Sales',
    ]);
    expect(runs[0]).toMatchObject({ok: true, committed: true});
    expect(state.revision).toBe(1);
    const audit = [...store.ports().audit.scan({})];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      command: 'New-CsPersistentChatPolicy -Identity Sales',
      operator: 'admin',
      revisionBefore: 0,
      revisionAfter: 1,
    });
  });

  it('does not commit a line that changes nothing', async () => {
    const {runs, state} = await runLines(stateFrom(onePoolDeployment()), [
      'Get-CsPersistentChatPolicy',
      'New-CsPersistentChatPolicy -Identity Sales -WhatIf',
    ]);
    expect(runs.map((r) => r.committed)).toEqual([false, false]);
    expect(runs[1]!.whatIf).toHaveLength(1);
    expect(state.revision).toBe(0);
  });

  it('asks before the commit, and every run of the line draws the same new ids', async () => {
    const asked: Prompt[] = [];
    let drawn = 0;
    const store = new MemoryStore(stateFrom(onePoolDeployment()));
    const session = await Session.open({
      store,
      origin: 'exec',
      user: 'admin',
      newId: () => `00000000-0000-4000-8000-${String(++drawn).padStart(12, '0')}`,
      ask: (prompts) => {
        asked.push(...prompts);
        return Promise.resolve(new Map(prompts.map((p) => [p.id, true])));
      },
    });
    const run = await session.run(
      `New-CsPersistentChatEndpoint -SipAddress "sip:extra@example.org" -PersistentChatPoolFqdn ${pool} -Confirm`,
    );
    expect(run.errors).toEqual([]);
    expect(run.committed).toBe(true);
    expect(asked).toHaveLength(1);
    // Planning, re-planning with the answers and the commit run: one GUID, drawn once.
    expect(drawn).toBe(1);
    const saved = (await store.read()).endpoints.find((e) => e.sipAddress === 'sip:extra@example.org');
    expect(saved?.objectId).toBe('00000000-0000-4000-8000-000000000001');
  });

  it('writes nothing when the operator answers no', async () => {
    const {session} = await openSession(stateFrom(onePoolDeployment()), {
      ask: (prompts) => Promise.resolve(new Map(prompts.map((p) => [p.id, false]))),
    });
    const run = await session.run('New-CsPersistentChatPolicy -Identity Sales -Confirm');
    expect(run.committed).toBe(false);
    expect(session.state.policies.some((p) => p.identity === 'Tag:Sales')).toBe(false);
  });

  it('fails with ConfirmationRequired when nobody can be asked, and --yes goes through', async () => {
    const plain = await runLines(stateFrom(onePoolDeployment()), [
      'New-CsPersistentChatPolicy -Identity Sales -Confirm',
    ]);
    expect(plain.runs[0]!.errors.map((e) => e.errorId)).toEqual(['ConfirmationRequired']);
    expect(plain.state.revision).toBe(0);
    const yes = await runLines(
      stateFrom(onePoolDeployment()),
      ['New-CsPersistentChatPolicy -Identity Sales -Confirm'],
      {yes: true},
    );
    expect(yes.runs[0]!.ok).toBe(true);
    expect(yes.state.revision).toBe(1);
  });

  it('refuses an edit prepared on an older view with the caller’s Conflict, writing nothing', async () => {
    const {session} = await openSession(stateFrom(onePoolDeployment()));
    await session.run('New-CsPersistentChatPolicy -Identity Sales');
    const seen = session.state.policies.find((p) => p.identity === 'Tag:Sales')!.rev;
    await session.run('Set-CsPersistentChatPolicy -Identity Sales -Description "changed elsewhere"');
    const expectRev = (fresh: typeof session.state) => {
      const now = fresh.policies.find((p) => p.identity === 'Tag:Sales')!.rev;
      return now === seen
        ? null
        : new CmdletError('Conflict', `Tag:Sales is at revision ${now}; the edit was based on ${seen}.`, {
            target: 'Tag:Sales',
          });
    };
    const run = await session.run('Set-CsPersistentChatPolicy -Identity Sales -EnablePersistentChat $True', {
      expect: expectRev,
    });
    expect(run.errors.map((e) => e.errorId)).toEqual(['Conflict']);
    expect(session.state.policies.find((p) => p.identity === 'Tag:Sales')!.enablePersistentChat).toBe(false);
  });

  it.each([
    ['a read-only session', {readOnly: true, user: 'admin'}],
    ['an operator the store does not know', {readOnly: false, user: 'stranger'}],
  ])('refuses every change in %s with AccessDenied', async (_name, options) => {
    const {runs, state} = await runLines(
      stateFrom(onePoolDeployment()),
      ['New-CsPersistentChatPolicy -Identity Sales', 'Get-CsPersistentChatPolicy -Identity Global'],
      options,
    );
    expect(runs[0]!.errors.map((e) => e.errorId)).toEqual(['AccessDenied']);
    expect(runs[1]!.ok).toBe(true);
    expect(state.revision).toBe(0);
  });

  it('runs the assignments of a committing line once, however many times the line is evaluated', async () => {
    const store = new MemoryStore(stateFrom(onePoolDeployment()));
    const other = await Session.open({store, origin: 'exec', user: 'admin'});
    const session = await Session.open({
      store,
      origin: 'exec',
      user: 'admin',
      // Another operator commits while this one answers: the line is evaluated again on the moved state.
      ask: async (prompts) => {
        await other.run('New-CsPersistentChatPolicy -Identity Elsewhere');
        return new Map(prompts.map((p) => [p.id, true]));
      },
    });
    await session.run('$n = 0');
    const asked = await session.run('$n += 1; New-CsPersistentChatPolicy -Identity "P$n" -Confirm');
    const plain = await session.run(
      '$n += 1; Set-CsPersistentChatPolicy -Identity Global -Description "d$n"',
    );
    expect([asked.committed, plain.committed]).toEqual([true, true]);
    expect(session.variables.get('n')).toBe(2);
    const state = await store.read();
    expect(state.policies.map((p) => p.identity)).toEqual(
      expect.arrayContaining(['Tag:Elsewhere', 'Tag:P1']),
    );
    expect(state.policies.find((p) => p.identity === 'Global')?.description).toBe('d2');
  });

  it('keeps running the lines of a script after a failing one', async () => {
    const {session} = await openSession(stateFrom(onePoolDeployment()));
    const runs = await session.runScript(
      '# setup\nNew-CsPersistentChatPolicy -Identity A\nNew-CsPersistentChatPolicy -Identity A\n\nNew-CsPersistentChatPolicy -Identity B\n',
    );
    expect(runs.map((r) => r.ok)).toEqual([true, false, true]);
  });

  it('reports a locked store as the run’s store failure and writes nothing', async () => {
    const locked = await lockedStore(stateFrom(onePoolDeployment()));
    try {
      const session = await Session.open({store: locked.store, origin: 'exec', user: 'admin'});
      const run = await session.run('New-CsPersistentChatPolicy -Identity Sales');
      expect(run).toMatchObject({ok: false, committed: false, errors: []});
      expect(run.storeFailure?.kind).toBe('StoreLocked');
      expect(run.storeFailure?.message).toContain('locked by bob');
      expect((await locked.store.read()).revision).toBe(0);
    } finally {
      locked.remove();
    }
  });

  it('stops a script at a store failure and throws it', async () => {
    const locked = await lockedStore(stateFrom(onePoolDeployment()));
    try {
      const session = await Session.open({store: locked.store, origin: 'exec', user: 'admin'});
      await expect(
        session.runScript('New-CsPersistentChatPolicy -Identity A\nNew-CsPersistentChatPolicy -Identity B\n'),
      ).rejects.toMatchObject({code: 'StoreLocked'});
    } finally {
      locked.remove();
    }
  });

  it('says a change was saved when only reading the store back after the commit failed', async () => {
    class UnreadableAfterCommit extends MemoryStore {
      private committedOnce = false;
      override async commit<T>(...args: Parameters<MemoryStore['commit']>) {
        const outcome = await super.commit<T>(...(args as [never]));
        this.committedOnce = true;
        return outcome;
      }
      override read() {
        if (this.committedOnce)
          return Promise.reject(new StoreError('StoreDamaged', 'state.json is damaged', '/s'));
        return super.read();
      }
    }
    const store = new UnreadableAfterCommit(stateFrom(onePoolDeployment()));
    const session = await Session.open({store, origin: 'exec', user: 'admin'});
    const run = await session.run('New-CsPersistentChatPolicy -Identity Sales');
    expect(run).toMatchObject({committed: true, revision: 1});
    expect(run.storeFailure?.message).toBe(
      'The change was saved as revision 1, but reading the store back failed: state.json is damaged',
    );
  });

  it('throws an exception that is not the store’s: it is a bug, not a failed line', async () => {
    class BrokenStore extends MemoryStore {
      override commit(): never {
        throw new TypeError('a bug in the commit');
      }
    }
    const session = await Session.open({
      store: new BrokenStore(stateFrom(onePoolDeployment())),
      origin: 'exec',
      user: 'admin',
    });
    await expect(session.run('New-CsPersistentChatPolicy -Identity Sales')).rejects.toThrow(TypeError);
  });
});
