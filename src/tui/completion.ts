// Completion for command mode: cmdlet names, parameter names (from the cmdlet table) and object
// identities (from the data, by ParamSpec.completes). Pure: text in, whole-line candidates out.

import Fuse from 'fuse.js';
import type {CmdletSpec, ParamSpec} from '../cmdlets/types.js';
import type {ChatState} from '../domain/types.js';
import {commandsFor} from '../lang/evaluate.js';
import {findCommand} from '../lang/run-pipeline.js';
import {identitiesOf} from './completion-sources.js';
import {quote} from './forms/quote.js';

export interface CompletionContext {
  readonly catalog: readonly CmdletSpec[];
  readonly state: ChatState;
  /** Console commands (`quit`, pane names, keymap ids), offered for the first word only. */
  readonly commands: readonly string[];
}

interface Parsed {
  /** Words of the current statement before the word being typed. */
  readonly prior: readonly string[];
  /** The word being typed (may be empty, may start with a quote). */
  readonly current: string;
  readonly firstStatement: boolean;
}

/** Splits at unquoted `|` and `;`, then into words, honouring '...' and "..." quotes. */
export function parseForCompletion(text: string): Parsed {
  let quoteChar: string | null = null;
  let start = 0;
  let firstStatement = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoteChar) {
      if (ch === quoteChar) quoteChar = null;
    } else if (ch === "'" || ch === '"') quoteChar = ch;
    else if (ch === '|' || ch === ';') {
      start = i + 1;
      firstStatement = false;
    }
  }
  const words: string[] = [];
  let word = '';
  quoteChar = null;
  for (const ch of text.slice(start)) {
    if (quoteChar) {
      word += ch;
      if (ch === quoteChar) quoteChar = null;
    } else if (ch === "'" || ch === '"') {
      quoteChar = ch;
      word += ch;
    } else if (/\s/.test(ch)) {
      if (word !== '') words.push(word);
      word = '';
    } else word += ch;
  }
  return {prior: words, current: word, firstStatement};
}

const startsWithCi = (value: string, prefix: string) => value.toLowerCase().startsWith(prefix.toLowerCase());

const unquote = (word: string): string => word.replace(/^['"]/, '').replace(/['"]$/, '');

const asValue = (v: string): string => (/^[A-Za-z0-9_.:@$-]+$/.test(v) && !v.startsWith('-') ? v : quote(v));

function match(options: readonly string[], typed: string, fuzzy: boolean): string[] {
  const prefix = options.filter((o) => startsWithCi(o, typed));
  if (prefix.length > 0 || !fuzzy || typed === '') return prefix;
  return new Fuse([...options], {threshold: 0.4, ignoreLocation: true}).search(typed).map((r) => r.item);
}

function paramNamed(cmdlet: CmdletSpec, word: string): [string, ParamSpec] | undefined {
  const name = word.replace(/^-/, '').replace(/:.*$/, '').toLowerCase();
  const entries = Object.entries(cmdlet.params);
  return (
    entries.find(([n]) => n.toLowerCase() === name) ??
    (entries.filter(([n]) => n.toLowerCase().startsWith(name)).length === 1
      ? entries.find(([n]) => n.toLowerCase().startsWith(name))
      : undefined)
  );
}

function valuesFor(spec: ParamSpec, state: ChatState): string[] {
  if (spec.values) return [...spec.values];
  if (spec.type === 'bool') return ['$True', '$False'];
  if (spec.completes) return identitiesOf(spec.completes, state);
  return [];
}

function wordCandidates(parsed: Parsed, ctx: CompletionContext): {options: string[]; param: boolean} {
  const {prior, current} = parsed;
  // The cmdlet table and the language's own commands, found the way the language finds them (aliases too).
  const commands = commandsFor(ctx.catalog);
  const find = (name: string) => findCommand(commands, name);
  if (prior.length === 0) {
    const names = [...commands.map((c) => c.name), ...(parsed.firstStatement ? ctx.commands : [])];
    return {options: match(names, current, true), param: true};
  }
  const cmdlet = find(prior[0] ?? '');
  if (!cmdlet) return {options: [], param: false};
  if (current.startsWith('-')) {
    const used = new Set(prior.filter((w) => w.startsWith('-')).map((w) => paramNamed(cmdlet, w)?.[0]));
    const names = [
      ...Object.keys(cmdlet.params),
      ...(cmdlet.supportsShouldProcess ? ['WhatIf', 'Confirm'] : []),
    ].filter((n) => !used.has(n));
    return {options: match(names, current.slice(1), false).map((n) => `-${n}`), param: true};
  }
  const previous = prior[prior.length - 1] ?? '';
  const spec =
    previous.startsWith('-') && !previous.includes(':') ? paramNamed(cmdlet, previous)?.[1] : undefined;
  const target =
    spec && spec.type !== 'switch'
      ? spec
      : Object.values(cmdlet.params)
          .filter((p) => p.position !== undefined && p.completes)
          .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))[0];
  if (!target || (prior.length > 1 && !spec && !previous.startsWith('-'))) return {options: [], param: false};
  return {options: match(valuesFor(target, ctx.state), unquote(current), true).map(asValue), param: true};
}

/** Whole-line candidates for `text`, best first. */
export function complete(text: string, ctx: CompletionContext): string[] {
  const parsed = parseForCompletion(text);
  const {options, param} = wordCandidates(parsed, ctx);
  const head = text.slice(0, text.length - parsed.current.length);
  return options.slice(0, 50).map((o) => `${head}${o}${param ? ' ' : ''}`);
}

/** The dimmed text shown after the cursor: the rest of the candidate when it extends what was typed. */
export function inlineSuggestion(text: string, candidate: string | undefined): string {
  if (!candidate || candidate.length <= text.length) return '';
  return startsWithCi(candidate, text) ? candidate.slice(text.length) : '';
}
