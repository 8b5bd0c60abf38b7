// Where stores come from: the default store (created from the demo on first use), a named
// store (must exist), and `pchat init` (a deployment file plus an optional setup script).
// A new store is built in a sibling directory and renamed into place, so a failed init
// leaves nothing half written.

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import {randomUUID} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import {loadDeployment} from './domain/deployment.js';
import {UsageError, readJsonFile, readTextFile} from './input-files.js';
import {deploymentMessagesToRecords} from './domain/messages.js';
import type {CommandOrigin} from './domain/types.js';
import {Session, type Asker} from './session.js';
import {createStore, openStore} from './store/file-store.js';
import {makeDirectories} from './store/make-directories.js';
import {StoreError} from './store/port.js';
import {statOrNull} from './store/safety.js';
import {MemoryStore} from './store/memory-store.js';
import {isPostgresUrl, urlProblem} from './store/pg/target.js';
import type {LineRun} from './session.js';
import {scriptStatements} from './lang/script.js';
import {errorLine} from './lang/present/record-lines.js';

/** The folder holding package.json: this module runs from src/, dist/ or the dist/bundle/ chunks. */
const findProjectRoot = (start: string): string => {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '..');
  }
};

const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

export const DEFAULT_STORE = path.join(projectRoot, 'data', 'store');
export const DEMO_DEPLOYMENT = path.join(projectRoot, 'data', 'demo', 'deployment.json');
export const DEMO_SETUP = path.join(projectRoot, 'data', 'demo', 'setup.ps1');

export interface OpenOptions {
  /** --store or PCHAT_STORE; undefined = the default store. */
  readonly store?: string | undefined;
  readonly origin: CommandOrigin;
  readonly readOnly?: boolean;
  readonly yes?: boolean;
  readonly ask?: Asker;
}

/**
 * --store, else PCHAT_STORE, else the default store. An empty value is refused rather than taken
 * for "not given": `--store "$STORE"` with STORE unset must not send the command to the demo store.
 */
export const resolveStoreDir = (store: string | undefined): {dir: string; explicit: boolean} => {
  if (store === '')
    throw new UsageError(
      '--store is empty; give the store directory, or leave --store out for the default store.',
    );
  const named = store ?? process.env['PCHAT_STORE'];
  if (named === '')
    throw new UsageError(
      'PCHAT_STORE is empty; set it to the store directory, or unset it for the default store.',
    );
  if (named === undefined) return {dir: DEFAULT_STORE, explicit: false};
  const problem = isPostgresUrl(named) ? urlProblem(named) : null;
  if (problem !== null) throw new UsageError(problem);
  return {dir: isPostgresUrl(named) ? named : path.resolve(named), explicit: true};
};

/** Opens the store for a session; the default store is created from the demo when missing. */
export async function openSession(options: OpenOptions): Promise<Session> {
  const {dir, explicit} = resolveStoreDir(options.store);
  if (isPostgresUrl(dir)) return openPgSession(dir, options);
  // A store we may not even look at is a permission problem, never "no store" (which invites an init over it).
  const missing = statOrNull(dir) === null;
  if (!explicit && missing) {
    await initStore({dir, from: DEMO_DEPLOYMENT, setup: DEMO_SETUP});
  }
  if (explicit && missing) {
    throw new StoreError(
      'StoreNotFound',
      `No store at ${dir}. Create one with: pchat init --store ${dir}`,
      dir,
    );
  }
  return Session.open({
    store: await openStore(dir),
    origin: options.origin,
    readOnly: options.readOnly ?? false,
    yes: options.yes ?? false,
    // pchat exec can still list and restore the backups of a store whose state.json cannot be read.
    rescue: options.origin === 'exec',
    ...(options.ask ? {ask: options.ask} : {}),
  });
}

/** A store on PostgreSQL: the database user is the operator the store's operator list maps to roles. */
async function openPgSession(url: string, options: OpenOptions): Promise<Session> {
  const {openPgStore} = await import('./store/pg/pg-store.js');
  const store = await openPgStore(url);
  return Session.open({
    store,
    origin: options.origin,
    user: store.user,
    uid: null,
    readOnly: options.readOnly ?? false,
    yes: options.yes ?? false,
    ...(options.ask ? {ask: options.ask} : {}),
  });
}

export interface InitOptions {
  readonly dir: string;
  readonly from: string;
  readonly setup?: string | undefined;
  readonly force?: boolean;
}

export interface InitReport {
  readonly dir: string;
  readonly setupRuns: readonly LineRun[];
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
  const deployment = loadDeployment(readJsonFile(options.from), {initUser: user, newId: randomUUID});
  const script = options.setup === undefined ? null : readTextFile(options.setup);

  makeDirectories(path.dirname(dir), 0o777);
  const staging = `${dir}.init-${process.pid}-${Date.now()}`;
  try {
    await createStore(staging, deployment.state, []);
    const session = await Session.open({store: await openStore(staging), origin: 'init', yes: true});
    const setupRuns = script === null ? [] : await runSetup(session, script, options.setup!);
    const messages = await loadMessages(session, deployment.messages);
    session.store.close();
    const replaced = fs.existsSync(dir)
      ? `${dir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`
      : null;
    if (replaced) fs.renameSync(dir, replaced);
    fs.renameSync(staging, dir);
    return {dir, setupRuns, messages, replaced};
  } catch (error) {
    fs.rmSync(staging, {recursive: true, force: true});
    throw error;
  }
}

/**
 * A store on PostgreSQL is built in memory (the deployment, the setup script, the messages) and
 * written in one transaction, so a failed init leaves the database as it was.
 */
async function initPgStore(options: InitOptions): Promise<InitReport> {
  const {createPgStore, databaseUser} = await import('./store/pg/pg-store.js');
  const user = databaseUser(options.dir);
  const deployment = loadDeployment(readJsonFile(options.from), {initUser: user, newId: randomUUID});
  const script = options.setup === undefined ? null : readTextFile(options.setup);
  const memory = new MemoryStore(deployment.state);
  const session = await Session.open({store: memory, origin: 'init', yes: true, user, uid: null});
  const setupRuns = script === null ? [] : await runSetup(session, script, options.setup!);
  const messages = await loadMessages(session, deployment.messages);
  const ports = memory.ports();
  const store = await createPgStore(
    options.dir,
    {state: await memory.read(), messages: ports.messages.scan({}), audit: ports.audit.scan({})},
    {force: options.force ?? false},
  );
  const report = {dir: store.label, setupRuns, messages, replaced: null};
  store.close();
  return report;
}

/**
 * A setup script builds the store a line at a time, and later lines count on earlier ones; so the
 * first line that fails stops init, names its line, and no store is created.
 */
async function runSetup(session: Session, script: string, file: string): Promise<LineRun[]> {
  const runs: LineRun[] = [];
  for (const statement of scriptStatements(script)) {
    const run = await session.run(statement.text);
    const failure = run.storeFailure;
    if (failure) throw new StoreError(failure.kind, failure.message, failure.path);
    if (!run.ok)
      throw new UsageError(
        `The setup script ${file} failed at line ${statement.line}, so no store was created: ${statement.text.split('\n')[0]}`,
        run.errors.map(errorLine),
      );
    runs.push(run);
  }
  return runs;
}

async function loadMessages(
  session: Session,
  messages: Parameters<typeof deploymentMessagesToRecords>[1],
): Promise<number> {
  if (messages.length === 0) return 0;
  const loaded = deploymentMessagesToRecords(session.state, messages, randomUUID);
  if (loaded.issues.length > 0) {
    throw new UsageError(
      'The deployment file names messages that cannot be loaded:',
      loaded.issues.map((i) => i.message),
    );
  }
  await session.store.commit((fresh) => ({
    plan: {
      state: fresh,
      effects: [{kind: 'appendMessages', messages: loaded.messages}],
      audit: {
        operator: session.user,
        uid: session.uid,
        role: session.role,
        command: `pchat init: load ${loaded.messages.length} messages from the deployment file`,
        targets: [...new Set(loaded.messages.map((m) => m.roomId))],
        result: 'Success',
        errors: [],
        source: null,
        warnings: [],
        via: session.origin,
      },
    },
    result: null,
  }));
  return loaded.messages.length;
}
