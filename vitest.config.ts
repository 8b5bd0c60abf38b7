import fs from 'node:fs';
import {defineConfig} from 'vitest/config';

const {version} = JSON.parse(fs.readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  // src/version.ts reads it, as in the bundle (scripts/bundle.js).
  define: {PCHAT_VERSION: JSON.stringify(version)},
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Frames are compared as plain text; colour is a separate, explicit test.
    env: {FORCE_COLOR: '0', NO_COLOR: ''},
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Some tests run the built program (bin/pchat.js, dist/store/): build it first.
    globalSetup: ['test/helpers/build-bundle.ts'],
  },
});
