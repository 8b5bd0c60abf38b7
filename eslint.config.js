// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The dependency rule of the codebase guide (README): domain <- cmdlets <- lang <- session <- cli, tui;
// store sits beside them and only session wires it in. Each folder may not import the layers above it.
const restrict = (patterns) => ({
  'no-restricted-imports': ['error', {patterns}],
});
const io = [
  {
    group: ['node:*', 'fs', 'path', 'os', 'child_process'],
    message: 'The domain core does no I/O: pass what it needs in.',
  },
  {
    group: ['lowdb', 'lowdb/*', 'react', 'ink', 'ink/*', 'fuse.js'],
    message: 'The domain core imports no storage or UI library.',
  },
];

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'data/store/**', 'coverage/**', 'bin/**']},
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
    files: ['src/domain/**'],
    rules: {
      ...restrict([
        ...io,
        {
          group: ['../cmdlets/*', '../lang/*', '../store/*', '../cli/*', '../tui/*', '../session*'],
          message: 'domain imports nothing from the other folders.',
        },
      ]),
      'no-console': 'error',
    },
  },
  {
    files: ['src/cmdlets/**'],
    rules: restrict([
      ...io,
      {
        group: ['../lang/*', '../store/*', '../cli/*', '../tui/*', '../session*'],
        message: 'cmdlets build on domain only.',
      },
    ]),
  },
  {
    files: ['src/lang/**'],
    rules: restrict([
      ...io,
      {
        group: ['../store/*', '../cli/*', '../tui/*', '../session*'],
        message: 'the command language is pure: it builds on domain and cmdlets.',
      },
    ]),
  },
  {
    files: ['src/store/**'],
    rules: restrict([
      {
        group: ['../cmdlets/*', '../lang/*', '../cli/*', '../tui/*', '../session*', 'react', 'ink', 'ink/*'],
        message: 'store knows the state shape and the disk, nothing else.',
      },
    ]),
  },
  {
    files: ['src/cli/**'],
    rules: restrict([
      {
        group: ['../tui/*', '../store/*', 'react', 'ink', 'ink/*'],
        message: 'the command line goes through session, and never loads the console.',
      },
    ]),
  },
  {
    files: ['src/tui/**'],
    rules: restrict([{group: ['../cli/*', '../store/*'], message: 'the console goes through session.'}]),
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {'@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off'},
  },
  {files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked},
  {files: ['**/*.js', '**/*.mjs'], languageOptions: {globals: globals.node}},
);
