// Get-Help's text, built from the cmdlet table: name, synopsis, syntax per parameter set,
// description, parameters and examples, laid out the way PowerShell's help is.

import type {CmdletSpec, ParamSpec} from '../cmdlets/types.js';
import {COMMON_PARAMETERS, SHOULD_PROCESS_PARAMETERS} from './param-names.js';
import {ALL_SETS, inSet, setsOf} from './param-sets.js';

export type HelpView = 'default' | 'examples' | 'detailed' | 'full';

const TYPE_NAMES: Readonly<Record<ParamSpec['type'], string>> = {
  string: 'String',
  'string[]': 'String[]',
  int: 'Int32',
  bool: 'Boolean',
  switch: 'SwitchParameter',
  enum: 'String',
  timespan: 'TimeSpan',
  datetime: 'DateTime',
  listModifier: 'PSListModifier',
  scriptblock: 'ScriptBlock',
  filter: 'String',
  object: 'PSObject',
  credential: 'PSCredential',
  bytes: 'Byte[]',
};

const INDENT = '    ';
const indent = (text: string, depth = 1): string =>
  text
    .split('\n')
    .map((line) => (line ? INDENT.repeat(depth) + line : line))
    .join('\n');

export function helpText(cmdlet: CmdletSpec, view: HelpView): string {
  const sections: [string, string][] = [
    ['NAME', cmdlet.name],
    ['SYNOPSIS', cmdlet.summary],
  ];
  if (view !== 'examples') {
    sections.push(['SYNTAX', syntax(cmdlet).join('\n\n')]);
    sections.push(['DESCRIPTION', cmdlet.description ?? cmdlet.summary]);
  }
  if (view === 'detailed' || view === 'full')
    sections.push(['PARAMETERS', parameters(cmdlet, view === 'full')]);
  if (view !== 'default') sections.push(['EXAMPLES', examples(cmdlet)]);
  if (view === 'default') sections.push(['REMARKS', remarks(cmdlet.name)]);
  return sections.map(([title, body]) => `${title}\n${indent(body)}`).join('\n\n');
}

/** One line per parameter set: positional first, then the others in table order. */
export function syntax(cmdlet: CmdletSpec): string[] {
  return setsOf(cmdlet).map((set) => {
    const names = Object.keys(cmdlet.params).filter((name) => inSet(cmdlet, name, set));
    const positional = names
      .filter((n) => cmdlet.params[n]!.position !== undefined)
      .sort((a, b) => cmdlet.params[a]!.position! - cmdlet.params[b]!.position!);
    const named = names.filter((n) => cmdlet.params[n]!.position === undefined);
    const parts = [...positional, ...named].map((name) =>
      syntaxPart(name, cmdlet.params[name]!, required(cmdlet.params[name]!, set)),
    );
    if (cmdlet.supportsShouldProcess) parts.push('[-WhatIf]', '[-Confirm]');
    parts.push('[<CommonParameters>]');
    return [cmdlet.name, ...parts].join(' ');
  });
}

const required = (spec: ParamSpec, set: string): boolean =>
  spec.required === true || (Array.isArray(spec.required) && spec.required.includes(set));

function syntaxPart(name: string, spec: ParamSpec, isRequired: boolean): string {
  if (spec.type === 'switch') return isRequired ? `-${name}` : `[-${name}]`;
  const value =
    spec.type === 'enum' && spec.values ? `{${spec.values.join(' | ')}}` : `<${TYPE_NAMES[spec.type]}>`;
  const flag = spec.position !== undefined ? `[-${name}]` : `-${name}`;
  const part = `${flag} ${value}`;
  return isRequired ? part : `[${part}]`;
}

function parameters(cmdlet: CmdletSpec, full: boolean): string {
  const blocks = Object.entries(cmdlet.params).map(([name, spec]) =>
    parameterBlock(cmdlet, name, spec, full),
  );
  if (cmdlet.supportsShouldProcess) {
    for (const [name, spec] of Object.entries(SHOULD_PROCESS_PARAMETERS))
      blocks.push(`-${name} [<SwitchParameter>]\n${indent(spec.help)}`);
  }
  blocks.push(
    `<CommonParameters>\n${indent(`This cmdlet accepts the common parameters: ${Object.keys(COMMON_PARAMETERS).join(', ')}.`)}`,
  );
  return blocks.join('\n\n');
}

function parameterBlock(cmdlet: CmdletSpec, name: string, spec: ParamSpec, full: boolean): string {
  const head =
    spec.type === 'switch' ? `-${name} [<SwitchParameter>]` : `-${name} <${TYPE_NAMES[spec.type]}>`;
  const lines = [spec.help];
  if (full) {
    const sets = spec.sets ?? setsOf(cmdlet);
    const requiredText =
      spec.required === true
        ? 'true'
        : Array.isArray(spec.required)
          ? `true in ${spec.required.join(', ')}`
          : 'false';
    const facts: [string, string | null][] = [
      ['Required?', requiredText],
      ['Position?', spec.position === undefined ? 'named' : String(spec.position)],
      ['Accept pipeline input?', pipelineText(spec)],
      ['Accepted values', spec.values ? spec.values.join(', ') : null],
      [
        'Range',
        spec.min !== undefined || spec.max !== undefined ? `${spec.min ?? ''} - ${spec.max ?? ''}` : null,
      ],
      ['Accepts $Null?', spec.nullable ? 'true' : null],
      ['Aliases', spec.aliases?.length ? spec.aliases.join(', ') : null],
      ['Parameter sets', sets.length === 1 && sets[0] === ALL_SETS ? null : sets.join(', ')],
    ];
    lines.push('', ...facts.filter(([, v]) => v !== null).map(([k, v]) => `${k.padEnd(28)} ${v}`));
  }
  return `${head}\n${indent(lines.join('\n'))}`;
}

const pipelineText = (spec: ParamSpec): string => {
  switch (spec.pipeline) {
    case 'value':
      return 'true (ByValue)';
    case 'property':
      return 'true (ByPropertyName)';
    case 'both':
      return 'true (ByValue, ByPropertyName)';
    case undefined:
      return 'false';
  }
};

function examples(cmdlet: CmdletSpec): string {
  if (cmdlet.examples.length === 0) return 'There are no examples for this command.';
  return cmdlet.examples
    .map(
      (example, i) =>
        `-------------------------- Example ${i + 1} --------------------------\n\nPS C:\\> ${example.code}\n\n${example.remarks}`,
    )
    .join('\n\n');
}

const remarks = (name: string): string =>
  [
    `To see the examples, type: "Get-Help ${name} -Examples".`,
    `For more information, type: "Get-Help ${name} -Detailed".`,
    `For technical information, type: "Get-Help ${name} -Full".`,
  ].join('\n');

export const OVERVIEW = [
  'TOPIC',
  `${INDENT}pchat command help`,
  '',
  'SHORT DESCRIPTION',
  `${INDENT}Runs the Persistent Chat cmdlets on the deployment kept in this store.`,
  '',
  'LONG DESCRIPTION',
  `${INDENT}Get-Command *PersistentChat*          lists the Persistent Chat cmdlets.`,
  `${INDENT}Get-Help <Cmdlet>                     shows the syntax of a cmdlet.`,
  `${INDENT}Get-Help <Cmdlet> -Examples           shows the documented examples.`,
  `${INDENT}Get-Help <Cmdlet> -Detailed | -Full   also describes every parameter.`,
  '',
  `${INDENT}Pipelines (Get-X | Set-X), Where-Object {$_.Prop -eq value}, Select-Object,`,
  `${INDENT}variables ($x = Get-X) and -WhatIf / -Confirm work as in PowerShell.`,
].join('\n');
