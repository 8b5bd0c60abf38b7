// `pchat init`: a deployment file and an optional setup script into a new store. The store is built
// in a sibling directory and renamed into place, so a failed init leaves nothing half written.
//
// The deployment file is read a piece at a time (readDeploymentFile): its messages are checked one
// by one and staged in a scratch file, since they name rooms the setup script has yet to create.
// The setup script then runs on the new state in memory, a line at a time through a session as on
// any store: init is all or nothing, so committing each line to disk (an fsync or more a line) would
// buy nothing that the rename at the end does not give. The store is written once at the end: the
// state, every line's audit entry, and the messages streamed into the log. A line whose commit needs
// the disk (a backup, an export, a file) cannot run in memory; then init starts over on the disk,
// each line committed as it runs.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {randomUUID} from 'node:crypto';
import {DeploymentMessageCheck} from './domain/deployment-messages.js';
import {loadDeployment, type DeploymentMessage} from './domain/deployment.js';
import type {Issue} from './domain/errors.js';
import {deploymentMessageRecords} from './domain/messages.js';
import type {ArchivePort, Effect, Ports} from './domain/ports.js';
import type {ChatMessage, ChatState} from './domain/types.js';
import {UsageError, readDeploymentFile, readTextFile} from './input-files.js';
import {scriptStatements} from './lang/script.js';
import {errorLine} from './lang/present/record-lines.js';
import {Session} from './session.js';
import {initializeStore} from './store/create-store.js';
import {createStore, openStore} from './store/file-store.js';
import {InitialMessageLog} from './store/initial-messages.js';
import {readLines} from './store/jsonl.js';
import {makeDirectories} from './store/make-directories.js';
import {MemoryStore} from './store/memory-store.js';
import {StoreError, type CommitOutcome, type CommitPlan, type StorePort} from './store/port.js';
import {lockOptionsFor} from './store/store-access.js';
import {isPostgresUrl} from './store/pg/target.js';

export interface InitOptions {
  readonly dir: string;
  readonly from: string;
  readonly setup?: string | undefined;
  readonly force?: boolean;
}

export interface InitReport {
  readonly dir: string;
  /** The setup script's lines that ran (their results are not kept: each holds a whole state). */
  readonly setupLines: number;
  readonly messages: number;
  /** Where the store that --force replaced was moved. */
  readonly replaced: string | null;
}

export async function initStore(options: InitOptions): Promise<InitReport> {
  if (isPostgresUrl(options.dir)) return initPgStore(options);
  const dir = path.resolve(options.dir);
  if (fs.existsSync(dir) && !options.force) {
    throw new StoreError(
      'StoreExists',
      `A store already exists at ${dir}. Use --force to replace it (it is kept as a backup).`,
      dir,
    );
  }
  const user = os.userInfo().username;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-init-'));
  try {
    const staged = new StagedMessages(path.join(scratch, 'messages.jsonl'));
    const state = readDeployment(options.from, user, (m) => staged.add(m));
    staged.close();
    const script = options.setup === undefined ? null : readTextFile(options.setup);
    makeDirectories(path.dirname(dir), 0o777);
    const staging = `${dir}.init-${process.pid}-${Date.now()}`;
    try {
      const log = path.join(scratch, 'log.jsonl');
      const built =
        (await buildInMemory(staging, log, state, script, options.setup, staged)) ??
        (await buildOnDisk(staging, state, script, options.setup, staged));
      const replaced = fs.existsSync(dir)
        ? `${dir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`
        : null;
      if (replaced) fs.renameSync(dir, replaced);
      fs.renameSync(staging, dir);
      return {dir, ...built, replaced};
    } catch (error) {
      fs.rmSync(staging, {recursive: true, force: true});
      throw error;
    }
  } finally {
    fs.rmSync(scratch, {recursive: true, force: true});
  }
}

/** The deployment's state; each checked message goes to `onMessage` as it is read. */
function readDeployment(file: string, user: string, onMessage: (m: DeploymentMessage) => void): ChatState {
  const check = new DeploymentMessageCheck();
  const rest = readDeploymentFile(file, (value, index) => {
    const message = check.check(value, index);
    if (message !== null) onMessage(message);
  });
  return loadDeployment(rest, {initUser: user, newId: randomUUID}, check).state;
}

type Built = Pick<InitReport, 'setupLines' | 'messages'>;

/** Null when a line of the script needs the disk. */
async function buildInMemory(
  staging: string,
  logFile: string,
  state: ChatState,
  script: string | null,
  file: string | undefined,
  staged: StagedMessages,
): Promise<Built | null> {
  const store = new SetupInMemory(new MemoryStore(state));
  const session = await Session.open({store, origin: 'init', yes: true});
  const setupLines = script === null ? 0 : await runSetup(session, script, file!, () => store.needsDisk);
  if (store.needsDisk) return null;
  // Written beside the scratch files, not beside the store: nothing is made there before the store's directory.
  const log = new InitialMessageLog(logFile);
  try {
    for (const m of store.ports().messages.scan({})) log.append(m);
    const loaded = resolveStaged(session.state, staged, (m) => log.append(m));
    if (loaded.messages > 0) await commitLoad(session, loaded.messages, loaded.rooms, []);
    log.finish();
    const {timeoutMs, user, host} = lockOptionsFor({}, 0o600);
    await initializeStore(staging, await store.read(), log, {
      timeoutMs,
      user,
      host,
      audit: [...store.ports().audit.scan({})],
    });
    return {setupLines, messages: loaded.messages};
  } finally {
    log.discard();
  }
}

/** Each line committed to the store as it runs, as `pchat exec` would. */
async function buildOnDisk(
  staging: string,
  state: ChatState,
  script: string | null,
  file: string | undefined,
  staged: StagedMessages,
): Promise<Built> {
  await createStore(staging, state, []);
  const session = await Session.open({store: await openStore(staging), origin: 'init', yes: true});
  try {
    const setupLines = script === null ? 0 : await runSetup(session, script, file!);
    const records: ChatMessage[] = [];
    const loaded = resolveStaged(session.state, staged, (m) => records.push(m));
    if (loaded.messages > 0)
      await commitLoad(session, loaded.messages, loaded.rooms, [{kind: 'appendMessages', messages: records}]);
    return {setupLines, messages: loaded.messages};
  } finally {
    session.store.close();
  }
}

/** Effects a store in memory carries out as the disk would; any other needs the disk. */
const IN_MEMORY: ReadonlySet<Effect['kind']> = new Set(['appendMessages', 'rewriteMessages']);

/** A store in memory that commits nothing that needs the disk (files, backups), and says so. */
class SetupInMemory implements StorePort {
  needsDisk = false;
  private readonly memory: MemoryStore;

  constructor(memory: MemoryStore) {
    this.memory = memory;
  }

  get dir(): string {
    return this.memory.dir;
  }

  read(): Promise<ChatState> {
    return this.memory.read();
  }

  ports(): Ports {
    return {...this.memory.ports(), archives: this.archives};
  }

  /** A line that reads or writes a file under exports/ needs the disk, as its commit would. */
  private readonly archives: ArchivePort = {
    target: () => this.toDisk(),
    source: () => this.toDisk(),
    toBytes: () => this.toDisk(),
    read: () => this.toDisk(),
    discard: () => undefined,
  };

  private toDisk(): {ok: false; problem: string} {
    this.needsDisk = true;
    return {ok: false, problem: 'pchat init runs this line on the disk'};
  }

  commit<T>(
    change: (fresh: ChatState, ports: Ports) => {plan: CommitPlan | null; result: T},
  ): Promise<CommitOutcome<T>> {
    return this.memory.commit((fresh, ports) => {
      const out = change(fresh, {...ports, archives: this.archives});
      if (out.plan?.effects.some((e) => !IN_MEMORY.has(e.kind))) {
        this.needsDisk = true;
        return {plan: null, result: out.result};
      }
      return out;
    });
  }

  watch(onChange: () => void): () => void {
    return this.memory.watch(onChange);
  }

  close(): void {
    this.memory.close();
  }
}

/**
 * A store on PostgreSQL is built in memory (the deployment, the setup script, the messages) and
 * written in one transaction, so a failed init leaves the database as it was.
 */
async function initPgStore(options: InitOptions): Promise<InitReport> {
  const {createPgStore, databaseUser} = await import('./store/pg/pg-store.js');
  const user = databaseUser(options.dir);
  const deploymentMessages: DeploymentMessage[] = [];
  const state = readDeployment(options.from, user, (m) => deploymentMessages.push(m));
  const script = options.setup === undefined ? null : readTextFile(options.setup);
  const memory = new MemoryStore(state);
  const session = await Session.open({store: memory, origin: 'init', yes: true, user, uid: null});
  const setupLines = script === null ? 0 : await runSetup(session, script, options.setup!);
  const records: ChatMessage[] = [];
  const loaded = resolveMessages(session.state, deploymentMessages, (m) => records.push(m));
  if (loaded.messages > 0)
    await commitLoad(session, loaded.messages, loaded.rooms, [{kind: 'appendMessages', messages: records}]);
  const ports = memory.ports();
  const store = await createPgStore(
    options.dir,
    {state: await memory.read(), messages: ports.messages.scan({}), audit: ports.audit.scan({})},
    {force: options.force ?? false},
  );
  const report = {dir: store.label, setupLines, messages: loaded.messages, replaced: null};
  store.close();
  return report;
}

/**
 * A setup script builds the store a line at a time, and later lines count on earlier ones; so the
 * first line that fails stops init, names its line, and no store is created. `stop` ends the run
 * early (the line it names did not commit).
 */
async function runSetup(
  session: Session,
  script: string,
  file: string,
  stop: () => boolean = () => false,
): Promise<number> {
  let lines = 0;
  for (const statement of scriptStatements(script)) {
    const run = await session.run(statement.text);
    if (stop()) return lines;
    const failure = run.storeFailure;
    if (failure) throw new StoreError(failure.kind, failure.message, failure.path);
    if (!run.ok)
      throw new UsageError(
        `The setup script ${file} failed at line ${statement.line}, so no store was created: ${statement.text.split('\n')[0]}`,
        run.errors.map(errorLine),
      );
    lines += 1;
  }
  return lines;
}

/** The deployment's messages as checked and staged while the file was read, one line each. */
class StagedMessages {
  private readonly file: string;
  private fd: number | null;
  private pending: string[] = [];

  constructor(file: string) {
    this.file = file;
    this.fd = fs.openSync(file, 'wx', 0o600);
  }

  add(m: DeploymentMessage): void {
    this.pending.push(`${JSON.stringify([m.room, m.from, m.at, m.text])}\n`);
    if (this.pending.length >= 4096) this.flush();
  }

  close(): void {
    this.flush();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  *read(): Generator<DeploymentMessage> {
    for (const line of readLines(this.file, 1 << 20)) {
      const [room, from, at, text] = JSON.parse(line.text) as [string, string, string, string];
      yield {room, from, at, text};
    }
  }

  private flush(): void {
    if (this.fd === null || this.pending.length === 0) return;
    fs.writeSync(this.fd, this.pending.join(''));
    this.pending = [];
  }
}

/** More than anyone reads; the rest are counted. */
const LIST_ISSUES = 500;

interface Resolved {
  readonly messages: number;
  readonly rooms: ReadonlySet<string>;
}

const resolveStaged = (state: ChatState, staged: StagedMessages, sink: (m: ChatMessage) => void): Resolved =>
  resolveMessages(state, staged.read(), sink);

/** The messages as log records, against the state after the setup script; every bad one is listed. */
function resolveMessages(
  state: ChatState,
  messages: Iterable<DeploymentMessage>,
  sink: (m: ChatMessage) => void,
): Resolved {
  const toRecord = deploymentMessageRecords(state, randomUUID);
  const rooms = new Set<string>();
  const issues: Issue[] = [];
  let bad = 0;
  let index = 0;
  for (const m of messages) {
    const out = toRecord(m, index);
    index += 1;
    if ('issue' in out) {
      bad += 1;
      if (issues.length < LIST_ISSUES) issues.push(out.issue);
    } else if (bad === 0) {
      rooms.add(out.message.roomId);
      sink(out.message);
    }
  }
  if (bad > 0)
    throw new UsageError('The deployment file names messages that cannot be loaded:', [
      ...issues.map((i) => i.message),
      ...(bad > issues.length ? [`... and ${bad - issues.length} more problems.`] : []),
    ]);
  return {messages: index, rooms};
}

/** The messages' own commit: one audit entry naming their rooms, after the setup script's. */
async function commitLoad(
  session: Session,
  count: number,
  rooms: ReadonlySet<string>,
  effects: readonly Effect[],
): Promise<void> {
  await session.store.commit((fresh) => ({
    plan: {
      state: fresh,
      effects,
      audit: {
        operator: session.user,
        uid: session.uid,
        role: session.role,
        command: `pchat init: load ${count} messages from the deployment file`,
        targets: [...rooms],
        result: 'Success',
        errors: [],
        source: null,
        warnings: [],
        via: session.origin,
      },
    },
    result: null,
  }));
}
