// The body of the PostgreSQL worker thread (query-bridge.ts starts it from this function's source,
// as zip-bridge.ts does). It holds the store's one connection and runs the statements it is sent,
// in order, then posts the rows of each and wakes the waiting thread through workerData.signal.
// A connection that broke (the server went away) is dropped and opened again for the next request:
// the transaction it held is gone with it, which the server rolls back.

import type * as Threads from 'node:worker_threads';
import type * as Pg from 'pg';
import type {QueryAnswer, QueryRequest} from './query-bridge.js';

type Load = (id: string) => unknown;

export function queryWorkerMain(load: Load): void {
  const threads = load('node:worker_threads') as typeof Threads;
  const data = threads.workerData as {
    port: Threads.MessagePort;
    signal: Int32Array;
    pgPath: string;
    pgpassPath: string;
    config: Pg.ClientConfig;
  };
  const pg = load(data.pgPath) as typeof Pg;
  // As pgpass.ts's withPgpass: a function cannot be sent to the worker, so it is made here.
  type Lookup = (params: unknown, found: (password: string | undefined) => void) => void;
  if (data.config.password === undefined && !process.env['PGPASSWORD']) {
    const lookup = load(data.pgpassPath) as Lookup;
    data.config.password = (params?: unknown) =>
      new Promise<string>((resolve) => lookup(params, (p) => resolve(p ?? '')));
  }
  let client: Pg.Client | null = null;
  /** Counts the connections made: a transaction names the one it began on. */
  let made = 0;

  const connected = async (): Promise<Pg.Client> => {
    if (client) return client;
    const fresh = new pg.Client(data.config);
    fresh.on('error', () => {
      if (client === fresh) client = null;
    });
    try {
      await fresh.connect();
    } catch (error) {
      void fresh.end().catch(() => undefined);
      throw error;
    }
    client = fresh;
    made += 1;
    return fresh;
  };

  const answer = (reply: QueryAnswer): void => {
    data.port.postMessage(reply);
    Atomics.store(data.signal, 0, 1);
    Atomics.notify(data.signal, 0);
  };

  data.port.on('message', (request: QueryRequest) => {
    void (async () => {
      const results: {rows: Record<string, unknown>[]; rowCount: number}[] = [];
      try {
        if (request.connection !== undefined && (client === null || request.connection !== made))
          throw new Error('the connection to the server was lost in the middle of the transaction');
        const c = await connected();
        for (const statement of request.statements) {
          const result = await c.query({text: statement.sql, values: [...statement.params]});
          results.push({rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0});
        }
        answer({ok: true, results, connection: made});
      } catch (error) {
        const e = error as {message?: string; code?: string};
        // No SQLSTATE: the connection itself failed; the next request opens a new one.
        if (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code) || /^(08|57P)/.test(e.code)) {
          const broken = client;
          client = null;
          void broken?.end().catch(() => undefined);
        }
        answer({
          ok: false,
          message: String(e.message ?? error),
          code: typeof e.code === 'string' ? e.code : null,
        });
      }
    })();
  });
}
