// One error class for expected failures: a stable id from the specs and the facts to explain it.
// Anything that is not a CmdletError is a bug and is allowed to surface as one.

import type {ErrorId, WarningId} from './error-ids.js';

export type {ErrorId, WarningId} from './error-ids.js';

export class CmdletError extends Error {
  readonly errorId: ErrorId;
  readonly target: string | null;
  readonly parameter: string | null;

  constructor(
    errorId: ErrorId,
    message: string,
    options: {target?: string | null; parameter?: string | null} = {},
  ) {
    super(message);
    this.name = 'CmdletError';
    this.errorId = errorId;
    this.target = options.target ?? null;
    this.parameter = options.parameter ?? null;
  }
}

export const isCmdletError = (error: unknown): error is CmdletError => error instanceof CmdletError;

/** A validation problem, so a form can mark the field; operations throw the first. */
export interface Issue {
  readonly errorId: ErrorId;
  readonly parameter: string | null;
  readonly message: string;
}

export const issueToError = (issue: Issue, target?: string): CmdletError =>
  new CmdletError(issue.errorId, issue.message, {parameter: issue.parameter, target: target ?? null});

export interface Warning {
  readonly warningId: WarningId;
  readonly message: string;
  readonly target: string | null;
}

/** Exhaustiveness check for unions. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
