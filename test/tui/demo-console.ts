// The demo store as the console sees it: the demo deployment, data/demo/setup.ps1 run through the
// session, and the deployment's messages loaded into the rooms the script created.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';
import {fileURLToPath} from 'node:url';
import {deploymentMessagesToRecords} from '../../src/domain/messages.js';
import type {ChatMessage, ChatState} from '../../src/domain/types.js';
import {demoDeployment, loadedFrom} from '../helpers/demo.js';
import {renderApp, type RenderedApp, type RenderOptions} from '../helpers/render-app.js';
import {Session} from '../../src/session.js';
import {createStore, openStore, type FileStore} from '../../src/store/file-store.js';
import type {Props} from '../../src/tui/App.js';
import {openSession, sequentialIds} from '../helpers/run-lines.js';

const SETUP = fileURLToPath(new URL('../../data/demo/setup.ps1', import.meta.url));

export interface DemoStore {
  readonly state: ChatState;
  readonly messages: readonly ChatMessage[];
}

let cached: Promise<DemoStore> | null = null;

async function build(): Promise<DemoStore> {
  const loaded = loadedFrom(demoDeployment());
  const {session} = await openSession(loaded.state, {yes: true});
  const runs = await session.runScript(fs.readFileSync(SETUP, 'utf8'));
  const failed = runs
    .filter((r) => !r.ok)
    .map((r) => `${r.line}: ${r.errors.map((e) => e.errorId).join(', ')}`);
  if (failed.length > 0) throw new Error(`The demo setup failed:\n${failed.join('\n')}`);
  const {messages, issues} = deploymentMessagesToRecords(session.state, loaded.messages, sequentialIds());
  // Messages that name rooms the setup script does not create (yet) are left out.
  void issues;
  return {state: session.state, messages};
}

/** Built once per test file. */
export const demoStore = (): Promise<DemoStore> => (cached ??= build());

/**
 * Renders consoles on the demo store for one test file, and unmounts each after its test. Call it
 * at the top of the file: it registers the afterEach.
 */
export function demoApps(): (options?: RenderOptions) => Promise<RenderedApp> {
  const open: RenderedApp[] = [];
  afterEach(() => {
    for (const app of open.splice(0)) app.unmount();
  });
  return async (options = {}) => {
    const demo = await demoStore();
    const app = await renderApp(demo.state, {messages: demo.messages, ...options});
    open.push(app);
    return app;
  };
}

export interface ConsoleOnDisk {
  readonly app: RenderedApp;
  readonly store: FileStore;
  /** The store's directory. */
  readonly dir: string;
}

export interface DiskOptions {
  readonly columns?: number;
  readonly rows?: number;
  /** The state to write instead of the demo's (given the demo's). */
  readonly state?: (demo: ChatState) => ChatState;
  /** Runs on the store before the console opens it. */
  readonly setup?: (store: FileStore) => Promise<void>;
  /** A store directory to copy instead of writing the demo's (state is then ignored). */
  readonly from?: string;
  /** The console's ports over the store (drills, transfers). */
  readonly props: (store: FileStore, dir: string) => Partial<Props>;
}

/**
 * Consoles on the demo store written to disk, opened as `pchat` opens them (as the operator
 * admin), for one test file; each is unmounted, closed and removed after its test. Call it at the
 * top of the file: it registers the afterEach.
 */
export function demoConsolesOnDisk(prefix: string): (options: DiskOptions) => Promise<ConsoleOnDisk> {
  const opened: ConsoleOnDisk[] = [];
  afterEach(() => {
    for (const {app, store, dir} of opened.splice(0)) {
      app.unmount();
      store.close();
      fs.rmSync(path.dirname(dir), {recursive: true, force: true});
    }
  });
  return async (options) => {
    const demo = await demoStore();
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), 's');
    const state = options.state ? options.state(demo.state) : demo.state;
    if (options.from) fs.cpSync(options.from, dir, {recursive: true, preserveTimestamps: true});
    const store = options.from
      ? await openStore(dir, {user: 'admin'})
      : await createStore(dir, state, demo.messages, {user: 'admin'});
    await options.setup?.(store);
    const session = await Session.open({store, origin: 'console', user: 'admin'});
    const app = await renderApp(session.state, {
      session,
      columns: options.columns ?? 100,
      rows: options.rows ?? 30,
      props: options.props(store, dir),
    });
    const console = {app, store, dir};
    opened.push(console);
    return console;
  };
}
