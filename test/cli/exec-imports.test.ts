import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {pathToFileURL} from 'node:url';
import {distDir, pchat, projectRoot, tempDir} from '../helpers/pchat-process.js';

/**
 * One `pchat exec` of a Get: the module URLs it resolved (test/helpers/trace-imports.mjs), the files it
 * required, the modules of the exec script (dist/exec/main.cjs) whose code ran, and the names of all
 * the script's functions that ran. esbuild wraps each module of the script in a function named by the
 * module's path, called when the module is first needed: V8's coverage (NODE_V8_COVERAGE) lists the
 * functions that ran.
 */
function aGet(): {resolved: string[]; required: string[]; ran: string[]; functions: string[]} {
  const dir = tempDir();
  const store = path.join(dir, 's');
  expect(pchat(['init', '--store', store]).status).toBe(0);
  const trace = path.join(dir, 'trace.txt');
  const required = path.join(dir, 'required.json');
  const coverage = path.join(dir, 'coverage');
  const writeRequired = `import fs from 'node:fs'; import {createRequire} from 'node:module'; const cache = createRequire(${JSON.stringify(`${projectRoot}/`)}).cache; process.on('exit', () => fs.writeFileSync(${JSON.stringify(required)}, JSON.stringify(Object.keys(cache))));`;
  const run = pchat(['exec', '--store', store, 'Get-CsPersistentChatState'], {
    env: {PCHAT_TRACE_FILE: trace, NODE_V8_COVERAGE: coverage, XDG_CACHE_HOME: path.join(dir, 'cache')},
    nodeArgs: [
      '--import',
      path.join(projectRoot, 'test', 'helpers', 'trace-imports.mjs'),
      '--import',
      `data:text/javascript,${encodeURIComponent(writeRequired)}`,
    ],
  });
  expect(run.status).toBe(0);
  const scriptUrl = pathToFileURL(execScript).href;
  const functions = fs
    .readdirSync(coverage)
    .flatMap((file) => (JSON.parse(fs.readFileSync(path.join(coverage, file), 'utf8')) as V8Coverage).result)
    .filter((script) => script.url === scriptUrl)
    .flatMap((script) => script.functions)
    .filter((fn) => (fn.ranges[0]?.count ?? 0) > 0)
    .map((fn) => fn.functionName);
  return {
    resolved: fs.readFileSync(trace, 'utf8').split('\n'),
    required: JSON.parse(fs.readFileSync(required, 'utf8')) as string[],
    ran: functions.filter((name) => /^(src|node_modules)\//.test(name)),
    functions,
  };
}

interface V8Coverage {
  result: {url: string; functions: {functionName: string; ranges: {count: number}[]}[]}[];
}

const execScript = path.join(distDir, 'exec', 'main.cjs');
/** The source modules the exec script holds: esbuild marks each one's code with a comment naming its path. */
const modulesInScript = (): string[] =>
  [...fs.readFileSync(execScript, 'utf8').matchAll(/^\/\/ ((?:src|node_modules)\/\S+)$/gm)].map(
    (m) => m[1] ?? '',
  );

describe('pchat exec start-up', () => {
  it('never loads React or Ink', () => {
    const {resolved, required, ran} = aGet();
    // The trace must have seen the program itself, or it proves nothing.
    expect(required.some((file) => file.endsWith('/dist/bundle/code-cache.cjs'))).toBe(true);
    expect(ran).toContain('src/session.ts');
    const reactOrInk = /\/node_modules\/(ink|react|react-reconciler|yoga-layout)\//;
    expect(resolved.filter((url) => reactOrInk.test(url))).toEqual([]);
    expect(required.filter((file) => reactOrInk.test(file))).toEqual([]);
    expect(resolved.filter((url) => /\/dist\/bundle\/(main|start|App)[-.]/.test(url))).toEqual([]);
    // The console is not in the exec script at all: bin/pchat.js starts it from dist/console/.
    expect(
      modulesInScript().filter((file) => /^src\/(tui|drills)\/|^src\/cli\/run-drill\.ts$/.test(file)),
    ).toEqual([]);
    expect(modulesInScript()).toContain('src/cli/run-exec.ts');
  });

  it('runs neither the drills, init, the deployment schema, the terminal prompt nor a second string-width for a Get', () => {
    const {required, ran} = aGet();
    expect(ran).toContain('src/session.ts');
    expect(ran).toContain('src/store/file-store.ts');
    const notForAGet = (file: string): boolean =>
      /^(src\/cli\/run-drill|src\/cli\/prompt|src\/init-store|src\/domain\/deployment-schema)\.ts$|^node_modules\/string-width\//.test(
        file,
      );
    expect(ran.filter(notForAGet)).toEqual([]);
    // Those the script holds are wrapped, so the coverage above would have seen them run.
    const script = fs.readFileSync(execScript, 'utf8');
    const held = modulesInScript().filter(notForAGet);
    expect(held).toContain('src/init-store.ts');
    expect(held.filter((file) => !script.includes(`\n  ${JSON.stringify(file)}() {\n`))).toEqual([]);
    // Nor is string-width loaded from node_modules: this Get's output is ASCII.
    expect(required.filter((file) => file.includes('/node_modules/string-width/'))).toEqual([]);
  });

  it("copies no builtin's exports for each module that imports it", () => {
    // esbuild's __toESM defines a getter per property of the builtin, at each module's start.
    const script = fs.readFileSync(execScript, 'utf8');
    expect(script.match(/__toESM\(require\("node:[^"]+"\)/g)).toBeNull();
    expect(script).toContain('require("node:fs")');
  });

  it("builds neither the state's schemas nor the export archive's for a Get (it parses neither)", () => {
    const {ran, functions} = aGet();
    expect(ran).toContain('src/store/state-schema.ts');
    expect(ran).toContain('src/domain/archive-format.ts');
    const builders = ['stateSchemas', 'archiveSchemas'];
    // The builders are in the script under these names, so the coverage would have seen them run.
    const script = fs.readFileSync(execScript, 'utf8');
    expect(builders.filter((name) => !script.includes(`function ${name}()`))).toEqual([]);
    expect(functions.filter((name) => builders.includes(name))).toEqual([]);
  });

  it('starts as CommonJS modules (an ES module entry costs each start more), loading no builtin a Get does not use', () => {
    const dir = tempDir();
    const store = path.join(dir, 's');
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const trace = path.join(dir, 'loaded.json');
    // --require, not --import: an --import would itself start the program through the ES module loader.
    const preload = path.join(dir, 'write-loaded.cjs');
    fs.writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(trace)}, JSON.stringify({builtins: process.moduleLoadList, required: Object.keys(require.cache)})));`,
    );
    const run = pchat(['exec', '--store', store, 'Get-CsPersistentChatState'], {
      nodeArgs: ['--require', preload],
    });
    expect(run.status).toBe(0);
    const {builtins, required} = JSON.parse(fs.readFileSync(trace, 'utf8')) as Record<string, string[]>;
    expect(required).toEqual(
      expect.arrayContaining([
        path.join(projectRoot, 'bin', 'pchat.js'),
        path.join(distDir, 'bundle', 'code-cache.cjs'),
      ]),
    );
    // The store hashes its state file: the list must show the builtins the program did load.
    expect(builtins).toContain('NativeModule crypto');
    const notForAGet = /^NativeModule (perf_hooks|v8|worker_threads)$/;
    expect(builtins?.filter((name) => notForAGet.test(name))).toEqual([]);
  });

  it('does not load node:child_process for a Get (commander requires it only for subcommands that are executables)', () => {
    const dir = tempDir();
    const store = path.join(dir, 's');
    expect(pchat(['init', '--store', store]).status).toBe(0);
    const trace = path.join(dir, 'builtins.txt');
    const writeLoaded = `import fs from 'node:fs'; process.on('exit', () => fs.writeFileSync(process.env.PCHAT_TRACE_FILE, process.moduleLoadList.join('\\n')));`;
    const run = pchat(['exec', '--store', store, 'Get-CsPersistentChatState'], {
      env: {PCHAT_TRACE_FILE: trace},
      nodeArgs: ['--import', `data:text/javascript,${encodeURIComponent(writeLoaded)}`],
    });
    expect(run.status).toBe(0);
    const loaded = fs.readFileSync(trace, 'utf8').split('\n');
    // The store hashes its state file: the list must show the builtins the program did load.
    expect(loaded).toContain('NativeModule crypto');
    expect(loaded.filter((name) => /^NativeModule (child_process|dgram)$/.test(name))).toEqual([]);
  });
});
