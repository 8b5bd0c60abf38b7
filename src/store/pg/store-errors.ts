// What a failure of the server or of the connection means for the operator, as the store's errors
// (exit 3): every message names the store by its URL without a password.

import {StoreError} from '../port.js';
import {QueryFailed} from './query-bridge.js';
import {redactUrl} from './target.js';

/** `stage`: before the commit was sent (nothing written) or while COMMIT was on its way (unknown). */
export function storeErrorOf(error: unknown, label: string, stage: 'before' | 'commit' = 'before'): Error {
  if (!(error instanceof QueryFailed)) return error instanceof Error ? error : new Error(String(error));
  const reason = redactUrl(error.message);
  const code = error.code ?? '';
  const at = `PostgreSQL at ${label}`;
  if (code === '55P03')
    return new StoreError(
      'StoreLocked',
      `Another operator's commit held the store at ${label} for too long. Nothing was saved; run the command again.`,
      label,
    );
  if (code === '3D000' || code === '42P01')
    return new StoreError(
      'StoreNotFound',
      `There is no pchat store at ${label} (${reason}). Create one with: pchat init --store ${label}`,
      label,
    );
  if (code === '57014')
    return new StoreError(
      'StoreIoError',
      `${at} took too long to answer (${reason}). Nothing was saved.`,
      label,
    );
  if (/password must be a (non-empty )?string/i.test(reason))
    return new StoreError(
      'StoreUnsafe',
      `${at} asks for a password: give it in PGPASSWORD or ~/.pgpass (mode 0600; not in the URL).`,
      label,
    );
  if (code.startsWith('28'))
    return new StoreError(
      'StoreUnsafe',
      `${at} refused the connection: ${reason}. Give the password in PGPASSWORD or ~/.pgpass (mode 0600).`,
      label,
    );
  // No SQLSTATE (ECONNREFUSED, a closed socket ...): the connection itself failed.
  const lost = !/^[0-9A-Z]{5}$/.test(code) || code.startsWith('08') || code.startsWith('57P');
  if (lost && stage === 'commit')
    return new StoreError(
      'StoreIoError',
      `The connection to ${at} was lost while the commit was sent (${reason}): it was saved whole or not at all. Run a Get to see which.`,
      label,
    );
  if (lost)
    return new StoreError(
      'StoreIoError',
      `Cannot reach ${at}: ${reason}. Nothing was saved; check the server and the network, then run the command again.`,
      label,
    );
  return new StoreError(
    'StoreIoError',
    `${at} refused the command: ${reason} [${code}]. Nothing was saved.`,
    label,
  );
}
