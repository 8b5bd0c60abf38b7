#!/usr/bin/env node
// The program runs as a script compiled with V8's code cache (src/cli/code-cache.ts, scripts/bundle.js):
// `pchat exec` as dist/exec/main.cjs, the console and the other commands as dist/console/main.cjs.
// This file is CommonJS (bin/package.json): an ES module entry, and the ES module facades of the
// builtins it imports, cost each start some 8 ms more.
const {runCachedScript, scriptFor} = require('../dist/bundle/code-cache.cjs');
const {pathToFileURL} = require('node:url');
const run = scriptFor(process.argv.slice(2), process.env);
if (run === null) void import('../dist/bundle/main.js');
else runCachedScript(pathToFileURL(`${__dirname}/../dist/${run.script}/main.cjs`), run.cache);
