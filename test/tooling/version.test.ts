// The version has one source, package.json: the build writes it into the bundle, and vitest into
// the sources it runs.

import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {VERSION} from '../../src/version.js';
import {pchat, projectRoot} from '../helpers/pchat-process.js';

const packageVersion = (
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {version: string}
).version;

describe('the version', () => {
  it('pchat --version prints package.json version', () => {
    const run = pchat(['--version']);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(packageVersion);
  });

  it('is package.json version when the sources run under the tests too', () => {
    expect(VERSION).toBe(packageVersion);
  });
});
