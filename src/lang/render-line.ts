// The command line for a cmdlet and its parameter values, so the console can show (and the
// audit log can keep) the exact line an action ran. Parsing the line gives the values back.

import type {CmdletSpec, ListModifier} from '../cmdlets/types.js';
import {formatTimeSpan} from '../domain/timespan.js';
import {isByteArray, isCredential, isHashtable, isScriptBlock} from './values.js';

const MODIFIER_ORDER = [
  ['replace', 'Replace'],
  ['remove', 'Remove'],
  ['add', 'Add'],
] as const;

/**
 * `renderCommandLine('Set-CsPersistentChatRoom', {Identity: 'pc1\\ItRoom', Disabled: true})`.
 * With the cmdlet's spec, switches render bare (`-Force`) and TimeSpan seconds as "hh:mm:ss";
 * without it, `true` renders as `-Name:$True`, which binds to both switches and Booleans.
 */
export function renderCommandLine(
  cmdlet: string,
  args: Readonly<Record<string, unknown>>,
  spec?: CmdletSpec,
): string {
  const parts = [cmdlet];
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    const type = spec?.params[name]?.type;
    if (typeof value === 'boolean' && (type === 'switch' || type === undefined)) {
      parts.push(value && type === 'switch' ? `-${name}` : `-${name}:${value ? '$True' : '$False'}`);
    } else if (type === 'timespan' && typeof value === 'number') {
      parts.push(`-${name}`, quote(formatTimeSpan(value)));
    } else {
      parts.push(`-${name}`, renderValue(value));
    }
  }
  return parts.join(' ');
}

/** A value as the language writes it; strings are always double-quoted, as in the documentation. */
export function renderValue(value: unknown): string {
  if (value === null) return '$Null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'boolean') return value ? '$True' : '$False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : quote(String(value));
  if (Array.isArray(value)) return renderArray(value as unknown[]);
  if (isScriptBlock(value)) return `{${value.text}}`;
  if (isCredential(value)) return quote(value.userName);
  if (isByteArray(value)) return renderArray([...value.data]);
  if (isHashtable(value))
    return `@{${value.entries.map(([k, v]) => `${renderKey(k)}=${renderValue(v)}`).join('; ')}}`;
  if (isListModifier(value)) {
    const entries = MODIFIER_ORDER.filter(([key]) => value[key] !== undefined).map(
      ([key, label]) => `${label}=${renderArray(value[key]!, true)}`,
    );
    return `@{${entries.join('; ')}}`;
  }
  if (isDateArg(value)) return quote(value.dateOnly ? value.iso.slice(0, 10) : value.iso);
  return quote(JSON.stringify(value) ?? '');
}

/** `"a","b"`; one item as `@("a")` so it stays a list; none as `@()`. Inside a hashtable a bare list is fine. */
function renderArray(items: readonly unknown[], inHashtable = false): string {
  if (items.length === 0) return '@()';
  if (items.length === 1 && !inHashtable) return `@(${renderValue(items[0])})`;
  return items.map((item) => (Array.isArray(item) ? `(${renderValue(item)})` : renderValue(item))).join(',');
}

const renderKey = (key: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : quote(key));

const ESCAPES: Readonly<Record<string, string>> = {
  '\0': '`0',
  '\u0007': '`a',
  '\b': '`b',
  '\u001b': '`e',
  '\f': '`f',
  '\n': '`n',
  '\r': '`r',
  '\t': '`t',
  '\v': '`v',
};

/** Double quotes, with backticks before `"`, `` ` `` and `$` (so real PowerShell reads it the same) and for control characters. */
export function quote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '`' || ch === '$' || ch === '\u201c' || ch === '\u201d' || ch === '\u201e')
      out += `\`${ch}`;
    else if (ESCAPES[ch] !== undefined) out += ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f) out += `\`u{${code.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

const isListModifier = (value: unknown): value is ListModifier => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === 'add' || k === 'remove' || k === 'replace');
};

const isDateArg = (value: unknown): value is {iso: string; dateOnly: boolean} =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as {iso?: unknown}).iso === 'string' &&
  typeof (value as {dateOnly?: unknown}).dateOnly === 'boolean';
