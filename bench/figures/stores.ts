// The stores the figures run on, generated into a temporary directory for this run only.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {readDemoDeployment} from '../../src/gen/demo-deployment.js';
import {generateStore, type GeneratedStore} from '../../src/gen/generate.js';
import {SIZES, type SizeName} from '../../src/gen/sizes.js';
import {writeStore} from '../../src/gen/write-store.js';

export interface BenchStore {
  readonly size: SizeName;
  readonly dir: string;
  readonly generated: GeneratedStore;
  /** Generating and writing it, in milliseconds. */
  readonly generateMs: number;
}

export const benchRoot = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-bench-figures-'));

export async function makeStore(root: string, size: SizeName): Promise<BenchStore> {
  const start = performance.now();
  const generated = generateStore(SIZES[size], {
    demo: readDemoDeployment(),
    initUser: os.userInfo().username,
  });
  const dir = path.join(root, size);
  await writeStore(dir, generated.state, generated.messages);
  return {size, dir, generated, generateMs: performance.now() - start};
}

export const stateFile = (store: BenchStore): string => path.join(store.dir, 'state.json');
export const messageLog = (store: BenchStore): string => path.join(store.dir, 'messages.jsonl');
