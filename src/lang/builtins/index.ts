// The commands of the language itself, listed by Get-Command and Get-Help like the cmdlets.

import type {CmdletSpec} from '../../cmdlets/types.js';
import {getCommand} from './get-command.js';
import {getCredential} from './get-credential.js';
import {formatList, formatTable} from './format-table.js';
import {getHelp} from './get-help.js';
import {selectObject} from './select-object.js';
import {whereObject} from './where-object.js';

export const builtinCommands: readonly CmdletSpec[] = [
  whereObject,
  selectObject,
  getHelp,
  getCommand,
  getCredential,
  formatTable,
  formatList,
];

/** The usual PowerShell aliases of the builtins. */
export const COMMAND_ALIASES: Readonly<Record<string, string>> = {
  where: 'Where-Object',
  '?': 'Where-Object',
  select: 'Select-Object',
  help: 'Get-Help',
  gcm: 'Get-Command',
  ft: 'Format-Table',
  fl: 'Format-List',
};
