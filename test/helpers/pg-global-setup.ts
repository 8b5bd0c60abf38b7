// Vitest global setup of the PostgreSQL tests: one throwaway cluster for the run, stopped and removed
// at the end (also when tests fail). Where PostgreSQL is not installed the tests get the reason and
// fail with it (pgCluster() in pg-test-cluster.ts): they never pass silently.

import type {TestProject} from 'vitest/node';
import {startCluster} from './pg-cluster.js';

export interface ProvidedCluster {
  readonly url: string | null;
  readonly bin: string | null;
  readonly problem: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgCluster: ProvidedCluster;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  try {
    const cluster = await startCluster();
    project.provide('pgCluster', {url: cluster.url(), bin: cluster.bin, problem: null});
    return () => cluster.stop();
  } catch (error) {
    project.provide('pgCluster', {url: null, bin: null, problem: (error as Error).message});
    return () => undefined;
  }
}
