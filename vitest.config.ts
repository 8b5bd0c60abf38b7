import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Frames are compared as plain text; colour is a separate, explicit test.
    env: {FORCE_COLOR: '0', NO_COLOR: ''},
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
