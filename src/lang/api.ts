// The command language's public contract: a LINE of PowerShell-subset text in,
// per-line results out. Pure: the session supplies the state and the ports.

import type {ChatState, Operator, Role} from '../domain/types.js';
import type {Effect, Ports} from '../domain/ports.js';
import type {ErrorId, Warning} from '../domain/errors.js';
import type {CmdletSpec, Value} from '../cmdlets/types.js';

export interface ErrorRecord {
  /** The cmdlet (or `ParserError` / the builtin) that failed. */
  readonly cmdlet: string;
  readonly errorId: ErrorId;
  readonly message: string;
  readonly target: string | null;
  /** The parameter the error is about (binding and validation errors), so a form can mark the field. */
  readonly parameter?: string | null;
}

/** A confirmation the line needs. `id` is stable between the planning run and the commit run. */
export interface Prompt {
  readonly id: string;
  readonly cmdlet: string;
  readonly target: string;
  /** "Performing the operation "Remove" on target "pc1.dc1.example.org\ItRoom"." or the cmdlet's own query. */
  readonly message: string;
}

/** Answers a prompt: true = yes, false = no. Throwing a CmdletError (ConfirmationRequired) fails that invocation. */
export type Confirmer = (prompt: Prompt) => boolean;

export interface EvalOptions {
  readonly state: ChatState;
  readonly operator: Operator;
  readonly roles: readonly Role[];
  /** View-only session: every `mutates` cmdlet fails with AccessDenied before it runs. */
  readonly readOnly: boolean;
  readonly now: Date;
  readonly newId: () => string;
  readonly ports: Ports;
  readonly catalog: readonly CmdletSpec[];
  readonly confirm: Confirmer;
  /** `$name` variables, keyed by lower-case name; persists across the lines of a script (mutated in place). */
  readonly variables: Map<string, Value>;
  /** How long one line may run, in ms (default 30 s); past it the line ends in LimitExceeded and nothing is kept. */
  readonly timeBudgetMs?: number;
}

export interface LineResult {
  readonly line: string;
  readonly output: readonly Value[];
  readonly errors: readonly ErrorRecord[];
  readonly warnings: readonly Warning[];
  /** "What if: ..." lines. */
  readonly whatIf: readonly string[];
  /** The targets -WhatIf named, in order, once each: what a confirmation asks the operator to type. */
  readonly whatIfTargets: readonly string[];
  /** The working state after the line (the same object as the input when nothing changed). */
  readonly state: ChatState;
  readonly effects: readonly Effect[];
  /** Identities changed by the line, for the audit entry. */
  readonly targets: readonly string[];
  /** Names of the cmdlets the line ran (for the audit entry and the console's history). */
  readonly cmdlets: readonly string[];
  /** The prompts that were asked while evaluating. */
  readonly prompts: readonly Prompt[];
}
