// Bundles the program into dist/bundle/: `pchat exec` then loads one file instead of a couple of
// hundred modules, which is most of its start-up time. The console stays a separate chunk, loaded
// only when it starts; Ink and React are left to node_modules.

import fs from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';

// Chunk names carry content hashes: clear the old ones so dist/bundle holds one build.
fs.rmSync('dist/bundle', {recursive: true, force: true});

// zod re-exports every locale (over 350 KB of the bundle) though only English messages are used:
// its locale index resolves to English alone.
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({filter: /^\.\.\/locales\/index\.js$/}, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? {
            path: path.join(path.dirname(args.importer), '..', 'locales', 'en-only.virtual'),
            namespace: 'zod-en',
          }
        : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'zod-en'}, (args) => ({
      contents: "export {default as en} from './en.js';",
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

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
  banner: {
    js: "import {createRequire as __pchatRequire} from 'node:module'; const require = __pchatRequire(import.meta.url);",
  },
  plugins: [englishOnlyZod],
  logLevel: 'warning',
});
