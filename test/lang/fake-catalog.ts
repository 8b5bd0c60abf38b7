// A tiny cmdlet table for the language tests: fake policy cmdlets over ChatState.policies,
// and Test-Bind, which echoes what the binder gave it.

import type {CmdletSpec, PsObject, Value} from '../../src/cmdlets/types.js';
import type {ChatState, Policy, Role} from '../../src/domain/types.js';
import {CmdletError} from '../../src/domain/errors.js';
import {emptyPorts} from '../../src/domain/ports.js';
import type {Confirmer, EvalOptions, LineResult} from '../../src/lang/api.js';
import {evaluateLine} from '../../src/lang/evaluate.js';

export const policy = (
  identity: string,
  description: string | null = null,
  enablePersistentChat = true,
): Policy => ({
  identity,
  description,
  enablePersistentChat,
  rev: 1,
});

export function stateWith(
  policies: readonly Policy[] = [
    policy('Global'),
    policy('Tag:Sales', 'sales team'),
    policy('Tag:Ops', 'InUse', false),
  ],
): ChatState {
  return {
    schemaVersion: 1,
    revision: 7,
    sipDomains: ['example.org'],
    topology: {sites: [], frontEndPools: [], persistentChatPools: []},
    directory: {users: [], groups: [], contacts: [], organizationalUnits: [], containers: []},
    configurations: [],
    compliance: [],
    policies,
    endpoints: [],
    categories: [],
    rooms: [],
    addins: [],
    operators: [],
  };
}

const toObject = (p: Policy): PsObject => ({
  Identity: p.identity,
  Description: p.description,
  EnablePersistentChat: p.enablePersistentChat,
  Rev: p.rev,
  Tags: p.identity.startsWith('Tag:') ? ['tag', p.identity.slice(4).toLowerCase()] : ['global'],
});

const find = (state: ChatState, identity: string): Policy => {
  const found = state.policies.find((p) => p.identity.toLowerCase() === identity.toLowerCase());
  if (!found)
    throw new CmdletError('PolicyNotFound', `No policy named "${identity}" was found.`, {target: identity});
  return found;
};

const replace = (state: ChatState, next: Policy): ChatState => ({
  ...state,
  policies: state.policies.map((p) => (p.identity === next.identity ? next : p)),
});

const base = {examples: [], description: undefined} as const;

export const getFakePolicy: CmdletSpec = {
  ...base,
  name: 'Get-FakePolicy',
  summary: 'Returns fake policies.',
  params: {
    Identity: {type: 'string', position: 0, help: 'The policy.'},
    Filter: {type: 'filter', help: 'A filter over the policy objects.'},
  },
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const identity = args['Identity'] as string | undefined;
    const policies = identity === undefined ? ctx.state.policies : [find(ctx.state, identity)];
    for (const p of policies) {
      const object = toObject(p);
      if (args['Filter'] === undefined || ctx.matchFilter(args['Filter'], object)) ctx.write(object);
    }
  },
};

export const setFakePolicy: CmdletSpec = {
  ...base,
  name: 'Set-FakePolicy',
  summary: 'Changes a fake policy.',
  parameterSets: ['Identity', 'Instance'],
  params: {
    Identity: {type: 'string', position: 0, sets: ['Identity'], pipeline: 'property', help: 'The policy.'},
    Instance: {
      type: 'object',
      sets: ['Instance'],
      required: ['Instance'],
      pipeline: 'value',
      help: 'A policy object.',
    },
    Description: {type: 'string', nullable: true, help: 'Free text.'},
    EnablePersistentChat: {type: 'bool', help: 'On or off.'},
  },
  permission: 'policies',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args, set) {
    const identity =
      set === 'Instance'
        ? // As the real cmdlet: an object without an Identity (Get-Command | Set-...) names Global.
          (((args['Instance'] as PsObject)['Identity'] as string | undefined) ?? 'Global')
        : ((args['Identity'] as string | undefined) ?? 'Global');
    const current = find(ctx.state, identity);
    const description = args['Description'] as string | null | undefined;
    if (description === 'boom')
      throw new CmdletError('InvalidValue', 'Boom is not a description.', {
        target: identity,
        parameter: 'Description',
      });
    if (!ctx.shouldProcess(current.identity, 'Set-FakePolicy')) return;
    const next = {
      ...current,
      description: description === undefined ? current.description : description,
      enablePersistentChat:
        (args['EnablePersistentChat'] as boolean | undefined) ?? current.enablePersistentChat,
      rev: ctx.nextRevision,
    };
    ctx.setState(replace(ctx.state, next), [current.identity]);
    if (description === 'late-boom')
      throw new CmdletError('InvalidValue', 'Fails after changing the state.', {target: identity});
  },
};

export const removeFakePolicy: CmdletSpec = {
  ...base,
  name: 'Remove-FakePolicy',
  summary: 'Removes a fake policy.',
  params: {
    Identity: {type: 'string', position: 0, required: true, pipeline: 'both', help: 'The policy.'},
    Force: {type: 'switch', help: 'Do not ask about policies in use.'},
  },
  permission: 'policies',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'Medium',
  run(ctx, args) {
    const current = find(ctx.state, args['Identity'] as string);
    if (!ctx.shouldProcess(current.identity, 'Remove')) return;
    if (
      current.description === 'InUse' &&
      args['Force'] !== true &&
      !ctx.shouldContinue(`The policy ${current.identity} is in use. Remove it anyway?`, current.identity)
    ) {
      throw new CmdletError('PolicyInUse', `The policy ${current.identity} is in use.`, {
        target: current.identity,
      });
    }
    ctx.setState({...ctx.state, policies: ctx.state.policies.filter((p) => p !== current)}, [
      current.identity,
    ]);
  },
};

export const clearFakePolicy: CmdletSpec = {
  ...base,
  name: 'Clear-FakePolicy',
  summary: 'Clears a fake policy (high impact).',
  params: {Identity: {type: 'string', position: 0, required: true, pipeline: 'value', help: 'The policy.'}},
  permission: 'policies',
  mutates: true,
  supportsShouldProcess: true,
  confirmImpact: 'High',
  run(ctx, args) {
    const current = find(ctx.state, args['Identity'] as string);
    if (!ctx.shouldProcess(current.identity, 'Clear')) return;
    ctx.effect({kind: 'backup', reason: `clear ${current.identity}`});
    ctx.setState(replace(ctx.state, {...current, description: null}), [current.identity]);
  },
};

export const testBind: CmdletSpec = {
  ...base,
  name: 'Test-Bind',
  summary: 'Echoes the bound arguments.',
  parameterSets: ['Identity', 'Filter'],
  params: {
    Identity: {type: 'string', position: 0, sets: ['Identity'], pipeline: 'both', help: 'An identity.'},
    Filter: {type: 'filter', sets: ['Filter'], required: ['Filter'], help: 'A filter.'},
    Name: {type: 'string', position: 1, aliases: ['DisplayName'], help: 'A name.'},
    NameServer: {type: 'string', help: 'Makes -Nam ambiguous.'},
    Count: {type: 'int', min: 0, max: 100, help: 'A bounded number.'},
    Size: {type: 'int', help: 'An unbounded number.'},
    Enabled: {type: 'bool', help: 'A Boolean.'},
    Force: {type: 'switch', help: 'A switch.'},
    Type: {type: 'enum', values: ['Normal', 'Auditorium'], help: 'An enum.'},
    Interval: {type: 'timespan', help: 'A TimeSpan.'},
    EndDate: {type: 'datetime', help: 'A date.'},
    Members: {type: 'listModifier', help: 'A list.'},
    Tags: {type: 'string[]', help: 'Strings.'},
    Cred: {type: 'credential', help: 'A credential.'},
    Data: {type: 'bytes', help: 'Bytes.'},
    Block: {type: 'scriptblock', help: 'A block.'},
    Extra: {type: 'object', nullable: true, help: 'Anything.'},
    Note: {type: 'string', nullable: true, help: 'Nullable text.'},
  },
  permission: 'read',
  mutates: false,
  supportsShouldProcess: true,
  confirmImpact: 'None',
  run(ctx, args, set) {
    ctx.write({Set: set, Args: args as unknown as PsObject});
  },
};

export const fakeCatalog: readonly CmdletSpec[] = [
  getFakePolicy,
  setFakePolicy,
  removeFakePolicy,
  clearFakePolicy,
  testBind,
];

export interface Options {
  readonly state?: ChatState;
  readonly roles?: readonly Role[];
  readonly readOnly?: boolean;
  readonly confirm?: Confirmer;
  readonly variables?: Map<string, Value>;
}

export function evalOptions(options: Options = {}): EvalOptions {
  let n = 0;
  return {
    state: options.state ?? stateWith(),
    operator: {name: 'admin', roles: options.roles ?? ['CsAdministrator']},
    roles: options.roles ?? ['CsAdministrator'],
    readOnly: options.readOnly ?? false,
    now: new Date('2026-01-15T12:00:00Z'),
    newId: () => `id-${++n}`,
    ports: emptyPorts,
    catalog: fakeCatalog,
    confirm: options.confirm ?? (() => true),
    variables: options.variables ?? new Map<string, Value>(),
  };
}

export const run = (line: string, options: Options = {}): LineResult =>
  evaluateLine(line, evalOptions(options));

/** The bound arguments Test-Bind echoed. */
export function echoed(result: LineResult): {Set: string; Args: Record<string, unknown>} {
  expectNoErrors(result);
  return result.output[0] as unknown as {Set: string; Args: Record<string, unknown>};
}

export function expectNoErrors(result: LineResult): void {
  if (result.errors.length > 0) throw new Error(`Unexpected errors: ${JSON.stringify(result.errors)}`);
}
