import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {pchat, projectRoot, tempDir} from '../helpers/pchat-process.js';

/** The URLs of the modules one `pchat exec` of a Get loads, traced by test/helpers/trace-imports.mjs. */
function modulesLoadedByAGet(): string[] {
  const dir = tempDir();
  const store = path.join(dir, 's');
  expect(pchat(['init', '--store', store]).status).toBe(0);
  const trace = path.join(dir, 'trace.txt');
  const run = pchat(['exec', '--store', store, 'Get-CsPersistentChatState'], {
    env: {PCHAT_TRACE_FILE: trace},
    nodeArgs: ['--import', path.join(projectRoot, 'test', 'helpers', 'trace-imports.mjs')],
  });
  expect(run.status).toBe(0);
  const loaded = fs.readFileSync(trace, 'utf8').split('\n');
  return loaded;
}

describe('pchat exec start-up', () => {
  it('never loads React or Ink', () => {
    const loaded = modulesLoadedByAGet();
    // The trace must have seen the program itself, or it proves nothing.
    expect(loaded.some((url) => url.endsWith('/dist/bundle/main.js'))).toBe(true);
    expect(loaded.filter((url) => /\/node_modules\/(ink|react|react-reconciler)\//.test(url))).toEqual([]);
    expect(loaded.filter((url) => /\/dist\/bundle\/(start|App)-/.test(url))).toEqual([]);
  });

  it('compiles neither the drills, init, the terminal prompt nor a second string-width for a Get', () => {
    const loaded = modulesLoadedByAGet();
    const bundle = loaded.filter((url) => /\/dist\/bundle\/[^/]+\.js$/.test(url));
    expect(bundle.length).toBeGreaterThan(1);
    // esbuild marks each source module's code in a chunk with a comment naming its path.
    const compiled = bundle.flatMap((url) =>
      [...fs.readFileSync(new URL(url), 'utf8').matchAll(/^\/\/ ((?:src|node_modules)\/\S+)$/gm)].map(
        (m) => m[1] ?? '',
      ),
    );
    expect(compiled).toContain('src/cli/run-exec.ts');
    expect(
      compiled.filter((file) =>
        /^(src\/cli\/run-drill|src\/cli\/prompt|src\/init-store|src\/domain\/deployment-schema)\.ts$|^node_modules\/string-width\//.test(
          file,
        ),
      ),
    ).toEqual([]);
    // Nor is string-width loaded from node_modules: this Get's output is ASCII.
    expect(loaded.filter((url) => url.includes('/node_modules/string-width/'))).toEqual([]);
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
