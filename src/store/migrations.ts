// Schema migrations of the state document. A store written by an older pchat is migrated when read
// and written in the new shape by the next commit; one written by a newer pchat is refused, because
// saving it with this version would drop what this version does not know.

import {SCHEMA_VERSION} from '../domain/types.js';
import {damaged} from './decode.js';

export interface Migration {
  readonly from: number;
  readonly to: number;
  /** Takes the raw document of version `from` (already JSON-safe) and returns one of version `to`. */
  readonly migrate: (document: Record<string, unknown>) => Record<string, unknown>;
}

/** Ordered by `from`. Version 1 is the first released shape, so there is nothing to migrate yet. */
export const migrations: readonly Migration[] = [];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Brings a parsed document up to `target`; the result still has to pass the schema. */
export function migrateDocument(
  document: unknown,
  file: string,
  steps: readonly Migration[] = migrations,
  target: number = SCHEMA_VERSION,
): unknown {
  if (!isRecord(document)) return document;
  const found = document['schemaVersion'];
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 1) return document;
  if (found > target)
    throw damaged(
      file,
      `it has schema version ${found}, written by a newer pchat; this pchat knows schema version ${target}. Use the newer pchat`,
    );
  let current: Record<string, unknown> = document;
  let version = found;
  while (version < target) {
    const step = steps.find((m) => m.from === version);
    if (!step)
      throw damaged(file, `it has schema version ${version} and there is no migration from it to ${target}`);
    current = {...step.migrate(current), schemaVersion: step.to};
    version = step.to;
  }
  return current;
}
