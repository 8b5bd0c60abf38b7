// ~/.pgpass (or PGPASSFILE), read as libpq reads it, and ignored when its group or others may read
// it. pg 8 reads it too but warns on every use that it will stop: the lookup is done here, with the
// same pgpass module, and handed to pg as its password function (pg calls it with the connection's
// parameters, though its types say no argument). PGPASSWORD, when set, wins.

import {createRequire} from 'node:module';
import type {ClientConfig} from 'pg';

type Lookup = (params: unknown, found: (password: string | undefined) => void) => void;

const fromPg = createRequire(createRequire(import.meta.url).resolve('pg'));

/** Where the worker thread loads the module from (query-worker.ts does the same as withPgpass). */
export const pgpassModulePath = (): string => fromPg.resolve('pgpass');

export function withPgpass(config: ClientConfig, env: NodeJS.ProcessEnv = process.env): ClientConfig {
  if (config.password !== undefined || env['PGPASSWORD']) return config;
  const lookup = fromPg('pgpass') as Lookup;
  return {
    ...config,
    password: (params?: unknown) => new Promise<string>((resolve) => lookup(params, (p) => resolve(p ?? ''))),
  };
}
