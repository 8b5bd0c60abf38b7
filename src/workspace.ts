// Where stores come from: the default store (created from the demo on first use), a named
// store (must exist), and `pchat init` (a deployment file plus an optional setup script).
// A new store is built in a sibling directory and renamed into place, so a failed init
// leaves nothing half written.

import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import {randomUUID} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import secureJson from 'secure-json-parse';
import {loadDeployment} from './domain/deployment.js';
import {deploymentMessagesToRecords} from './domain/messages.js';
import type {CommandOrigin} from './domain/types.js';
import {Session, type Asker} from './session.js';
import {createStore, openStore} from './store/file-store.js';
import {StoreError} from './store/port.js';
import {statOrNull} from './store/safety.js';
import type {LineRun} from './session.js';

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

/** The largest deployment or script file we read: far above any real one, far below a memory problem. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export interface OpenOptions {
  /** --store or PCHAT_STORE; undefined = the default store. */
  readonly store?: string | undefined;
  readonly origin: CommandOrigin;
  readonly readOnly?: boolean;
  readonly yes?: boolean;
  readonly ask?: Asker;
}

/** Fails when there is nothing to init from: a usage problem, not a store problem. */
export class InitError extends Error {
  readonly problems: readonly string[];
  constructor(message: string, problems: readonly string[] = []) {
    super(message);
    this.name = 'InitError';
    this.problems = problems;
  }
}

export const resolveStoreDir = (store: string | undefined): {dir: string; explicit: boolean} => {
  const named = store ?? process.env['PCHAT_STORE'];
  return named ? {dir: path.resolve(named), explicit: true} : {dir: DEFAULT_STORE, explicit: false};
};

/** Opens the store for a session; the default store is created from the demo when missing. */
export async function openSession(options: OpenOptions): Promise<Session> {
  const {dir, explicit} = resolveStoreDir(options.store);
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

  fs.mkdirSync(path.dirname(dir), {recursive: true});
  const staging = `${dir}.init-${process.pid}-${Date.now()}`;
  try {
    await createStore(staging, deployment.state, []);
    const session = await Session.open({store: await openStore(staging), origin: 'init', yes: true});
    const setupRuns = script === null ? [] : await session.runScript(script);
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

async function loadMessages(
  session: Session,
  messages: Parameters<typeof deploymentMessagesToRecords>[1],
): Promise<number> {
  if (messages.length === 0) return 0;
  const loaded = deploymentMessagesToRecords(session.state, messages, randomUUID);
  if (loaded.issues.length > 0) {
    throw new InitError(
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

const readBytes = (file: string): Buffer => {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InitError(`Cannot read ${file}: no such file.`);
  }
  if (!stat.isFile()) throw new InitError(`Cannot read ${file}: not a regular file.`);
  if (stat.size > MAX_INPUT_BYTES)
    throw new InitError(`${file} is ${stat.size} bytes; the limit is ${MAX_INPUT_BYTES}.`);
  return fs.readFileSync(file);
};

export const decodeText = (bytes: Uint8Array, file: string): string => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) throw new InitError(`${file} is UTF-16LE; save it as UTF-8.`);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) throw new InitError(`${file} is UTF-16BE; save it as UTF-8.`);
  try {
    return new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes);
  } catch {
    throw new InitError(`${file} is not valid UTF-8.`);
  }
};

export const readTextFile = (file: string): string => decodeText(readBytes(file), file);

const readJsonFile = (file: string): unknown => {
  const text = readTextFile(file);
  try {
    return secureJson.parse(text, undefined, {protoAction: 'error', constructorAction: 'error'});
  } catch (error) {
    throw new InitError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
};
