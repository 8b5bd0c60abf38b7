// A store in memory, for tests and previews: same port, same commit rules, no disk.

import type {AuditEntry, ChatMessage, ChatState} from '../domain/types.js';
import {auditMatcher, lastN, messageMatcher} from '../domain/log-queries.js';
import {noArchives, type BackupInfo, type Effect, type Ports, type RemovedObjects} from '../domain/ports.js';
import type {DrillRecord} from '../domain/drills.js';
import {identityOf} from '../domain/content-identity.js';
import type {CommitOutcome, CommitPlan, StorePort} from './port.js';
import {previewRestore, restoreMessages, type ItemOps, type RemovedEntry} from './removal-merge.js';

interface Removal {
  readonly objects: {rooms: ChatState['rooms'][number][]; categories: ChatState['categories'][number][]};
  readonly entries: RemovedEntry<ChatMessage>[];
  passes: number;
}

interface Backup {
  readonly info: BackupInfo;
  readonly state: ChatState;
  readonly messages: readonly ChatMessage[];
  readonly removal?: Removal;
}

const messageOps: ItemOps<ChatMessage> = {
  idOf: (m) => m.id,
  same: (a, b) => JSON.stringify(a) === JSON.stringify(b),
};

const removalEntries = (removal: Removal) => ({passes: removal.passes, read: () => removal.entries});

export class MemoryStore implements StorePort {
  readonly dir: string;
  private state: ChatState;
  private messages: ChatMessage[];
  private readonly audit: AuditEntry[] = [];
  private readonly backups: Backup[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly clock: () => Date;
  private readonly drills: readonly DrillRecord[];
  /** ports(), made once: each member reads the store when called, not when made. */
  private madePorts: Ports | null = null;

  constructor(
    state: ChatState,
    options: {
      messages?: readonly ChatMessage[];
      dir?: string;
      now?: () => Date;
      drills?: readonly DrillRecord[];
    } = {},
  ) {
    this.state = state;
    this.messages = [...(options.messages ?? [])];
    this.dir = options.dir ?? '/nonexistent/memory-store';
    this.clock = options.now ?? (() => new Date());
    this.drills = options.drills ?? [];
  }

  read(): Promise<ChatState> {
    return Promise.resolve(this.state);
  }

  ports(): Ports {
    this.madePorts ??= this.makePorts();
    return this.madePorts;
  }

  private makePorts(): Ports {
    return {
      messages: {
        scan: (q) => {
          const hits = this.messages.filter(messageMatcher(q));
          return q.limit === undefined ? hits : hits.slice(0, q.limit);
        },
      },
      audit: {
        scan: (q) => lastN(this.audit.filter(auditMatcher(q)), q.limit),
      },
      backups: {
        list: () => this.backups.map((b) => b.info),
        removed: (id) => this.removalOf(id)?.objects ?? null,
        previewRemoval: (id) => {
          const removal = this.removalOf(id);
          return removal
            ? previewRestore(() => this.messages, removalEntries(removal), messageOps)
            : {deleted: 0, replaced: 0, changedSince: 0, existingIds: []};
        },
      },
      drills: {list: () => this.drills},
      archives: noArchives,
    };
  }

  commit<T>(
    change: (fresh: ChatState, ports: Ports) => {plan: CommitPlan | null; result: T},
  ): Promise<CommitOutcome<T>> {
    const {plan, result} = change(this.state, this.ports());
    if (!plan) return Promise.resolve({result, revision: this.state.revision, committed: false, backups: []});
    const before = this.state.revision;
    const made = this.backups.length;
    const removal: Removal | null = plan.effects.some((e) => e.kind === 'keepRemoved')
      ? {objects: {rooms: [], categories: []}, entries: [], passes: 0}
      : null;
    let next: ChatState = plan.state;
    for (const effect of plan.effects) next = this.apply(effect, next, removal);
    if (removal) this.keep(removal, plan.audit.command);
    this.state = {...next, revision: before + 1};
    this.audit.push({
      ...plan.audit,
      seq: this.audit.length + 1,
      time: this.clock().toISOString(),
      revisionBefore: before,
      revisionAfter: before + 1,
    });
    for (const listener of this.listeners) listener();
    const backups = this.backups.slice(made).map((b) => b.info);
    return Promise.resolve({result, revision: this.state.revision, committed: true, backups});
  }

  watch(onChange: () => void): () => void {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  }

  close(): void {
    this.listeners.clear();
  }

  private removalOf(id: string): Removal | undefined {
    return this.backups.find((b) => b.info.id === id)?.removal;
  }

  private keep(removal: Removal, command: string): void {
    const objects: RemovedObjects = removal.objects;
    this.backups.push({
      info: {
        id: `${this.clock().toISOString().replace(/[:.]/g, '-')}-${this.backups.length + 1}`,
        createdAt: this.clock().toISOString(),
        reason: command,
        revision: this.state.revision,
        bytes: JSON.stringify(removal).length,
        kind: 'removal',
        command,
        rooms: objects.rooms.map(identityOf),
        categories: objects.categories.map(identityOf),
        messages: removal.entries.length,
      },
      state: this.state,
      messages: [],
      removal,
    });
  }

  private apply(effect: Effect, next: ChatState, removal: Removal | null): ChatState {
    switch (effect.kind) {
      case 'appendMessages':
        this.messages.push(...effect.messages);
        return next;
      case 'rewriteMessages': {
        const rooms = effect.roomIds === 'all' ? null : new Set(effect.roomIds);
        const pass = removal ? ++removal.passes : 0;
        let after: string | null = null;
        const kept: ChatMessage[] = [];
        for (const m of this.messages) {
          const out = rooms && !rooms.has(m.roomId) ? m : effect.rewrite(m);
          if (out === null) removal?.entries.push({kind: 'deleted', pass, id: m.id, after, item: m});
          else {
            if (out !== m) removal?.entries.push({kind: 'replaced', pass, id: m.id, item: m, now: out});
            kept.push(out);
            after = m.id;
          }
        }
        this.messages = kept;
        return next;
      }
      case 'keepRemoved':
        removal?.objects.rooms.push(...effect.rooms);
        removal?.objects.categories.push(...effect.categories);
        return next;
      case 'restoreRemoval': {
        const found = this.removalOf(effect.id);
        if (found) this.messages = [...restoreMessages(this.messages, removalEntries(found), messageOps)];
        return next;
      }
      case 'backup':
        this.backups.push({
          info: {
            id: `${this.clock().toISOString().replace(/[:.]/g, '-')}-${this.backups.length + 1}`,
            createdAt: this.clock().toISOString(),
            reason: effect.reason,
            revision: this.state.revision,
            bytes: JSON.stringify(this.state).length,
          },
          state: this.state,
          messages: [...this.messages],
        });
        return next;
      case 'restoreBackup': {
        const backup = this.backups.find((b) => b.info.id === effect.id);
        if (!backup) return next;
        this.messages = [...backup.messages];
        return backup.state;
      }
      case 'writeFile':
      case 'writeArchive':
      case 'appendMessageFiles':
        return next;
    }
  }
}
