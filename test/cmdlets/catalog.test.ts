// Guards on the cmdlet table as a whole: every entry can be documented, permitted and tried.

import {describe, expect, it} from 'vitest';
import {catalog} from '../../src/cmdlets/catalog.js';
import type {CmdletSpec} from '../../src/cmdlets/types.js';
import {PERMISSION_MATRIX} from '../../src/domain/rbac.js';
import type {ErrorId} from '../../src/domain/error-ids.js';
import {COMMAND_ALIASES} from '../../src/lang/builtins/index.js';
import {commandsFor} from '../../src/lang/evaluate.js';
import {parse} from '../../src/lang/parse.js';
import {statementPipelines} from '../../src/lang/statement-pipelines.js';
import {contentState, MESSAGES} from '../helpers/content-fixture.js';
import {runLines} from '../helpers/run-lines.js';

/** The ids the language raises when a line is malformed, names no command, or does not bind. */
const MALFORMED: readonly ErrorId[] = [
  'ParserError',
  'CommandNotFound',
  'ParameterBindingError',
  'InputObjectNotBound',
  'MissingParameter',
];

const commandNames = new Set(
  [...commandsFor(catalog).map((c) => c.name), ...Object.keys(COMMAND_ALIASES)].map((n) => n.toLowerCase()),
);

/** The command names of each pipeline of the example, in order. */
const stagesOf = (code: string): string[][] => {
  const parsed = parse(code);
  if (!parsed.ok) throw new Error(`${code}\n${parsed.error.message}`);
  return parsed.statements.map((s) =>
    statementPipelines(s).flatMap((p) =>
      p.stages.flatMap((stage) => (stage.kind === 'command' ? [stage.name] : [])),
    ),
  );
};

const cases = catalog.map((cmdlet): [string, CmdletSpec] => [cmdlet.name, cmdlet]);

describe('the cmdlet catalog', () => {
  it('names each cmdlet once', () => {
    const names = catalog.map((c) => c.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  describe.each(cases)('%s', (name, cmdlet) => {
    it('has a summary and help text on every parameter', () => {
      expect(cmdlet.summary.trim()).not.toBe('');
      for (const [param, spec] of Object.entries(cmdlet.params)) expect(spec.help.trim(), param).not.toBe('');
    });

    it('declares one of the known permissions', () => {
      expect(Object.keys(PERMISSION_MATRIX)).toContain(cmdlet.permission);
    });

    // Topology spec 1.7 and rooms-and-content.md: every command that changes the store takes
    // -WhatIf and -Confirm, and a command that changes nothing has nothing to confirm.
    it('supports -WhatIf and -Confirm exactly when it changes the store', () => {
      expect(cmdlet.supportsShouldProcess).toBe(cmdlet.mutates);
    });

    it('has examples whose pipelines run this cmdlet and name only known commands', () => {
      expect(cmdlet.examples.length).toBeGreaterThan(0);
      for (const {code} of cmdlet.examples) {
        const pipelines = stagesOf(code);
        expect(
          pipelines.some((stages) => stages.some((s) => s.toLowerCase() === name.toLowerCase())),
          code,
        ).toBe(true);
        for (const stage of pipelines.flat()) expect(commandNames.has(stage.toLowerCase()), stage).toBe(true);
      }
    });

    it('has examples that parse and bind when run on the content fixture', async () => {
      for (const {code} of cmdlet.examples) {
        const {runs} = await runLines(contentState(), [code], {messages: MESSAGES, yes: true});
        const malformed = runs[0]!.errors.filter((e) => MALFORMED.includes(e.errorId));
        expect(malformed, code).toEqual([]);
      }
    });
  });
});
