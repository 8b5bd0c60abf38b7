// Bundles the program into dist/bundle/: `pchat exec` then loads one file instead of a couple of
// hundred modules, which is most of its start-up time. The console stays a separate chunk, loaded
// only when it starts; Ink and React are left to node_modules.

import fs from 'node:fs';
import {build} from 'esbuild';

// Chunk names carry content hashes: clear the old ones so dist/bundle holds one build.
fs.rmSync('dist/bundle', {recursive: true, force: true});

await build({
  entryPoints: {main: 'src/main.ts'},
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['ink', 'ink/*', 'react', 'react/*', 'react-reconciler', 'yoga-layout', 'ink-testing-library'],
  // Bundled CommonJS dependencies (commander) call require: give the ESM bundle one.
  banner: {js: "import {createRequire as __pchatRequire} from 'node:module'; const require = __pchatRequire(import.meta.url);"},
  logLevel: 'warning',
});
