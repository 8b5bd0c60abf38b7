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
export function acceptedParameters(cmdlet: CmdletSpec): ResolvedParameter[] {
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
  return [...own, ...extra.filter((p) => !taken.has(p.name.toLowerCase()))];
}

const spellings = (p: ResolvedParameter): string[] =>
  [p.name, ...(p.spec.aliases ?? [])].map((s) => s.toLowerCase());

export function resolveParameter(cmdlet: CmdletSpec, typed: string): ResolvedParameter {
  const lower = typed.toLowerCase();
  const all = acceptedParameters(cmdlet);
  const exact = all.find((p) => spellings(p).includes(lower));
  if (exact) return exact;
  const matches = all.filter((p) => spellings(p).some((s) => s.startsWith(lower)));
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
