// User key overrides (keys.json in the config directory), validated at start. A bad entry becomes
// a start-up warning and its default stays; the console never refuses to start over a key file.

import {readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import secureJson from 'secure-json-parse';
import {z} from 'zod';
import {ACTION_IDS, BINDINGS, type ActionId, type ResolvedBinding, type Scope} from './keymap.js';

const keyList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(4)]);

export const KeysFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  bindings: z.record(z.string(), keyList),
});

export type KeysFile = z.infer<typeof KeysFileSchema>;

const NAMED_KEYS = new Set([
  'up',
  'down',
  'left',
  'right',
  'pgup',
  'pgdn',
  'home',
  'end',
  'enter',
  'esc',
  'tab',
  'shift-tab',
  'space',
  'backspace',
]);

/** Keys that must never change data (k9s #21, #87): Delete/Backspace, Ctrl-D, Ctrl-K, Enter in a list, Esc. */
const NEVER_MUTATES = new Set(['backspace', 'ctrl-d', 'ctrl-k', 'enter', 'esc']);

const isKeyName = (key: string): boolean =>
  NAMED_KEYS.has(key) ||
  /^ctrl-[a-z]$/.test(key) ||
  /^alt-.$/u.test(key) ||
  ([...key].length === 1 && key >= ' ' && key !== '\x7f');

/** Pane scopes are siblings; list, view and global nest inside each other and around every pane. */
const scopesOverlap = (a: Scope, b: Scope): boolean => {
  const nested: readonly Scope[] = ['list', 'view', 'global'];
  return a === b || nested.includes(a) || nested.includes(b);
};

const conflictsWith = (
  keymap: readonly ResolvedBinding[],
  binding: ResolvedBinding,
  key: string,
): ResolvedBinding | undefined =>
  keymap.find(
    (other) =>
      other.id !== binding.id && other.keys.includes(key) && scopesOverlap(other.scope, binding.scope),
  );

export interface ResolvedKeymap {
  readonly keymap: readonly ResolvedBinding[];
  readonly warnings: readonly string[];
}

export function resolveKeymap(file: unknown): ResolvedKeymap {
  const defaults: readonly ResolvedBinding[] = BINDINGS;
  if (file === undefined) return {keymap: defaults, warnings: []};
  const parsed = KeysFileSchema.safeParse(file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      keymap: defaults,
      warnings: [`keys.json ignored: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`],
    };
  }
  const warnings: string[] = [];
  let keymap = [...defaults];
  for (const [written, value] of Object.entries(parsed.data.bindings)) {
    const id = Object.hasOwn(RENAMED, written) ? (RENAMED[written] ?? written) : written;
    if (!(ACTION_IDS as readonly string[]).includes(id)) {
      warnings.push(`keys.json: unknown action "${id}" ignored.`);
      continue;
    }
    const keys = typeof value === 'string' ? [value] : value;
    const index = keymap.findIndex((b) => b.id === id);
    const binding = keymap[index];
    if (!binding) continue;
    const problem = keyProblem(keymap, binding, keys);
    if (problem) {
      warnings.push(`keys.json: ${id}: ${problem}; the default ${binding.keys.join(', ')} stays.`);
      continue;
    }
    keymap = keymap.map((b, i) => (i === index ? {...b, keys} : b));
  }
  return {keymap, warnings};
}

function keyProblem(
  keymap: readonly ResolvedBinding[],
  binding: ResolvedBinding,
  keys: readonly string[],
): string | null {
  for (const key of keys) {
    if (!isKeyName(key)) return `"${key}" is not a key name`;
    if (binding.mutates && NEVER_MUTATES.has(key)) return `"${key}" may not change data`;
    const other = conflictsWith(keymap, binding, key);
    if (other) return `"${key}" is already bound to ${other.id}`;
  }
  return null;
}

export const configDir = (env: Readonly<Record<string, string | undefined>>): string =>
  env['PCHAT_CONFIG_DIR'] || path.join(env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config'), 'pchat');

/** Action ids of earlier versions, so a keys.json written for them keeps working. */
const RENAMED: Readonly<Record<string, ActionId>> = {'app.activity': 'pane.11'};

/** Reads keys.json; a missing file means defaults, an unreadable or malformed one a warning. */
export function loadKeymap(dir: string): ResolvedKeymap {
  const file = path.join(dir, 'keys.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolveKeymap(undefined);
    return {keymap: BINDINGS, warnings: [`${file} could not be read: ${(error as Error).message}`]};
  }
  let json: unknown;
  try {
    json = secureJson.parse(text);
  } catch (error) {
    return {keymap: BINDINGS, warnings: [`${file} is not valid JSON: ${(error as Error).message}`]};
  }
  return resolveKeymap(json);
}

export type {ActionId};
