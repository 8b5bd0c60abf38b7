import fs from 'node:fs';
import os from 'node:os';
import {configDefaults, defineConfig} from 'vitest/config';

const {version} = JSON.parse(fs.readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// In-memory tests: no files written, no processes, no environment or timers changed. They share one
// module graph per worker (isolate: false), which saves most of the suite's import time.
const pureTests = [
  'test/domain/**/*.test.ts',
  'test/cmdlets/**/*.test.ts',
  'test/lang/**/*.test.ts',
  'test/properties/**/*.test.ts',
  'test/cli/format-*.test.ts',
  // The console's tables and models, tested without rendering.
  'test/tui/{columns,completion,form-model,key-name,keymap,list-window,reducer,result-view-parity}.test.ts',
];

// The tests that need a PostgreSQL server: their project starts one.
const postgresTests = ['test/store/pg/**/*.test.ts'];

export default defineConfig({
  // src/version.ts reads it, as in the bundle (scripts/bundle.js).
  define: {PCHAT_VERSION: JSON.stringify(version)},
  test: {
    // Frames are compared as plain text; colour is a separate, explicit test.
    env: {FORCE_COLOR: '0', NO_COLOR: ''},
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // At least two files at a time. Vitest's default for a run is one worker fewer than the cores,
    // which on a 2-core machine ran every file one after another; most of the process and store
    // tests wait on child processes and fsync, so a second worker shortens the whole run.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {extends: true, test: {name: 'pure', include: pureTests, isolate: false}},
      {
        extends: true,
        test: {
          name: 'isolated',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, ...pureTests, ...postgresTests],
          // These tests run the built program (bin/pchat.js, dist/store/): build it first.
          globalSetup: ['test/helpers/build-bundle.ts'],
          setupFiles: ['test/helpers/temp-dirs-cleanup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: postgresTests,
          // The built program, and a throwaway PostgreSQL cluster for the run (test/helpers/pg-cluster.ts).
          globalSetup: ['test/helpers/build-bundle.ts', 'test/helpers/pg-global-setup.ts'],
          setupFiles: ['test/helpers/temp-dirs-cleanup.ts'],
        },
      },
    ],
  },
});
