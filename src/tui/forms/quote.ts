// Writing values into a cmdlet line, the way the language renders them (double-quoted strings
// with backtick escapes, $True/$False, $Null, @{Add=...; Remove=...}), so the line the console
// shows and the audit log keeps reads like the documentation.

import {quote as renderString, renderValue} from '../../lang/render-line.js';

export const quote = renderString;

export const bool = (value: boolean): string => (value ? '$True' : '$False');

export const quoteList = (values: readonly string[]): string => renderValue(values);

export const listModifier = (add: readonly string[], remove: readonly string[]): string =>
  renderValue({...(remove.length > 0 ? {remove} : {}), ...(add.length > 0 ? {add} : {})});

/** `@{Replace="a","b"}` and the like. */
export const modifier = (key: 'add' | 'remove' | 'replace', values: readonly string[]): string =>
  renderValue({[key]: values});
