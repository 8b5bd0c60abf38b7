// Compiles the store and what it imports to plain JavaScript in a temp directory, so the process
// tests can run it in child `node` processes without depending on a full `npm run build`.
// Transpile only (no type check; `npx tsc` checks types): milliseconds per file.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const srcRoot = path.join(projectRoot, 'src');

/** Relative imports of a module, as source paths. */
function localImports(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const spec = match[1]!;
    found.push(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return found;
}

/** Returns the output directory; `<out>/store/file-store.js` is the entry. Remove it when done. */
export function compileStore(entries: readonly string[] = ['store/file-store.ts', 'store/lock.ts']): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-store-build-'));
  // Bare imports (lowdb, zod, ...) resolve through the project's own node_modules.
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  const pending = entries.map((e) => path.join(srcRoot, e));
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const text = fs.readFileSync(file, 'utf8');
    const {outputText} = ts.transpileModule(text, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ES2022,
        target: ts.ScriptTarget.ES2023,
        verbatimModuleSyntax: true,
      },
    });
    const target = path.join(out, path.relative(srcRoot, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), {recursive: true});
    fs.writeFileSync(target, outputText);
    pending.push(...localImports(file, text).filter((f) => !done.has(f)));
  }
  fs.writeFileSync(path.join(out, 'package.json'), '{"type": "module"}\n');
  return out;
}
