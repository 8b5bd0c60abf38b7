// Every builtin of the language (Where-Object, ForEach-Object, Format-Table, ...) is documented as a
// cmdlet is: a synopsis, help on each parameter, and examples that run without error on a copy of
// the demo store; `pchat exec` lists each with Get-Command and shows its examples with Get-Help.

import fs from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import type {CmdletSpec} from '../../src/cmdlets/types.js';
import {builtinCommands} from '../../src/lang/builtins/index.js';
import {syntax} from '../../src/lang/help-text.js';
import {demoStore, sessionOn} from '../helpers/archive-stores.js';
import {pchat, tempDir} from '../helpers/pchat-process.js';

let demo = '';

beforeAll(async () => {
  demo = await demoStore(tempDir('pchat-builtins-'), 'demo');
});

const storeCopy = (): string => {
  const copy = path.join(tempDir('pchat-builtin-example-'), 's');
  fs.cpSync(demo, copy, {recursive: true});
  return copy;
};

const cases = builtinCommands.map((command): [string, CmdletSpec] => [command.name, command]);

describe.each(cases)('%s', (_name, command) => {
  it('has a synopsis, and help on every parameter, each shown in its syntax', () => {
    expect(command.summary.trim()).not.toBe('');
    const lines = syntax(command).join('\n');
    for (const [param, spec] of Object.entries(command.params)) {
      expect(spec.help.trim(), param).not.toBe('');
      expect(lines, param).toContain(`-${param}`);
    }
  });

  it('has examples with remarks that run without error, each on a demo store of its own', async () => {
    expect(command.examples.length).toBeGreaterThan(0);
    for (const {code, remarks} of command.examples) {
      expect(remarks.trim(), code).not.toBe('');
      const run = await (await sessionOn(storeCopy())).run(code);
      expect({errors: run.errors, storeFailure: run.storeFailure}, code).toEqual({
        errors: [],
        storeFailure: null,
      });
    }
  });
});

describe('the builtins through pchat exec', () => {
  it('lists every builtin with Get-Command and shows the examples of each with Get-Help -Examples', () => {
    const helpLines = builtinCommands.map((command) => `Get-Help ${command.name} -Examples`);
    const run = pchat(['exec', '--json', '--store', demo, 'Get-Command', ...helpLines]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [commands, ...helps] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown[]);
    expect(commands).toEqual(
      expect.arrayContaining(
        builtinCommands.map((command) => ({CommandType: 'Cmdlet', Name: command.name, Source: 'pchat'})),
      ),
    );
    expect(helps).toHaveLength(builtinCommands.length);
    for (const [i, command] of builtinCommands.entries()) {
      const help = helps[i]!.join('\n');
      expect(help, command.name).toContain(`NAME\n    ${command.name}\n\nSYNOPSIS\n    ${command.summary}`);
      for (const {code, remarks} of command.examples) {
        expect(help, command.name).toContain(`PS C:\\> ${code}`);
        expect(help, command.name).toContain(remarks);
      }
    }
  });
});
