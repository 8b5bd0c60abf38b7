// Which parameter a typed name means: exact names and aliases first, then any unambiguous
// prefix, over the cmdlet's own parameters and the common parameters every cmdlet accepts.

import type {CmdletSpec, ParamSpec} from '../cmdlets/types.js';
import {CmdletError} from '../domain/errors.js';

const ACTIONS = ['Break', 'Continue', 'Ignore', 'Inquire', 'SilentlyContinue', 'Stop', 'Suspend'];

/** Accepted by every cmdlet and ignored: the console has no streams or variables to redirect them to. */
export const COMMON_PARAMETERS: Readonly<Record<string, ParamSpec>> = {
  Verbose: {type: 'switch', help: 'Accepted for compatibility; has no effect.', aliases: ['vb']},
  Debug: {type: 'switch', help: 'Accepted for compatibility; has no effect.', aliases: ['db']},
  ErrorAction: {
    type: 'enum',
    values: ACTIONS,
    help: 'Accepted for compatibility; errors are always reported.',
    aliases: ['ea'],
  },
  WarningAction: {
    type: 'enum',
    values: ACTIONS,
    help: 'Accepted for compatibility; warnings are always reported.',
    aliases: ['wa'],
  },
  ErrorVariable: {type: 'string', help: 'Accepted for compatibility; has no effect.', aliases: ['ev']},
  WarningVariable: {type: 'string', help: 'Accepted for compatibility; has no effect.', aliases: ['wv']},
  OutVariable: {type: 'string', help: 'Accepted for compatibility; has no effect.', aliases: ['ov']},
  OutBuffer: {type: 'int', min: 0, help: 'Accepted for compatibility; has no effect.', aliases: ['ob']},
};

/** Only on cmdlets that support ShouldProcess. */
export const SHOULD_PROCESS_PARAMETERS: Readonly<Record<string, ParamSpec>> = {
  WhatIf: {
    type: 'switch',
    help: 'Shows what would happen if the cmdlet runs. The cmdlet is not run and nothing is written.',
    aliases: ['wi'],
  },
  Confirm: {
    type: 'switch',
    help: 'Prompts you for confirmation before running the cmdlet; -Confirm:$false suppresses every prompt.',
    aliases: ['cf'],
  },
};

export type ParameterKind = 'own' | 'common' | 'shouldProcess';

export interface ResolvedParameter {
  readonly name: string;
  readonly spec: ParamSpec;
  readonly kind: ParameterKind;
}

/** Every parameter the cmdlet accepts, own ones first. */
export const acceptedParameters = (cmdlet: CmdletSpec): readonly ResolvedParameter[] =>
  parameterTable(cmdlet).accepted;

interface ParameterTable {
  readonly accepted: readonly ResolvedParameter[];
  /** Each accepted parameter with its name and aliases lower-cased, in the order of `accepted`. */
  readonly spelled: readonly {readonly parameter: ResolvedParameter; readonly spellings: readonly string[]}[];
  /** A spelling to the first parameter that has it. */
  readonly exact: ReadonlyMap<string, ResolvedParameter>;
}

// A cmdlet's table never changes, and every line binds its parameters by name: the table is
// made once per cmdlet, not at every parameter of every line (a cold line paid for it each time).
const tables = new WeakMap<CmdletSpec, ParameterTable>();

function parameterTable(cmdlet: CmdletSpec): ParameterTable {
  let table = tables.get(cmdlet);
  if (!table) {
    table = makeParameterTable(cmdlet);
    tables.set(cmdlet, table);
  }
  return table;
}

function makeParameterTable(cmdlet: CmdletSpec): ParameterTable {
  const own = Object.entries(cmdlet.params).map(([name, spec]) => ({name, spec, kind: 'own' as const}));
  const taken = new Set(own.map((p) => p.name.toLowerCase()));
  const extra = [
    ...Object.entries(COMMON_PARAMETERS).map(([name, spec]) => ({name, spec, kind: 'common' as const})),
    ...(cmdlet.supportsShouldProcess
      ? Object.entries(SHOULD_PROCESS_PARAMETERS).map(([name, spec]) => ({
          name,
          spec,
          kind: 'shouldProcess' as const,
        }))
      : []),
  ];
  const accepted = [...own, ...extra.filter((p) => !taken.has(p.name.toLowerCase()))];
  const spelled = accepted.map((parameter) => ({
    parameter,
    spellings: [parameter.name, ...(parameter.spec.aliases ?? [])].map((s) => s.toLowerCase()),
  }));
  const exact = new Map<string, ResolvedParameter>();
  for (const {parameter, spellings} of spelled)
    for (const spelling of spellings) if (!exact.has(spelling)) exact.set(spelling, parameter);
  return {accepted, spelled, exact};
}

export function resolveParameter(cmdlet: CmdletSpec, typed: string): ResolvedParameter {
  const lower = typed.toLowerCase();
  const table = parameterTable(cmdlet);
  const exact = table.exact.get(lower);
  if (exact) return exact;
  const matches = table.spelled
    .filter(({spellings}) => spellings.some((s) => s.startsWith(lower)))
    .map(({parameter}) => parameter);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new CmdletError(
      'ParameterBindingError',
      `Parameter cannot be processed because the parameter name '${typed}' is ambiguous. Possible matches include: ${matches.map((p) => `-${p.name}`).join(' ')}.`,
      {parameter: typed},
    );
  }
  throw new CmdletError(
    'ParameterBindingError',
    `A parameter cannot be found that matches parameter name '${typed}'.`,
    {parameter: typed},
  );
}
