import {describe, expect, it} from 'vitest';
import {migrateDocument, migrations, type Migration} from '../../src/store/migrations.js';
import {SCHEMA_VERSION} from '../../src/domain/types.js';

const steps: Migration[] = [
  {from: 1, to: 2, migrate: (doc) => ({...doc, addins: doc['addins'] ?? []})},
  {from: 2, to: 3, migrate: ({legacy: _legacy, ...doc}) => doc},
];

const thrown = (action: () => unknown): Error => {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('schema migrations', () => {
  it('has a step from every version below the current one', () => {
    for (let v = 1; v < SCHEMA_VERSION; v += 1)
      expect(migrations.some((m) => m.from === v && m.to === v + 1)).toBe(true);
  });

  it('runs each step in order from the version found up to the target', () => {
    const migrated = migrateDocument({schemaVersion: 1, legacy: true}, 'state.json', steps, 3);
    expect(migrated).toEqual({schemaVersion: 3, addins: []});
  });

  it('leaves a document of the current version as it is', () => {
    const doc = {schemaVersion: 3, rooms: []};
    expect(migrateDocument(doc, 'state.json', steps, 3)).toBe(doc);
  });

  it('refuses a newer version, naming both versions', () => {
    const error = thrown(() => migrateDocument({schemaVersion: 4}, '/s/state.json', steps, 3));
    expect(error).toMatchObject({code: 'StoreDamaged', path: '/s/state.json'});
    expect(error.message).toMatch(/version 4.*version 3/);
  });

  it('refuses a version it has no path from', () => {
    const error = thrown(() => migrateDocument({schemaVersion: 1}, 'state.json', steps.slice(1), 3));
    expect(error).toMatchObject({code: 'StoreDamaged'});
    expect(error.message).toMatch(/no migration from it/);
  });

  it.each([null, 'text', [], {schemaVersion: 'one'}])('leaves %j for the schema to refuse', (doc) => {
    expect(migrateDocument(doc, 'state.json', steps, 3)).toBe(doc);
  });
});
