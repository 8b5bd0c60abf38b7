// The width `pchat exec` lays tables and lists out to (Format-Table, Format-List): COLUMNS when it
// is set, as `ls` honours it, else the terminal's width; without either (output to a file or a
// pipe), 120 columns, the width Windows PowerShell formats to when it has no console.

import {DEFAULT_WIDTH} from '../lang/present/format-view.js';

export function outputWidth(env: NodeJS.ProcessEnv, stdout: {isTTY?: boolean; columns?: number}): number {
  const fromEnv = Number(env['COLUMNS']);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  if (stdout.isTTY === true && stdout.columns !== undefined && stdout.columns > 0) return stdout.columns;
  return DEFAULT_WIDTH;
}
