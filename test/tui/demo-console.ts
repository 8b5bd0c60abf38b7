// The demo store as the console sees it: the demo deployment, data/demo/setup.ps1 run through the
// session, and the deployment's messages loaded into the rooms the script created.

import fs from 'node:fs';
import {afterEach} from 'vitest';
import {fileURLToPath} from 'node:url';
import {deploymentMessagesToRecords} from '../../src/domain/messages.js';
import type {ChatMessage, ChatState} from '../../src/domain/types.js';
import {demoDeployment, loadedFrom} from '../helpers/demo.js';
import {renderApp, type RenderedApp, type RenderOptions} from '../helpers/render-app.js';
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
