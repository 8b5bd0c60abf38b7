// The cluster the PostgreSQL project's global setup started, for a test file: a database of its own.

import {randomBytes} from 'node:crypto';
import {inject} from 'vitest';
import {createDatabase} from './pg-cluster.js';
import './pg-global-setup.js';

/** A new database on the test cluster; throws the reason when there is no cluster. */
export function newDatabase(): string {
  const provided = inject('pgCluster');
  if (provided.url === null || provided.bin === null)
    throw new Error(`The PostgreSQL tests need a server: ${provided.problem ?? 'none was started'}`);
  const base = provided.url;
  return createDatabase(
    {bin: provided.bin, url: (database = 'postgres') => base.replace(/\/[^/]*$/, `/${database}`)},
    `t_${randomBytes(6).toString('hex')}`,
  );
}

export function clusterBin(): string {
  const bin = inject('pgCluster').bin;
  if (bin === null) throw new Error('The PostgreSQL tests need a server.');
  return bin;
}
