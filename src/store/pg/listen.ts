// Live refresh: a connection of its own LISTENs for the commits of every host (each commit sends
// NOTIFY pchat_commit in its transaction, so it arrives only once committed). When the server goes
// away the store says so (the console shows it in its header) and tries again every few seconds;
// once back, it calls back once, since commits may have been missed meanwhile.

import pg from 'pg';
import type {ClientConfig} from 'pg';
import {withPgpass} from './pgpass.js';

export type ConnectionState = 'connected' | 'reconnecting';

const RETRY_MS = 2000;

export function listenForCommits(
  config: ClientConfig,
  on: {onCommit: () => void; onState: (state: ConnectionState) => void},
): () => void {
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let lost = false;

  const retry = (): void => {
    if (stopped || timer) return;
    if (!lost) on.onState('reconnecting');
    lost = true;
    timer = setTimeout(() => {
      timer = null;
      void start();
    }, RETRY_MS);
    timer.unref();
  };

  const start = async (): Promise<void> => {
    const fresh = new pg.Client(withPgpass(config));
    client = fresh;
    fresh.on('notification', () => on.onCommit());
    fresh.on('error', () => {
      void fresh.end().catch(() => undefined);
      if (client === fresh) retry();
    });
    fresh.on('end', () => {
      if (client === fresh) retry();
    });
    try {
      await fresh.connect();
      await fresh.query('LISTEN pchat_commit');
      // The connection's socket must not keep a finished command alive.
      (fresh as unknown as {connection?: {stream?: {unref?: () => void}}}).connection?.stream?.unref?.();
      if (stopped) return void fresh.end().catch(() => undefined);
      if (lost) {
        lost = false;
        on.onState('connected');
        on.onCommit();
      }
    } catch {
      void fresh.end().catch(() => undefined);
      if (client === fresh) retry();
    }
  };
  void start();

  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const last = client;
    client = null;
    void last?.end().catch(() => undefined);
  };
}
