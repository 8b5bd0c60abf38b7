// One object as PowerShell's list view writes it: `Name : Value` lines, names padded by display
// width to the widest name of the object. Given a width (Format-List), a value too long for the
// line continues on the next lines, indented to where the values start, as Windows PowerShell's
// list writer does; a name too long for the line is cut.

import type {Value} from '../../cmdlets/types.js';
import {displaySafe} from '../display-safe.js';
import {headOf, padCell, stringWidth} from './fit-cell.js';
import {inlineValue} from './inline-value.js';
import {wrapText} from './wrap-text.js';

const SEPARATOR = ' : ';

export function listBlock(
  entries: readonly (readonly [string, Value | undefined])[],
  width = Infinity,
): string[] {
  const names = entries.map(([name]) => displaySafe(name));
  // Room for at least one column of value, as PowerShell keeps.
  const labelWidth = Math.min(Math.max(0, ...names.map((name) => stringWidth(name))), width - 4);
  const valueWidth = width - labelWidth - SEPARATOR.length;
  const indent = ' '.repeat(labelWidth + SEPARATOR.length);
  return entries.flatMap(([, value], i) => {
    const label = padCell(headOf(names[i]!, labelWidth), labelWidth) + SEPARATOR;
    const [first = '', ...more] = wrapText(inlineValue(value), valueWidth);
    return [`${label}${first}`.trimEnd(), ...more.map((line) => `${indent}${line}`)];
  });
}
