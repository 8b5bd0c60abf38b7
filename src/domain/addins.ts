// Add-in operations (rooms-and-content.md section 4): registered URLs that clients show beside a room.

import type {Addin, ChatState} from './types.js';
import {CmdletError} from './errors.js';
import {
  assertNameFree,
  findByIdentity,
  identityOf,
  resolvePool,
  sameText,
  validateName,
} from './content-identity.js';
import {byPoolThenName} from './categories.js';
import {textFieldProblem} from './text-fields.js';
import {replaceItems} from './collection-index.js';

export const findAddin = (state: ChatState, identity: string, parameter = 'Identity'): Addin =>
  findByIdentity(state.addins, identity, 'Addin', parameter);

/** Absolute http or https URLs only (doc); anything else is InvalidUrl. */
export const validateUrl = (raw: string): string => {
  const text = raw.trim();
  const url = URL.canParse(text) ? new URL(text) : null;
  const problem = textFieldProblem(text, 'url');
  const ok =
    url !== null &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    // WHATWG URL parsing silently drops tabs and newlines; refuse them and other spaces instead.
    !/\s/.test(text) &&
    problem === null;
  if (!ok) {
    const why = problem === null ? '' : `: ${problem}`;
    throw new CmdletError('InvalidUrl', `"${raw}" is not an absolute http:// or https:// URL${why}.`, {
      target: raw,
      parameter: 'Url',
    });
  }
  return text;
};

export const getAddins = (
  state: ChatState,
  input: {readonly identity?: string; readonly poolFqdn?: string},
): readonly Addin[] => {
  if (input.identity !== undefined && input.poolFqdn !== undefined) {
    throw new CmdletError('ParameterConflict', 'Use -Identity or -PersistentChatPoolFqdn, not both.', {
      parameter: 'PersistentChatPoolFqdn',
    });
  }
  if (input.identity !== undefined) return [findAddin(state, input.identity)];
  const pool = input.poolFqdn === undefined ? null : resolvePool(state, input.poolFqdn);
  return state.addins.filter((a) => !pool || sameText(a.poolFqdn, pool.fqdn)).toSorted(byPoolThenName);
};

export interface NewAddinInput {
  readonly name: string;
  readonly url: string;
  readonly poolFqdn?: string | null;
  readonly id: string;
  readonly rev: number;
}

export const newAddin = (state: ChatState, input: NewAddinInput): {state: ChatState; output: Addin} => {
  const name = validateName(input.name, 'Addin');
  const url = validateUrl(input.url);
  const pool = resolvePool(state, input.poolFqdn);
  assertNameFree(state, 'Addin', pool.fqdn, name, null);
  const addin: Addin = {id: input.id, name, poolFqdn: pool.fqdn, url, rev: input.rev};
  return {state: {...state, addins: [...state.addins, addin]}, output: addin};
};

export interface SetAddinInput {
  readonly identity: string;
  readonly name?: string;
  readonly url?: string;
  readonly rev: number;
}

/** Rooms link add-ins by id, so a rename keeps every room attached. */
export const setAddin = (state: ChatState, input: SetAddinInput): {state: ChatState; output: Addin} => {
  const addin = findAddin(state, input.identity);
  const name = input.name === undefined ? addin.name : validateName(input.name, 'Addin');
  if (name !== addin.name) assertNameFree(state, 'Addin', addin.poolFqdn, name, addin.id);
  const url = input.url === undefined ? addin.url : validateUrl(input.url);
  if (name === addin.name && url === addin.url) return {state, output: addin};
  const saved: Addin = {...addin, name, url, rev: input.rev};
  return {state: {...state, addins: replaceItems(state.addins, new Map([[addin, saved]]))}, output: saved};
};

export interface RemoveAddinResult {
  readonly state: ChatState;
  readonly output: Addin;
  /** Identities of the rooms that were detached (with -Force). */
  readonly detached: readonly string[];
}

/** Spec note: an add-in still in use is refused without -Force; with it, its rooms are detached. */
export const removeAddin = (
  state: ChatState,
  input: {readonly identity: string; readonly force?: boolean; readonly rev: number},
): RemoveAddinResult => {
  const addin = findAddin(state, input.identity);
  const users = state.rooms.filter((r) => r.addinId === addin.id);
  if (users.length > 0 && !input.force) {
    throw new CmdletError(
      'AddinInUse',
      `Add-in ${identityOf(addin)} is still used by ${users.map(identityOf).join(', ')}; add -Force to remove it and detach those rooms.`,
      {target: identityOf(addin)},
    );
  }
  const rooms = state.rooms.map((r) => (r.addinId === addin.id ? {...r, addinId: null, rev: input.rev} : r));
  return {
    state: {
      ...state,
      addins: state.addins.filter((a) => a.id !== addin.id),
      rooms: users.length > 0 ? rooms : state.rooms,
    },
    output: addin,
    detached: users.map(identityOf),
  };
};
