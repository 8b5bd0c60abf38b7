// Vitest global setup for the tests that run the built program: build it from the current sources
// once before they start (and again on each watch-mode rerun), so they never run a stale dist/.

import {execFileSync} from 'node:child_process';
import path from 'node:path';
import type {TestProject} from 'vitest/node';
import {projectRoot} from './pchat-process.js';

const build = (): void => {
  execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'bundle.js')], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
};

export default function setup(project: TestProject): void {
  build();
  project.onTestsRerun(build);
}
