// The dependency rule of the README is enforced by the lint, for files at any depth. Each case lints
// a source text as if it sat at the given path, so nothing is written into src/.

import fs from 'node:fs';
import path from 'node:path';
import {ESLint} from 'eslint';
import tseslint from 'typescript-eslint';
import {describe, expect, it} from 'vitest';
import {projectRoot} from '../helpers/pchat-process.js';

/** Some module of a folder, found at run time, so the cases hold as files move around. */
function someModule(folder: string): string {
  const file = fs
    .readdirSync(path.join(projectRoot, 'src', folder))
    .sort()
    .find((f) => /\.tsx?$/.test(f));
  if (!file) throw new Error(`src/${folder} has no module`);
  return file.replace(/\.tsx?$/, '.js');
}

// Type information is not needed for the boundary rules, and building it would cost seconds.
const eslint = new ESLint({
  cwd: projectRoot,
  overrideConfig: [
    {...tseslint.configs.disableTypeChecked, files: ['**/*.ts', '**/*.tsx']},
    {languageOptions: {parserOptions: {projectService: false}}},
  ],
  ruleFilter: ({ruleId}) => ruleId.startsWith('boundaries/'),
});

/** Lints source as the file at `file`; `<folder>` in it names some module of src/folder. */
async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const text = source.replace(/<(\w+)>/g, (_, folder: string) => someModule(folder));
  const [result] = await eslint.lintText(text, {filePath: path.join(projectRoot, file)});
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the dependency rule', () => {
  it.each([
    ['src/tui/panes/probe.ts', "import * as m from '../../store/<store>';"],
    ['src/tui/probe.ts', "export * from '../cli/<cli>';"],
    ['src/cli/deep/er/probe.ts', "export const load = () => import('../../../tui/<tui>');"],
    ['src/cli/probe.ts', "import {render} from 'ink';"],
    ['src/store/probe.ts', "import type * as m from '../session.js';"],
    ['src/domain/sub/probe.ts', "import fs from 'node:fs';"],
    ['src/domain/sub/probe.ts', "import * as m from '../../lang/<lang>';"],
    ['src/cmdlets/sub/probe.ts', "import Fuse from 'fuse.js';"],
    ['src/lang/builtins/probe.ts', "import path from 'path';"],
    ['src/lang/builtins/probe.ts', "import * as m from '../../session.js';"],
    ['src/probe.ts', 'export const unclassified = 1;'],
  ])('refuses %s with %s', async (file, source) => {
    const errors = await boundaryErrors(file, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^boundaries\//);
  });

  it.each([
    ['src/lang/builtins/probe.ts', "import * as m from '../../cmdlets/<cmdlets>';"],
    ['src/tui/panes/probe.ts', "import type * as m from '../../session.js';"],
    ['src/cli/probe.ts', "import * as m from '../domain/<domain>';"],
    ['src/store/sub/probe.ts', "import fs from 'node:fs'; import * as m from '../../domain/<domain>';"],
    ['src/main.ts', "import * as m from './store/<store>';"],
  ])('allows %s with %s', async (file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([]);
  });
});
