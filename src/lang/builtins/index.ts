// The commands of the language itself, listed by Get-Command and Get-Help like the cmdlets.

import type {CmdletSpec} from '../../cmdlets/types.js';
import {foreachObject} from './foreach-object.js';
import {writeOutput} from './write-output.js';
import {writeHost} from './write-host.js';
import {writeWarning} from './write-warning.js';
import {outString} from './out-string.js';
import {convertToJson} from './convertto-json.js';
import {convertFromJson} from './convertfrom-json.js';
import {convertToCsv} from './convertto-csv.js';
import {exportCsv} from './export-csv.js';
import {outFile} from './out-file.js';
import {getDate} from './get-date.js';
import {getCommand} from './get-command.js';
import {getCredential} from './get-credential.js';
import {formatList, formatTable} from './format-table.js';
import {getHelp} from './get-help.js';
import {groupObject} from './group-object.js';
import {measureObject} from './measure-object.js';
import {selectObject} from './select-object.js';
import {sortObject} from './sort-object.js';
import {whereObject} from './where-object.js';

export const builtinCommands: readonly CmdletSpec[] = [
  whereObject,
  selectObject,
  getHelp,
  getCommand,
  getCredential,
  formatTable,
  formatList,
  foreachObject,
  sortObject,
  measureObject,
  groupObject,
  writeOutput,
  writeHost,
  writeWarning,
  outString,
  convertToJson,
  convertFromJson,
  convertToCsv,
  exportCsv,
  outFile,
  getDate,
];

export {COMMAND_ALIASES} from './command-aliases.js';
