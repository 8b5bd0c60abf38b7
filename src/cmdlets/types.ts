// The cmdlet table's types. One entry per cmdlet drives parsing, binding, validation,
// Get-Help, completion and the console's forms.

import type {ChatState, Operator, Role} from '../domain/types.js';
import type {Permission} from '../domain/rbac.js';
import type {Effect, Ports} from '../domain/ports.js';
import type {WarningId} from '../domain/error-ids.js';

/** A value of the command language. */
export type Value =
  | null
  | string
  | number
  | boolean
  | readonly Value[]
  | PsObject
  | Hashtable
  | ScriptBlock
  | Credential
  | ByteArray
  | FormatView
  | DateTimeValue
  | TimeSpanValue;

/** An output object: PowerShell-visible property names to values. Property order is display order. */
export interface PsObject {
  readonly [property: string]: Value;
}

export interface Hashtable {
  readonly kind: 'hashtable';
  /** Keys as written; lookups are case-insensitive. */
  readonly entries: readonly (readonly [string, Value])[];
}

/** `{ ... }`: kept as its source and a parsed filter expression the language can evaluate. */
export interface ScriptBlock {
  readonly kind: 'scriptblock';
  readonly text: string;
}

/**
 * A date the language built (Get-Date, [datetime], .AddDays()): a UTC instant. It never reaches
 * the store: a date parameter binds it as a DateArg.
 */
export interface DateTimeValue {
  readonly kind: 'datetime';
  readonly ms: number;
}

/** The difference of two dates. */
export interface TimeSpanValue {
  readonly kind: 'timespan';
  readonly ms: number;
}

export interface Credential {
  readonly kind: 'credential';
  readonly userName: string;
}

export interface ByteArray {
  readonly kind: 'bytes';
  readonly data: Uint8Array;
}

/**
 * What Format-Table and Format-List output: the selected properties of each object and how to lay
 * them out. It is laid out as text only where it is shown, at that output's width; it is not an
 * object the next command can use (only Out-String, Out-File and Export-Csv take it).
 */
export interface FormatView {
  readonly kind: 'format';
  readonly shape: 'table' | 'list';
  /** The table's column labels, in order (a list shows each object's own selected properties). */
  readonly columns: readonly string[];
  /** One object per input object: label to value, in display order. */
  readonly objects: readonly PsObject[];
  readonly autoSize: boolean;
  readonly wrap: boolean;
  readonly hideTableHeaders: boolean;
  /** Format-Table -GroupBy: the group's label and each object's value of it, in `objects` order. */
  readonly groupBy?: {readonly label: string; readonly values: readonly Value[]};
}

/** The PSListModifier a list parameter receives after binding (a plain list binds as replace). */
export interface ListModifier {
  readonly replace?: readonly string[];
  readonly remove?: readonly string[];
  readonly add?: readonly string[];
}

/** A date argument: date-only values matter for "through the end of that day" bounds. */
export interface DateArg {
  readonly iso: string;
  readonly dateOnly: boolean;
}

export type ParamType =
  | 'string'
  | 'string[]'
  | 'int'
  | 'bool'
  | 'switch'
  | 'enum'
  | 'timespan'
  | 'datetime'
  | 'listModifier'
  | 'scriptblock'
  | 'filter'
  | 'object'
  | 'credential'
  | 'bytes';

/**
 * What each type binds to in `Args`:
 * string → string; string[] → string[]; int → number (checked against min/max); bool → boolean;
 * switch → boolean; enum → the canonical spelling from `values`; timespan → seconds (number);
 * datetime → DateArg; listModifier → ListModifier; scriptblock → ScriptBlock;
 * filter → ScriptBlock | string (a `{...}` block or a quoted string); object → the Value as given;
 * credential → Credential; bytes → ByteArray. An explicit `$Null` binds as null where `nullable`.
 */
export interface ParamSpec<T extends ParamType = ParamType> {
  readonly type: T;
  readonly help: string;
  /** Required in these parameter sets (true = in every set it belongs to). */
  readonly required?: boolean | readonly string[];
  /** Sets this parameter belongs to; omitted = all sets. */
  readonly sets?: readonly string[];
  /** 0-based position for positional binding. */
  readonly position?: number;
  /** Takes every positional argument past the others, as a list (ValueFromRemainingArguments). */
  readonly remaining?: boolean;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly nullable?: boolean;
  readonly aliases?: readonly string[];
  /** Pipeline binding: 'value' (strings and other values), 'property' (same-named property of an object), or both. */
  readonly pipeline?: 'value' | 'property' | 'both';
  /** Offer object identities of this kind in completion and pickers. */
  readonly completes?:
    | 'pool'
    | 'site'
    | 'server'
    | 'category'
    | 'room'
    | 'addin'
    | 'policy'
    | 'configuration'
    | 'compliance'
    | 'endpoint'
    | 'user'
    | 'principal';
}

export interface CmdletExample {
  readonly code: string;
  readonly remarks: string;
}

export type ConfirmImpact = 'None' | 'Low' | 'Medium' | 'High';

/** Bound arguments: a key is present only when the parameter was given (an explicit $Null is null). */
export type Args = Readonly<Record<string, unknown>>;

/** The binding table of ParamSpec's comment, as types. */
interface BoundTypes {
  readonly string: string;
  readonly 'string[]': readonly string[];
  readonly int: number;
  readonly bool: boolean;
  readonly switch: boolean;
  readonly enum: string;
  readonly timespan: number;
  readonly datetime: DateArg;
  readonly listModifier: ListModifier;
  readonly scriptblock: ScriptBlock;
  readonly filter: ScriptBlock | string;
  readonly object: Value;
  readonly credential: Credential;
  readonly bytes: ByteArray;
}

type EnumValue<S extends ParamSpec> = S extends {readonly values: readonly (infer V extends string)[]}
  ? V
  : string;

// A switch binds $Null as $False and a list modifier as an empty Replace, so neither is ever null;
// any other spec that may say `nullable: true` may bind null.
type NullArg<S extends ParamSpec> = S['type'] extends 'switch' | 'listModifier'
  ? never
  : S extends {readonly nullable: infer N}
    ? true extends N
      ? null
      : never
    : 'nullable' extends keyof S
      ? null
      : never;

/** What one parameter binds to. */
export type ArgOf<S extends ParamSpec> =
  (S['type'] extends 'enum' ? EnumValue<S> : BoundTypes[S['type']]) | NullArg<S>;

export type Params = Readonly<Record<string, ParamSpec>>;

/** A cmdlet's bound arguments, keyed by its own parameter names; a key is present only when given. */
export type ArgsOf<P extends Params> = {readonly [K in keyof P]?: ArgOf<P[K]>};

export interface CmdletContext {
  /** The working state: the latest one within this statement. */
  readonly state: ChatState;
  /** Replace the working state; the statement's changes are committed together. */
  setState(next: ChatState, targets: readonly string[]): void;
  /** The revision the next commit will have, for entity `rev` fields. */
  readonly nextRevision: number;
  write(value: Value): void;
  warn(warningId: WarningId, message: string, target?: string | null): void;
  /** -WhatIf and -Confirm in one place: false means "do not act" (the what-if line is recorded). */
  shouldProcess(target: string, action: string): boolean;
  /** A prompt the cmdlet itself needs (removing an assigned policy, ...); the caller skips it with -Force. */
  shouldContinue(query: string, target: string): boolean;
  effect(effect: Effect): void;
  readonly now: Date;
  newId(): string;
  readonly operator: Operator;
  readonly roles: readonly Role[];
  readonly ports: Ports;
  /** Evaluates a `-Filter {Prop -eq value}` block (or its string form) against one object. */
  matchFilter(filter: unknown, object: PsObject): boolean;
  /** The cmdlet table, for Get-Help and Get-Command. */
  readonly catalog: readonly CmdletSpec[];
}

export interface CmdletSpec {
  readonly name: string;
  readonly summary: string;
  readonly description?: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Parameter set names; the first is the default. Omitted = one unnamed set. */
  readonly parameterSets?: readonly string[];
  readonly examples: readonly CmdletExample[];
  readonly permission: Permission;
  /** Changes the store (read-only sessions refuse it; the console's keymap reads it too). */
  readonly mutates: boolean;
  /** Accepts -WhatIf and -Confirm. */
  readonly supportsShouldProcess: boolean;
  /** High prompts by default (Clear-CsPersistentChatRoom). */
  readonly confirmImpact: ConfirmImpact;
  /** Runs once per pipeline input (or once when there is none). Throw CmdletError to fail this invocation. */
  run(ctx: CmdletContext, args: Args, parameterSet: string): void;
}
