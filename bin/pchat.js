#!/usr/bin/env node
// `pchat exec` runs the program as one script compiled with V8's code cache (src/cli/code-cache.ts);
// the console and the other commands load the ES module bundle, whose chunks they import as needed.
if (process.argv[2] === 'exec') {
  const {runCachedScript} = await import('../dist/bundle/code-cache.js');
  runCachedScript(new URL('../dist/exec/main.cjs', import.meta.url));
} else await import('../dist/bundle/main.js');
