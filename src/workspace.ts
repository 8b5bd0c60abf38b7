// Where stores come from: the default store (created from the demo on first use), a named
// store (must exist), and `pchat init` (a deployment file plus an optional setup script, init-store.ts).

import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {UsageError} from './input-files.js';
import type {CommandOrigin} from './domain/types.js';
import type {InitOptions, InitReport} from './init-store.js';
import {Session, type Asker} from './session.js';
import {openStore} from './store/file-store.js';
import {StoreError} from './store/port.js';
import {statOrNull} from './store/safety.js';
import {isPostgresUrl, urlProblem} from './store/pg/target.js';

/** The folder holding package.json: this module runs from src/, dist/, the dist/bundle/ chunks or dist/exec/. */
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

export type {InitOptions, InitReport} from './init-store.js';

/** Creates a store from a deployment (pchat init): its loader and schema load only then, not at every start. */
export async function initStore(options: InitOptions): Promise<InitReport> {
  const {initStore: create} = await import('./init-store.js');
  return create(options);
}
