// The CmdletContext a cmdlet runs with, over the line's shared working state: the state,
// output, warnings, what-if lines, prompts, effects and targets of one LINE.

import type {CmdletSpec, PsObject, ScriptBlock, Value} from '../cmdlets/types.js';
import type {ChatState, Operator, Role} from '../domain/types.js';
import type {Effect, Ports} from '../domain/ports.js';
import type {Warning} from '../domain/errors.js';
import {CmdletError} from '../domain/errors.js';
import type {EvalOptions, ErrorRecord, Prompt} from './api.js';
import type {Binding} from './bind.js';
import type {NestedBody} from './ast.js';
import type {BuiltinContext} from './builtins/types.js';
import {evaluateFilter} from './evaluate-expr.js';
import {compileFilter, isStatementBlock} from './filter-cache.js';
import {isScriptBlock, isTruthy} from './values.js';
import {runBlock} from './run-block.js';

const singleValue = (items: readonly Value[]): Value =>
  items.length === 0 ? null : items.length === 1 ? items[0]! : items;

/** The default time one line may take; EvalOptions.timeBudgetMs overrides it. */
export const DEFAULT_TIME_BUDGET_MS = 30_000;

/** Everything one LINE accumulates while it runs. */
export interface LineEnv {
  readonly options: EvalOptions;
  readonly commands: readonly CmdletSpec[];
  state: ChatState;
  readonly errors: ErrorRecord[];
  readonly warnings: Warning[];
  readonly whatIf: string[];
  readonly whatIfTargets: string[];
  readonly effects: Effect[];
  readonly targets: string[];
  readonly cmdlets: string[];
  readonly prompts: Prompt[];
  readonly promptCounts: Map<string, number>;
  /** Runs a pipeline or statements written as a value, `(Get-X)`, `@(...)`, in this line (set by the evaluator). */
  runNested: (body: NestedBody) => Value[] | null;
  /** Runs a script block's statements for one item, `$_` being the item (set by the evaluator). */
  runBlock: (block: ScriptBlock, current: Value) => Value[];
  /** `$_` while a script block runs for an item. */
  current?: Value;
  /** Date.now() past which the line stops with LimitExceeded. */
  readonly deadline: number;
}

export const newLineEnv = (options: EvalOptions, commands: readonly CmdletSpec[]): LineEnv => ({
  options,
  commands,
  state: options.state,
  errors: [],
  warnings: [],
  whatIf: [],
  whatIfTargets: [],
  effects: [],
  targets: [],
  cmdlets: [],
  prompts: [],
  promptCounts: new Map(),
  runNested: () => null,
  runBlock: () => [],
  deadline: Date.now() + (options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS),
});

/** The line ran out of time: the evaluator undoes the whole line and records LimitExceeded. */
export class TimeBudgetExceeded extends Error {
  readonly budgetMs: number;

  constructor(budgetMs: number) {
    super(`The line ran longer than its time budget of ${budgetMs} ms, and nothing it did was kept.`);
    this.name = 'TimeBudgetExceeded';
    this.budgetMs = budgetMs;
  }
}

export function checkTime(env: LineEnv): void {
  if (Date.now() > env.deadline)
    throw new TimeBudgetExceeded(env.options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
}

const operationText = (action: string, target: string): string =>
  `Performing the operation "${action}" on target "${target}".`;

export const createContext = (
  env: LineEnv,
  binding: Binding,
  write: (value: Value) => void,
): BuiltinContext => new InvocationContext(env, binding, write);

// A class, not an object of closures: a line makes a context for every invocation, and in a fresh
// process each of a literal's twenty-odd closures and fields cost a cold line more than the cmdlet's
// own work; the methods are made once, on the prototype.
class InvocationContext implements BuiltinContext {
  private readonly env: LineEnv;
  private readonly binding: Binding;
  private readonly out: (value: Value) => void;

  constructor(env: LineEnv, binding: Binding, write: (value: Value) => void) {
    this.env = env;
    this.binding = binding;
    this.out = write;
  }

  get state(): ChatState {
    return this.env.state;
  }

  setState(next: ChatState, targets: readonly string[]): void {
    const {env} = this;
    // -WhatIf writes nothing, anywhere, even if a cmdlet forgets to ask shouldProcess.
    if (this.binding.whatIf || next === env.state) return;
    env.state = next;
    for (const target of targets) if (!env.targets.includes(target)) env.targets.push(target);
  }

  get nextRevision(): number {
    return this.env.options.state.revision + 1;
  }

  // A builtin sees its whole input at once and loops over it in one call, and a cmdlet may write
  // many objects: each object or error written is where the line's time budget is checked, as the
  // pipeline checks it between items (`Get-Command 1..1000000` ran for minutes past it).
  write(value: Value): void {
    checkTime(this.env);
    this.out(value);
  }

  warn(warningId: Warning['warningId'], message: string, target?: string | null): void {
    this.env.warnings.push({warningId, message, target: target ?? null});
  }

  shouldProcess(target: string, action: string): boolean {
    const {env, binding} = this;
    if (binding.whatIf) {
      env.whatIf.push(`What if: ${operationText(action, target)}`);
      if (!env.whatIfTargets.includes(target)) env.whatIfTargets.push(target);
      return false;
    }
    const prompts =
      binding.confirm === true || (binding.confirm === null && binding.cmdlet.confirmImpact === 'High');
    return prompts ? this.ask(target, operationText(action, target)) : true;
  }

  shouldContinue(query: string, target: string): boolean {
    if (this.binding.confirm === false) return true;
    // Spec note: under -WhatIf nothing will happen, so there is nothing to ask about.
    if (this.binding.whatIf) return false;
    return this.ask(target, query);
  }

  effect(effect: Effect): void {
    if (!this.binding.whatIf) this.env.effects.push(effect);
  }

  get now(): Date {
    return this.env.options.now;
  }

  newId(): string {
    return this.env.options.newId();
  }

  get operator(): Operator {
    return this.env.options.operator;
  }

  get roles(): readonly Role[] {
    return this.env.options.roles;
  }

  get ports(): Ports {
    return this.env.options.ports;
  }

  matchFilter(spec: unknown, object: PsObject): boolean {
    return this.filter(spec, object);
  }

  get catalog(): readonly CmdletSpec[] {
    return this.env.options.catalog;
  }

  evaluateFilter(spec: unknown, input: Value): boolean {
    return isStatementBlock(spec)
      ? isTruthy(singleValue(this.env.runBlock(spec, input)))
      : this.filter(spec, input);
  }

  runScriptBlock(block: ScriptBlock, current: Value): Value[] {
    return this.env.runBlock(block, current);
  }

  // A script block runs as statements, with the script's variables; anything else as a filter.
  runBlock(block: unknown, input: Value): Value[] {
    return isScriptBlock(block) ? this.env.runBlock(block, input) : runBlock(block, this.scopeFor(input));
  }

  get commands(): readonly CmdletSpec[] {
    return this.env.commands;
  }

  error(error: CmdletError): void {
    checkTime(this.env);
    this.env.errors.push(toRecord(this.binding.cmdlet.name, error));
  }

  checkTime(): void {
    checkTime(this.env);
  }

  private ask(target: string, message: string): boolean {
    return askUser(this.env, this.binding.cmdlet.name, target, message);
  }

  private scopeFor(input: Value) {
    return {variables: this.env.options.variables, current: input, runPipeline: this.env.runNested};
  }

  private filter(spec: unknown, input: Value): boolean {
    return evaluateFilter(compileFilter(spec), this.scopeFor(input));
  }
}

export const toRecord = (cmdlet: string, error: CmdletError): ErrorRecord => ({
  cmdlet,
  errorId: error.errorId,
  message: error.message,
  target: error.target,
  parameter: error.parameter,
});

/** Records the prompt and asks; the id repeats when the same prompt comes up again in the same order. */
function askUser(env: LineEnv, cmdlet: string, target: string, message: string): boolean {
  const key = JSON.stringify([cmdlet, target, message]);
  const occurrence = (env.promptCounts.get(key) ?? 0) + 1;
  env.promptCounts.set(key, occurrence);
  const prompt: Prompt = {id: JSON.stringify([cmdlet, target, message, occurrence]), cmdlet, target, message};
  env.prompts.push(prompt);
  const answer = env.options.confirm(prompt);
  if (typeof answer !== 'boolean')
    throw new CmdletError('ConfirmationRequired', `${message} No answer was given.`, {target});
  return answer;
}
