// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

// The dependency rule of the codebase guide (README), by folder, so it holds at any depth:
//   domain <- cmdlets <- lang <- session <- drills <- cli;   session <- tui;   store <- session, drills, workspace, main
//   gen (the synthetic-store generator, a development tool) builds on domain, lang, store and workspace; nothing imports it.
//   domain <- input-files <- init-store <- workspace <- main
// An arrow points at what is imported. Each layer lists what it may import; anything else is an error.
const folders = ['domain', 'cmdlets', 'lang', 'store', 'drills', 'cli', 'tui', 'gen'];
const topLevelFiles = [
  'session',
  'workspace',
  'data-transfer',
  'transfer-process',
  'main',
  'version',
  'input-files',
  'init-store',
];
const elements = folders.map((type) => ({type, pattern: `src/${type}`, partialMatch: false}));
const files = topLevelFiles.map((category) => ({category, pattern: `src/${category}.ts`}));
/** A layer is a folder (an element) or a top-level file (a file category). */
const layer = (name) => (folders.includes(name) ? {element: {type: name}} : {file: {categories: name}});

/** @type {Record<string, {imports: string[], message: string}>} */
const layers = {
  domain: {imports: [], message: 'domain imports nothing from the other folders.'},
  cmdlets: {imports: ['domain'], message: 'cmdlets build on domain only.'},
  lang: {imports: ['domain', 'cmdlets'], message: 'the command language builds on domain and cmdlets.'},
  store: {imports: ['domain'], message: 'store knows the state shape and the disk, nothing else.'},
  session: {imports: ['domain', 'cmdlets', 'lang', 'store'], message: 'session wires the core to the store.'},
  'input-files': {imports: ['domain'], message: 'input-files reads what the operator gives pchat.'},
  'init-store': {
    imports: ['domain', 'cmdlets', 'lang', 'session', 'store', 'input-files'],
    message: 'init-store builds a new store from a deployment file and a setup script.',
  },
  workspace: {
    imports: ['domain', 'cmdlets', 'lang', 'session', 'store', 'input-files', 'init-store'],
    message: 'workspace opens stores for sessions; the front ends come to it through main.',
  },
  'data-transfer': {
    imports: ['session', 'store'],
    message: 'data-transfer runs export and import lines through a session, for benchmarks.',
  },
  'transfer-process': {
    imports: ['store'],
    message: "transfer-process runs the console's export and import in a child pchat exec.",
  },
  drills: {
    imports: ['domain', 'cmdlets', 'lang', 'session', 'store'],
    message: 'drills run procedures through a session on a store or its scratch copy.',
  },
  cli: {
    imports: ['domain', 'cmdlets', 'lang', 'session', 'drills', 'version'],
    message: 'the command line goes through session, and never loads the console.',
  },
  tui: {
    imports: ['domain', 'cmdlets', 'lang', 'session', 'version'],
    message: 'the console goes through session.',
  },
  gen: {
    imports: ['domain', 'cmdlets', 'lang', 'store', 'workspace', 'input-files'],
    message: 'the generator builds stores from domain records through the store, as pchat init would.',
  },
  main: {
    imports: [
      ...folders.filter((f) => f !== 'gen'),
      'session',
      'workspace',
      'data-transfer',
      'transfer-process',
      'version',
      'input-files',
    ],
    message: 'main wires the program.',
  },
  version: {imports: [], message: 'version is a constant.'},
};

const pure = ['domain', 'cmdlets', 'lang'].map(layer);
const policies = [
  // Per layer: our own modules are refused with the layer's reason, then the ones it may import allowed
  // (the last policy that matches decides).
  ...Object.entries(layers).flatMap(([name, {imports, message}]) => [
    {
      from: layer(name),
      disallow: {to: {module: {origin: 'local'}}},
      message: `${message} (${name} may import: ${imports.join(', ') || 'nothing of ours'})`,
    },
    {from: layer(name), allow: {to: [name, ...imports].map(layer)}},
  ]),
  {allow: {to: {module: {origin: ['external', 'core']}}}},
  {
    from: pure,
    disallow: {to: {module: {origin: 'core'}}},
    message: 'domain, cmdlets and lang do no I/O: pass what they need in.',
  },
  {
    from: pure,
    disallow: {to: {module: {source: ['lowdb', 'react', 'ink', 'fuse.js']}}},
    message: 'domain, cmdlets and lang import no storage or UI library.',
  },
  {
    from: ['store', 'cli'].map(layer),
    disallow: {to: {module: {source: ['react', 'ink']}}},
    message: 'only the console draws: store and the command line never load React or Ink.',
  },
];

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'data/store/**', 'coverage/**', 'bin/**', '.bench/**']},
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname},
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**'],
    plugins: {boundaries},
    settings: {
      'boundaries/elements': elements,
      'boundaries/files': files,
      'boundaries/root-path': import.meta.dirname,
      'import/resolver': {'./scripts/eslint-ts-resolver.cjs': {}},
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {default: 'disallow', checkAllOrigins: true, checkUnknownLocals: true, policies},
      ],
      // A new file outside the folders above has no layer yet: give it one here first.
      'boundaries/no-unknown-files': 'error',
    },
  },
  {files: ['src/domain/**'], rules: {'no-console': 'error'}},
  {
    files: ['test/**', 'bench/**'],
    rules: {'@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off'},
  },
  {files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked},
  {files: ['**/*.js', '**/*.mjs'], languageOptions: {globals: globals.node}},
  // CommonJS because the import resolver interface loads resolvers with require().
  {
    files: ['**/*.cjs'],
    languageOptions: {sourceType: 'commonjs', globals: globals.node},
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  },
);
