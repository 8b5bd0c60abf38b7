// The command line a procedure step runs (src/domain/procedures.ts), written as the language
// writes any cmdlet line, so what the wizard shows is what the session runs and the audit keeps.

import type {CmdletSpec} from '../cmdlets/types.js';
import type {ProcedureStep} from '../domain/procedures.js';
import {renderCommandLine} from './render-line.js';

/** An acknowledgement step runs no command: its line is empty. */
export const procedureLine = (step: ProcedureStep, catalog: readonly CmdletSpec[]): string => {
  if (step.command === null) return '';
  const {cmdlet, params} = step.command;
  const spec = catalog.find((c) => c.name.toLowerCase() === cmdlet.toLowerCase());
  return renderCommandLine(cmdlet, params, spec);
};
