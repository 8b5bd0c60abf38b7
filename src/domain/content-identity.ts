// Identities of categories, rooms and add-ins (`<pool>\<name>`), short identities, pool
// defaulting and the name and description rules of rooms-and-content.md section 0.1.

import type {ChatState, PersistentChatPool} from './types.js';
import {itemsWithKey} from './collection-index.js';
import {CmdletError} from './errors.js';
import {assertTextField, textFieldProblem} from './text-fields.js';

export type ContentKind = 'Category' | 'Room' | 'Addin';

export interface PooledNamed {
  readonly name: string;
  readonly poolFqdn: string;
}

export const identityOf = (item: PooledNamed): string => `${item.poolFqdn}\\${item.name}`;

/** Names and pools compare without case: two texts are the same when their keys are equal. */
const textKey = (text: string): string => text.toLowerCase();

export const sameText = (a: string, b: string): boolean => textKey(a) === textKey(b);

export const splitIdentity = (identity: string): {readonly pool: string | null; readonly name: string} => {
  const text = identity.trim();
  const slash = text.lastIndexOf('\\');
  return slash < 0
    ? {pool: null, name: text}
    : {pool: text.slice(0, slash).trim(), name: text.slice(slash + 1).trim()};
};

const KIND_WORDS: Readonly<Record<ContentKind, string>> = {
  Category: 'category',
  Room: 'chat room',
  Addin: 'add-in',
};

export const kindWord = (kind: ContentKind): string => KIND_WORDS[kind];

export const notFound = (kind: ContentKind, identity: string, parameter = 'Identity'): CmdletError =>
  new CmdletError(`${kind}NotFound`, `No ${kindWord(kind)} with the identity "${identity}" exists.`, {
    target: identity,
    parameter,
  });

// The key of each item's name, kept per item: a state's items are never mutated and a commit
// shares the unchanged ones with the state before, so no name is lowered twice. Lookups by name
// search the items' index by this key (collection-index.ts), not the 10,000 rooms.
const nameKeys = new WeakMap<PooledNamed, string>();

const nameKeyOf = (item: PooledNamed): string => {
  let key = nameKeys.get(item);
  if (key === undefined) {
    key = textKey(item.name);
    nameKeys.set(item, key);
  }
  return key;
};

/** Resolves `<pool>\<name>` or a short name (unique across pools) to one item. */
export const findByIdentity = <T extends PooledNamed>(
  items: readonly T[],
  identity: string,
  kind: ContentKind,
  parameter = 'Identity',
): T => {
  const {pool, name} = splitIdentity(identity);
  const key = textKey(name);
  const hits = itemsWithKey(items, nameKeyOf, key).filter((i) => pool === null || sameText(i.poolFqdn, pool));
  if (hits.length === 1 && hits[0]) return hits[0];
  if (hits.length === 0) throw notFound(kind, identity, parameter);
  throw new CmdletError(
    'AmbiguousIdentity',
    `The ${kindWord(kind)} name "${name}" exists in several pools (${hits.map((h) => h.poolFqdn).join(', ')}); give the identity as <pool>\\${name}.`,
    {target: identity, parameter},
  );
};

export const findPool = (
  state: ChatState,
  fqdn: string,
  parameter = 'PersistentChatPoolFqdn',
): PersistentChatPool => {
  const pool = state.topology.persistentChatPools.find((p) => sameText(p.fqdn, fqdn.trim()));
  if (!pool)
    throw new CmdletError('PoolNotFound', `"${fqdn}" is not a Persistent Chat pool of this deployment.`, {
      target: fqdn,
      parameter,
    });
  return pool;
};

/** The given pool, or the only pool; with several pools and none given, PoolRequired. */
export const resolvePool = (
  state: ChatState,
  fqdn: string | null | undefined,
  parameter = 'PersistentChatPoolFqdn',
): PersistentChatPool => {
  if (fqdn) return findPool(state, fqdn, parameter);
  const pools = state.topology.persistentChatPools;
  if (pools.length === 1 && pools[0]) return pools[0];
  if (pools.length === 0)
    throw new CmdletError('PoolNotFound', 'This deployment has no Persistent Chat pool.', {parameter});
  throw new CmdletError(
    'PoolRequired',
    `There are ${pools.length} Persistent Chat pools (${pools.map((p) => p.fqdn).join(', ')}); name one with -${parameter}.`,
    {parameter},
  );
};

export const validateName = (raw: string, kind: ContentKind, parameter = 'Name'): string => {
  const name = raw.trim();
  const problem =
    name === ''
      ? 'it is empty'
      : name.includes('\\')
        ? 'it contains a backslash'
        : textFieldProblem(name, 'name');
  if (problem)
    throw new CmdletError('InvalidName', `"${raw}" cannot be used as a ${kindWord(kind)} name: ${problem}.`, {
      target: raw,
      parameter,
    });
  return name;
};

/** `$Null` and `""` clear a description. */
export const validateDescription = (raw: string | null, parameter = 'Description'): string | null => {
  if (raw === null || raw === '') return null;
  assertTextField(raw, parameter, 'description');
  return raw;
};

/** Unique per pool and kind (I3); a room may not share a category's name and vice versa. */
export const assertNameFree = (
  state: ChatState,
  kind: ContentKind,
  poolFqdn: string,
  name: string,
  exceptId: string | null,
): void => {
  const key = textKey(name);
  // The name first: the items' index by name gives the few that share it, not the 10,000 rooms.
  const inPool = (items: readonly (PooledNamed & {readonly id: string})[]) =>
    itemsWithKey(items, nameKeyOf, key).find((i) => i.id !== exceptId && sameText(i.poolFqdn, poolFqdn));
  const own: readonly (PooledNamed & {readonly id: string})[] =
    kind === 'Category' ? state.categories : kind === 'Room' ? state.rooms : state.addins;
  if (inPool(own)) {
    throw new CmdletError(
      'DuplicateName',
      `A ${kindWord(kind)} named "${name}" already exists in pool ${poolFqdn}.`,
      {target: `${poolFqdn}\\${name}`, parameter: 'Name'},
    );
  }
  const clash =
    kind === 'Category' ? inPool(state.rooms) : kind === 'Room' ? inPool(state.categories) : undefined;
  if (clash) {
    const other = kind === 'Category' ? 'chat room' : 'category';
    throw new CmdletError(
      'NameConflict',
      `A ${other} named "${name}" exists in pool ${poolFqdn}; rooms and categories cannot share a name.`,
      {
        target: `${poolFqdn}\\${name}`,
        parameter: 'Name',
      },
    );
  }
};
