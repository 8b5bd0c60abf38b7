// The Export/Import screen's state: what is chosen (the pool's database, the level and file name of
// an export, the archive of an import), which phase it is in, and the transfer under way.

import {EXPORT_LEVELS} from '../../domain/archive-format.js';
import type {ChatState, PersistentChatPool, SqlStore} from '../../domain/types.js';
import {quote} from '../forms/quote.js';
import type {ConsoleTransfer, TransferProgress} from '../session-port.js';

export type TransferMode = 'export' | 'import';
/** choose → (import: preview, the -WhatIf plan with the pool typed to confirm) → running → done. */
export type TransferPhase = 'choose' | 'checking' | 'preview' | 'running' | 'done';

export interface TransferScreen {
  readonly pool: string;
  /** The pool's primary and backup databases, as -DBInstance names them. */
  readonly dbInstances: readonly string[];
  /** The archive entries an export of the pool writes at level All (manifest, documents, one per room). */
  readonly exportEntries: number;
  readonly mode: TransferMode;
  readonly field: number;
  readonly db: number;
  readonly level: number;
  readonly fileName: string;
  readonly archives: readonly string[];
  readonly archive: number;
  readonly phase: TransferPhase;
  readonly preview: readonly string[];
  readonly typed: string;
  readonly error: string | null;
  readonly job: ConsoleTransfer | null;
  readonly progress: TransferProgress | null;
  readonly result: readonly string[];
  readonly failed: boolean;
}

export const FIELDS: Readonly<Record<TransferMode, readonly string[]>> = {
  export: ['DBInstance', 'Level', 'FileName'],
  import: ['DBInstance', 'Archive'],
};

const named = (store: SqlStore | null): string[] => (store ? [`${store.sqlFqdn}\\${store.instance}`] : []);

/** manifest.json and the five documents of level All. */
const DOCUMENTS = 6;

export function openTransfer(
  chat: ChatState,
  pool: PersistentChatPool,
  archives: readonly string[],
  today: string,
): TransferScreen {
  const rooms = chat.rooms.filter((r) => r.poolFqdn === pool.fqdn).length;
  return {
    pool: pool.fqdn,
    dbInstances: [...named(pool.stores.primary), ...named(pool.stores.backup)],
    exportEntries: DOCUMENTS + rooms,
    mode: 'export',
    field: 0,
    db: 0,
    level: 0,
    fileName: `${pool.fqdn}-${today}.zip`,
    archives,
    archive: 0,
    phase: 'choose',
    preview: [],
    typed: '',
    error: null,
    job: null,
    progress: null,
    result: [],
    failed: false,
  };
}

export const fieldName = (s: TransferScreen): string => FIELDS[s.mode][s.field] ?? '';
export const levelOf = (s: TransferScreen): string => EXPORT_LEVELS[s.level] ?? 'All';
export const dbInstanceOf = (s: TransferScreen): string => s.dbInstances[s.db] ?? '';
export const archiveOf = (s: TransferScreen): string | null => s.archives[s.archive] ?? null;

export const exportLine = (s: TransferScreen): string =>
  `Export-CsPersistentChatData -DBInstance ${quote(dbInstanceOf(s))} -FileName ${quote(s.fileName)}` +
  (levelOf(s) === 'All' ? '' : ` -Level ${levelOf(s)}`);

export const importLine = (s: TransferScreen, whatIf: boolean): string =>
  `Import-CsPersistentChatData -DBInstance ${quote(dbInstanceOf(s))} -FileName ${quote(archiveOf(s) ?? '')}` +
  (whatIf ? ' -WhatIf' : '');

/** The value a field shows, and how many choices it cycles through (0 for the typed file name). */
export function fieldValue(s: TransferScreen, name: string): {text: string; choices: number} {
  switch (name) {
    case 'DBInstance':
      return {text: dbInstanceOf(s), choices: s.dbInstances.length};
    case 'Level':
      return {text: levelOf(s), choices: EXPORT_LEVELS.length};
    case 'Archive':
      return {text: archiveOf(s) ?? '(no .zip under exports/)', choices: s.archives.length};
    default:
      return {text: s.fileName, choices: 0};
  }
}

/** Moves the field's choice by `by`, wrapping. */
export function cycle(s: TransferScreen, by: number): TransferScreen {
  const name = fieldName(s);
  const {choices} = fieldValue(s, name);
  if (choices === 0) return s;
  const next = (i: number) => (i + by + choices) % choices;
  if (name === 'DBInstance') return {...s, db: next(s.db)};
  if (name === 'Level') return {...s, level: next(s.level)};
  return {...s, archive: next(s.archive)};
}
