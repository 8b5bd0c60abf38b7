// The one build: esbuild bundles the program into dist/bundle/ (ES modules: the console a separate
// chunk, Ink and React left to node_modules), and into two scripts that bin/pchat.js runs with V8's
// code cache: `pchat exec` as dist/exec/main.cjs, the console and the other commands as
// dist/console/main.cjs (below). Each loads one file or a few instead of a couple of hundred modules,
// which is most of a start-up's time.
// dist/store/ holds the store alone, for the process tests' worker processes and the benchmarks;
// dist/gen/ the synthetic-store generator (npm run gen).

import fs from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const {version} = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// Chunk names carry content hashes: clear the old ones so dist/ holds one build.
fs.rmSync(path.join(root, 'dist'), {recursive: true, force: true});

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

// string-width builds an Intl.Segmenter and Unicode property regexes as it loads, tens of ms of each
// `pchat exec`, though printable ASCII needs neither: the language's one import of it (fit-cell.ts)
// gets string-width's own ASCII fast path first, and the module itself only when other text comes.
// A require() of an ES module makes esbuild bundle it lazily, initialised on the first call.
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({filter: /^string-width$/}, (args) =>
      args.kind === 'import-statement' &&
      args.importer.endsWith(path.join('src', 'lang', 'present', 'fit-cell.ts'))
        ? {path: 'string-width', namespace: 'lazy-string-width'}
        : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'lazy-string-width'}, () => ({
      contents: `let loaded = null;
export default function stringWidth(text, options) {
  if (typeof text === 'string' && /^[\u0020-\u007E]*$/.test(text)) return text.length;
  loaded ??= require('string-width').default;
  return loaded(text, options);
}`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

// re2js (the language's -match and -replace) and xmlbuilder (compliance XML) are a quarter of what
// `pchat exec` would compile at start, and most lines use neither: our one import of each gets a
// stand-in whose members load the package from node_modules (require) on first use.
const LAZY_PACKAGES = {
  re2js: {
    importer: path.join('src', 'lang', 'operator-regex.ts'),
    exports: "export const RE2JS = lazy('RE2JS');",
  },
  xmlbuilder: {
    importer: path.join('src', 'domain', 'compliance-xml.ts'),
    exports: 'export default lazy(null);',
  },
};
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    b.onResolve({filter: /^(re2js|xmlbuilder)$/}, (args) =>
      args.importer.endsWith(LAZY_PACKAGES[args.path].importer)
        ? {path: args.path, namespace: 'lazy-package'}
        : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'lazy-package'}, (args) => ({
      contents: `let loaded = null;
const load = () => (loaded ??= require(${JSON.stringify(args.path)}));
const lazy = (name) => new Proxy({}, {get: (_, key) => Reflect.get(name === null ? load() : load()[name], key)});
${LAZY_PACKAGES[args.path].exports}`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

// commander requires node:child_process as it loads, for subcommands that are separate executables
// (pchat has none); loading it brings net, dgram and the socket list too, several ms of every start.
// Its require gets a stand-in whose members load the module on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({filter: /^node:child_process$/}, (args) =>
      args.importer.includes(`${path.sep}commander${path.sep}`)
        ? {path: args.path, namespace: 'lazy-child-process'}
        : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'lazy-child-process'}, () => ({
      contents:
        "module.exports = new Proxy({}, {get: (_, key) => Reflect.get(require('node:child_process'), key)});",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const options = {
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // pg stays in node_modules: its worker thread (src/store/pg/query-bridge.ts) loads it from there too.
  external: [
    'ink',
    'ink/*',
    'react',
    'react/*',
    'react-reconciler',
    'yoga-layout',
    'ink-testing-library',
    'pg',
    // The console's own imports of string-width share Ink's instance (whose Intl.Segmenter and Unicode
    // regexes cost tens of ms to build) instead of building a bundled second copy at every start.
    'string-width',
    // Required at run time by the stand-ins of lazyPackages.
    're2js',
    'xmlbuilder',
  ],
  // Bundled CommonJS dependencies (commander) call require: give the ESM bundle one.
  banner: {
    js: "import {createRequire as __pchatRequire} from 'node:module'; const require = __pchatRequire(import.meta.url);",
  },
  // src/version.ts reads this: the version is in the bundle, so start-up reads no package.json.
  define: {PCHAT_VERSION: JSON.stringify(version)},
  plugins: [englishOnlyZod, lazyStringWidth, lazyPackages, lazyChildProcess],
  logLevel: 'warning',
};

// `pchat exec` runs from dist/exec/main.cjs, the program as one script that src/cli/code-cache.ts
// compiles with V8's code cache, without the console: its dynamic imports of the console, drills and
// store copy are stand-ins that throw, for bin/pchat.js never sends those commands there; the ones exec
// can reach (the prompt, init of the demo store, PostgreSQL) stay in the script, initialised only when
// called.
const ESM_ONLY = [
  './tui/panes/pane-id.js',
  './tui/start.js',
  './drills/console-drills.js',
  './transfer-process.js',
  './cli/run-drill.js',
  './store/copy-store.js',
];
const esmOnly = {
  name: 'esm-only',
  setup(b) {
    b.onResolve({filter: /.*/}, (args) =>
      args.kind === 'dynamic-import' &&
      args.importer.endsWith(path.join('src', 'main.ts')) &&
      ESM_ONLY.includes(args.path)
        ? {path: args.path, namespace: 'esm-only'}
        : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'esm-only'}, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} runs from dist/bundle/ (bin/pchat.js), not from the exec script`)});`,
      loader: 'js',
    }));
  },
};

// In a CommonJS script each module's `import fs from 'node:fs'` becomes its own copy of the builtin's
// exports (esbuild's __toESM: a getter defined per property), 38 copies of fs's hundred alone at every
// start. Our default imports of a builtin resolve instead to one module of the script that requires it
// once. (A named import of one of them would fail the build: the module has only a default export.)
const BUILTIN_DEFAULTS = /^node:(fs|path|os|vm|readline\/promises)$/;
const builtinDefaults = {
  name: 'builtin-defaults',
  setup(b) {
    b.onResolve({filter: BUILTIN_DEFAULTS}, (args) =>
      args.kind === 'import-statement' && args.importer.startsWith(path.join(root, 'src') + path.sep)
        ? {path: args.path, namespace: 'builtin-default'}
        : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'builtin-default'}, (args) => ({
      contents: `export default require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

const execScript = {
  ...options,
  splitting: false,
  format: 'cjs',
  // runCachedScript (src/cli/code-cache.ts) calls the script with the require and URL a module has.
  banner: {js: '(function (require, __pchatUrl) {'},
  footer: {js: '})'},
  define: {...options.define, 'import.meta.url': '__pchatUrl'},
  plugins: [esmOnly, builtinDefaults, ...options.plugins],
};

// The console and the other commands run from dist/console/main.cjs: the whole program as one script,
// Ink and React included, compiled with the code cache as exec's is. Its start-up then compiles and
// links no ES modules (the console's chunks, Ink's files, and React's CommonJS files, whose exports
// Node otherwise finds by parsing them). Two things in Ink a script cannot hold are replaced:
// yoga-layout's top-level await (Ink's Yoga is ours, filled before the first render: yoga-script.ts),
// and the devtools hook (a top-level await taken only with DEV=true, which bin/pchat.js keeps on the
// ES module bundle).
const scriptYoga = path.join(root, 'src', 'tui', 'yoga-script.ts');
const yogaWithoutAwait = {
  name: 'yoga-without-await',
  setup(b) {
    b.onResolve({filter: /^yoga-layout$/}, () => ({path: scriptYoga}));
    b.onResolve({filter: /^\.\/yoga-ready\.js$/}, (args) =>
      args.importer.endsWith(path.join('src', 'tui', 'start.tsx')) ? {path: scriptYoga} : undefined,
    );
  },
};
// Ink awaits at its top level only with DEV=true (React devtools, and its package.json for them).
const DEV_ONLY =
  "(() => { throw new Error('DEV=true runs the console from dist/bundle/ (bin/pchat.js)'); })()";
const INK_DEV_AWAITS = ["await import('./devtools.js')", 'await loadPackageJson()'];
const inkWithoutDevtools = {
  name: 'ink-without-devtools',
  setup(b) {
    b.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, async (args) => {
      let source = await fs.promises.readFile(args.path, 'utf8');
      for (const hook of INK_DEV_AWAITS) {
        // Fail the build rather than ship a script that an Ink upgrade broke.
        if (!source.includes(hook)) throw new Error(`${args.path}: Ink's devtools hook has changed`);
        source = source.replace(hook, DEV_ONLY);
      }
      return {contents: source, loader: 'js', resolveDir: path.dirname(args.path)};
    });
  },
};
// Ink's Output composes every frame from nothing, caches included; ours gives the same lines and keeps
// what a frame shares with the last (src/tui/frame-output.ts). Only the renderer imports it.
const frameOutput = path.join(root, 'src', 'tui', 'frame-output.ts');
let frameOutputUsed = false;
const inkFrameOutput = {
  name: 'ink-frame-output',
  setup(b) {
    b.onResolve({filter: /^\.\/output\.js$/}, (args) => {
      if (!args.importer.endsWith(path.join('ink', 'build', 'renderer.js'))) return undefined;
      frameOutputUsed = true;
      return {path: frameOutput};
    });
    // The renderer's widest-line is the kept one, and so is Yoga's measure of a text (measure-text.js
    // keeps a text's measure, but a filter key makes new texts, whose lines string-width segmented).
    const measurers = ['render-node-to-output.js', 'measure-text.js'].map((f) =>
      path.join('ink', 'build', f),
    );
    b.onResolve({filter: /^widest-line$/}, (args) =>
      measurers.some((m) => args.importer.endsWith(m))
        ? {path: frameOutput, namespace: 'kept-widest-line'}
        : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'kept-widest-line'}, (args) => ({
      contents: `export {widestLine as default} from ${JSON.stringify(args.path)};`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};
const consoleScript = {
  ...execScript,
  external: ['pg', 're2js', 'xmlbuilder'],
  // string-width is bundled once, for Ink and the console alike (no lazy stand-in: Ink loads it anyway).
  plugins: [
    yogaWithoutAwait,
    inkWithoutDevtools,
    inkFrameOutput,
    englishOnlyZod,
    lazyPackages,
    lazyChildProcess,
  ],
};

await Promise.all([
  build({
    ...options,
    entryPoints: {main: 'src/main.ts'},
    outdir: 'dist/bundle',
  }),
  // bin/pchat.js requires it: CommonJS, as bin/pchat.js itself is.
  build({
    ...options,
    splitting: false,
    format: 'cjs',
    banner: {},
    entryPoints: {'code-cache': 'src/cli/code-cache.ts'},
    outdir: 'dist/bundle',
    outExtension: {'.js': '.cjs'},
  }),
  build({
    ...consoleScript,
    entryPoints: {main: 'src/main.ts'},
    outdir: 'dist/console',
    outExtension: {'.js': '.cjs'},
  }),
  build({
    ...execScript,
    entryPoints: {main: 'src/main.ts'},
    outdir: 'dist/exec',
    outExtension: {'.js': '.cjs'},
  }),
  build({
    ...options,
    entryPoints: {
      'file-store': 'src/store/file-store.ts',
      lock: 'src/store/lock.ts',
      'pg-store': 'src/store/pg/pg-store.ts',
    },
    outdir: 'dist/store',
  }),
  build({...options, entryPoints: {main: 'src/gen/main.ts'}, outdir: 'dist/gen'}),
]);
// Fail the build rather than ship a console script whose Ink no longer takes our Output.
if (!frameOutputUsed)
  throw new Error("Ink's renderer no longer imports ./output.js: see src/tui/frame-output.ts");

// esbuild writes the code of the scripts as ASCII but keeps some comments as they are (one of zod's,
// one of ours), and a single other character makes a script text V8 holds two bytes a character,
// decoded from UTF-8 at every start (src/cli/code-cache.ts makes an ASCII script text as Latin-1, some
// 8 ms less). Those comments get \u escapes; a non-ASCII character on a line that does not start as a
// comment fails the build instead.
for (const script of ['dist/exec/main.cjs', 'dist/console/main.cjs']) {
  const file = path.join(root, script);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const escaped = lines.map((line, i) => {
    if (/^[\0-\x7f]*$/.test(line)) return line;
    if (!/^\s*(\/\/|\/\*|\*)/.test(line))
      throw new Error(`${script}:${i + 1}: a non-ASCII character outside a comment`);
    return line.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  });
  fs.writeFileSync(file, escaped.join('\n'));
}
