#!/usr/bin/env node
// The program runs as a script compiled with V8's code cache (src/cli/code-cache.ts, scripts/bundle.js):
// `pchat exec` as dist/exec/main.cjs, the console and the other commands as dist/console/main.cjs.
const {runCachedScript, scriptFor} = await import('../dist/bundle/code-cache.js');
const run = scriptFor(process.argv.slice(2), process.env);
if (run === null) await import('../dist/bundle/main.js');
else runCachedScript(new URL(`../dist/${run.script}/main.cjs`, import.meta.url), run.cache);
