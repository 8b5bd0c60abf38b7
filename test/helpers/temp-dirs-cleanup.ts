// Setup file (vitest.config.ts): after a test file's own hooks, its temporary directories go
// (temp-dirs.ts). Vitest runs after-hooks in the reverse order of their registration, and a setup
// file's come first, so this one runs last.

import {afterAll} from 'vitest';
import {removeTempDirs} from './temp-dirs.js';

afterAll(removeTempDirs);
