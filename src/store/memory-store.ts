// A store in memory, for tests and previews: same port, same commit rules, no disk.

import type {AuditEntry, ChatMessage, ChatState} from '../domain/types.js';
import {auditMatcher, lastN, messageMatcher} from '../domain/log-queries.js';
import {noArchives, type BackupInfo, type Effect, type Ports} from '../domain/ports.js';
import type {DrillRecord} from '../domain/drills.js';
import type {CommitOutcome, CommitPlan, StorePort} from './port.js';

interface Backup {
  readonly info: BackupInfo;
  readonly state: ChatState;
  readonly messages: readonly ChatMessage[];
}

export class MemoryStore implements StorePort {
  readonly dir: string;
  private state: ChatState;
  private messages: ChatMessage[];
  private readonly audit: AuditEntry[] = [];
  private readonly backups: Backup[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly clock: () => Date;
  private readonly drills: readonly DrillRecord[];

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
      backups: {list: () => this.backups.map((b) => b.info)},
      drills: {list: () => this.drills},
      archives: noArchives,
    };
  }

  commit<T>(
    change: (fresh: ChatState, ports: Ports) => {plan: CommitPlan | null; result: T},
  ): Promise<CommitOutcome<T>> {
    const {plan, result} = change(this.state, this.ports());
    if (!plan) return Promise.resolve({result, revision: this.state.revision, committed: false});
    const before = this.state.revision;
    let next: ChatState = plan.state;
    for (const effect of plan.effects) next = this.apply(effect, next);
    this.state = {...next, revision: before + 1};
    this.audit.push({
      ...plan.audit,
      seq: this.audit.length + 1,
      time: this.clock().toISOString(),
      revisionBefore: before,
      revisionAfter: before + 1,
    });
    for (const listener of this.listeners) listener();
    return Promise.resolve({result, revision: this.state.revision, committed: true});
  }

  watch(onChange: () => void): () => void {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  }

  close(): void {
    this.listeners.clear();
  }

  private apply(effect: Effect, next: ChatState): ChatState {
    switch (effect.kind) {
      case 'appendMessages':
        this.messages.push(...effect.messages);
        return next;
      case 'rewriteMessages': {
        const rooms = effect.roomIds === 'all' ? null : new Set(effect.roomIds);
        this.messages = this.messages.flatMap((m) => {
          if (rooms && !rooms.has(m.roomId)) return [m];
          const out = effect.rewrite(m);
          return out ? [out] : [];
        });
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
