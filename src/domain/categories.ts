// Category operations (rooms-and-content.md section 2): Get/New/Set/Remove-CsPersistentChatCategory.

import type {Category, ChatState} from './types.js';
import {CmdletError} from './errors.js';
import {
  assertNameFree,
  findByIdentity,
  identityOf,
  resolvePool,
  sameText,
  validateDescription,
  validateName,
} from './content-identity.js';
import {applyListChange, type ListChange} from './list-modifier.js';
import {entryInScope, type Scope} from './membership.js';
import {parsePrincipal} from './principals.js';
import {replaceItems} from './collection-index.js';

export const findCategory = (state: ChatState, identity: string, parameter = 'Identity'): Category =>
  findByIdentity(state.categories, identity, 'Category', parameter);

/** Pool, then name order (spec: proposed). */
export const byPoolThenName = <T extends {readonly poolFqdn: string; readonly name: string}>(
  a: T,
  b: T,
): number =>
  a.poolFqdn.toLowerCase().localeCompare(b.poolFqdn.toLowerCase()) ||
  a.name.toLowerCase().localeCompare(b.name.toLowerCase());

export interface GetCategoriesInput {
  readonly identity?: string;
  readonly poolFqdn?: string;
}

export const getCategories = (state: ChatState, input: GetCategoriesInput): readonly Category[] => {
  if (input.identity !== undefined && input.poolFqdn !== undefined) {
    throw new CmdletError('ParameterConflict', 'Use -Identity or -PersistentChatPoolFqdn, not both.', {
      parameter: 'PersistentChatPoolFqdn',
    });
  }
  if (input.identity !== undefined) return [findCategory(state, input.identity)];
  const pool = input.poolFqdn === undefined ? null : resolvePool(state, input.poolFqdn);
  return state.categories.filter((c) => !pool || sameText(c.poolFqdn, pool.fqdn)).toSorted(byPoolThenName);
};

export interface NewCategoryInput {
  readonly name: string;
  readonly poolFqdn?: string | null;
  readonly description?: string | null;
  readonly enableFileUpload?: boolean;
  readonly enableInvitations?: boolean;
  readonly removeChatHistory?: boolean;
  readonly id: string;
  readonly rev: number;
}

export const newCategory = (
  state: ChatState,
  input: NewCategoryInput,
): {state: ChatState; output: Category} => {
  const name = validateName(input.name, 'Category');
  const pool = resolvePool(state, input.poolFqdn);
  assertNameFree(state, 'Category', pool.fqdn, name, null);
  const category: Category = {
    id: input.id,
    name,
    poolFqdn: pool.fqdn,
    description: validateDescription(input.description ?? null),
    invitations: input.enableInvitations ?? false,
    fileUpload: input.enableFileUpload ?? false,
    chatHistory: !(input.removeChatHistory ?? false),
    allowedMembers: [],
    deniedMembers: [],
    creators: [],
    disabled: false,
    rev: input.rev,
  };
  return {state: {...state, categories: [...state.categories, category]}, output: category};
};

export interface SetCategoryInput {
  readonly identity: string;
  readonly name?: string;
  /** null clears. */
  readonly description?: string | null;
  readonly invitations?: boolean;
  readonly fileUpload?: boolean;
  readonly chatHistory?: boolean;
  readonly allowedMembers?: ListChange | null;
  readonly deniedMembers?: ListChange | null;
  readonly creators?: ListChange | null;
  /** Display names accepted in the lists. */
  readonly asObject?: boolean;
  readonly rev: number;
}

const listsOf = (state: ChatState, category: Category, input: SetCategoryInput) => {
  const stored = (parameter: string) => (raw: string) =>
    parsePrincipal(state.directory, raw, parameter, input.asObject).value;
  const allowed = applyListChange(category.allowedMembers, input.allowedMembers, stored('AllowedMembers'));
  const denied = applyListChange(category.deniedMembers, input.deniedMembers, stored('DeniedMembers'));
  const creators = applyListChange(category.creators, input.creators, stored('Creators'));
  // R5 against the lists as they are after this command; R6: creators already there are not re-checked.
  const scope: Scope = {allowed: allowed.list, denied: denied.list};
  const outside = creators.added.filter((c) => !entryInScope(state.directory, scope, c));
  if (outside.length > 0) {
    throw new CmdletError(
      'PrincipalNotInScope',
      `${outside.join(', ')} cannot be a creator of category ${identityOf(category)}: creators must be covered by AllowedMembers and not by DeniedMembers.`,
      {target: identityOf(category), parameter: 'Creators'},
    );
  }
  return {allowed, denied, creators};
};

/** Applies every change atomically; returns the same state when nothing changed. */
export const setCategory = (
  state: ChatState,
  input: SetCategoryInput,
): {state: ChatState; output: Category} => {
  const category = findCategory(state, input.identity);
  const name = input.name === undefined ? category.name : validateName(input.name, 'Category');
  if (name !== category.name) assertNameFree(state, 'Category', category.poolFqdn, name, category.id);
  const {allowed, denied, creators} = listsOf(state, category, input);
  const next: Category = {
    ...category,
    name,
    description:
      input.description === undefined ? category.description : validateDescription(input.description),
    invitations: input.invitations ?? category.invitations,
    fileUpload: input.fileUpload ?? category.fileUpload,
    chatHistory: input.chatHistory ?? category.chatHistory,
    allowedMembers: allowed.list,
    deniedMembers: denied.list,
    creators: creators.list,
  };
  const changed = (Object.keys(next) as (keyof Category)[]).some((k) => next[k] !== category[k]);
  if (!changed) return {state, output: category};
  const saved = {...next, rev: input.rev};
  return {
    state: {...state, categories: replaceItems(state.categories, new Map([[category, saved]]))},
    output: saved,
  };
};

/** A category that still holds rooms (enabled or disabled) is never removed (I4). */
export const removeCategory = (
  state: ChatState,
  input: {readonly identity: string},
): {state: ChatState; output: Category} => {
  const category = findCategory(state, input.identity);
  const rooms = state.rooms.filter((r) => r.categoryId === category.id);
  if (rooms.length > 0) {
    throw new CmdletError(
      'CategoryNotEmpty',
      `Category ${identityOf(category)} still holds ${rooms.length === 1 ? 'a room' : `${rooms.length} rooms`} (${rooms.map((r) => r.name).join(', ')}); remove or move them first.`,
      {target: identityOf(category)},
    );
  }
  return {
    state: {...state, categories: state.categories.filter((c) => c.id !== category.id)},
    output: category,
  };
};
