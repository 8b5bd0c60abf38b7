// The store's ports are synchronous (a cmdlet scans the message log while it runs under the store's
// lock), and the pg client is asynchronous: the store's connection lives in a worker thread
// (query-worker.ts) and this thread waits on a shared flag for each request's answer. Every wait
// has a limit, so a server that stops answering gives an error instead of a hung command.

import {createRequire} from 'node:module';
import {MessageChannel, receiveMessageOnPort, Worker, type MessagePort} from 'node:worker_threads';
import type {ClientConfig} from 'pg';
import {StoreError} from '../port.js';
import {queryWorkerMain} from './query-worker.js';
import {pgpassModulePath} from './pgpass.js';

export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export interface QueryRequest {
  readonly statements: readonly Statement[];
  /**
   * Inside a transaction: the connection that began it. The worker refuses to run the request on
   * any other (a new connection would run the rest of the transaction outside it, piecemeal).
   */
  readonly connection?: number;
}

export interface QueryResult {
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number;
}

export type QueryAnswer =
  | {readonly ok: true; readonly results: readonly QueryResult[]; readonly connection: number}
  | {readonly ok: false; readonly message: string; readonly code: string | null};

/** An error the server (or the connection to it) reported, with its SQLSTATE when there is one. */
export class QueryFailed extends Error {
  readonly code: string | null;
  constructor(message: string, code: string | null) {
    super(message);
    this.name = 'QueryFailed';
    this.code = code;
  }
}

const workerSource = `(${queryWorkerMain.toString()})(require);`;
const resolve = createRequire(import.meta.url).resolve;

export class QueryBridge {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  /** The connection of the open transaction (from BEGIN to COMMIT or ROLLBACK). */
  private pinned: number | null = null;
  private readonly config: ClientConfig;
  private readonly label: string;
  private readonly waitMs: number;

  /** `waitMs`: how long one request may take before the store gives up on the server. */
  constructor(config: ClientConfig, label: string, waitMs: number) {
    this.config = config;
    this.label = label;
    this.waitMs = waitMs;
  }

  /** Runs the statements in order on the store's connection; the rows of each. */
  run(statements: readonly Statement[]): readonly QueryResult[] {
    const ends = statements.some((s) => /^(COMMIT|ROLLBACK)$/.test(s.sql));
    try {
      const answer = this.send({statements, ...(this.pinned === null ? {} : {connection: this.pinned})});
      if (statements[0]?.sql === 'BEGIN') this.pinned = answer.connection;
      return answer.results;
    } finally {
      if (ends) this.pinned = null;
    }
  }

  private send(request: QueryRequest): Extract<QueryAnswer, {ok: true}> {
    const port = this.start();
    Atomics.store(this.signal, 0, 0);
    port.postMessage(request);
    const waited = Atomics.wait(this.signal, 0, 0, this.waitMs);
    const message = receiveMessageOnPort(port);
    if (waited === 'timed-out' || message === undefined) {
      this.close();
      throw new StoreError(
        'StoreIoError',
        `PostgreSQL at ${this.label} did not answer within ${Math.round(this.waitMs / 1000)} s. Nothing was saved; check the server and the network, then run the command again.`,
        this.label,
      );
    }
    const answer = message.message as QueryAnswer;
    if (!answer.ok) throw new QueryFailed(answer.message, answer.code);
    return answer;
  }

  query(sql: string, params: readonly unknown[] = []): Record<string, unknown>[] {
    return this.run([{sql, params}])[0]?.rows ?? [];
  }

  close(): void {
    const worker = this.worker;
    this.pinned = null;
    this.port?.close();
    this.worker = null;
    this.port = null;
    void worker?.terminate();
  }

  private start(): MessagePort {
    if (this.port) return this.port;
    const {port1, port2} = new MessageChannel();
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        port: port2,
        signal: this.signal,
        pgPath: resolve('pg'),
        pgpassPath: pgpassModulePath(),
        config: this.config,
      },
      transferList: [port2],
    });
    // A worker that could not start answers no request: the wait's limit reports it.
    worker.on('error', () => undefined);
    worker.unref();
    port1.unref();
    this.worker = worker;
    this.port = port1;
    return port1;
  }
}
