import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type CreateAppOptions } from './app.ts';
import { Hub } from './hub.ts';
import { createLogger, errorFields, type LogLevel, type LogSink, type RelayLogger } from './log.ts';
import { forwardedClientAddress } from './rate-limit.ts';
import { DEFAULT_RETENTION, startRetentionSweeps, type RetentionPolicy } from './retention.ts';
import { migrate } from './store/migrate.ts';
import { openDatabase, type DatabaseOptions } from './store/open.ts';
import { RelayStore } from './store/relay-store.ts';
import type { Sql } from './store/sql.ts';

export interface StartRelayOptions
  extends DatabaseOptions,
    Pick<
      CreateAppOptions,
      | 'now'
      | 'inviteTtlMs'
      | 'helloTimeoutMs'
      | 'pingIntervalMs'
      | 'rateLimits'
      | 'adminSecret'
      | 'minExtensionVersion'
      | 'allowedExtensions'
    > {
  /** 0 picks a free port; the real one is in the result. */
  port?: number;
  host?: string;
  /** NOTIFY channel; relays that should reach each other's clients must share it. */
  hubChannel?: string;
  /**
   * An already open database to serve from instead of opening one (tests share one PGlite
   * across relays this way). It is migrated but not closed: whoever opened it closes it.
   */
  sql?: Sql;
  /** Where the JSON log lines go (stdout by default). */
  log?: LogSink;
  logLevel?: LogLevel;
  /** How long envelopes are kept (relay/retention.ts); swept at start and then hourly. */
  retention?: RetentionPolicy;
  /**
   * Reverse proxies in front of the relay that append to X-Forwarded-For: the client address
   * for per-address limits is read from there. 0 (the default): the TCP peer's address.
   */
  trustedProxies?: number;
}

export interface RunningRelay {
  url: string;
  port: number;
  /** "PGlite at /abs/dir" or "PostgreSQL at host:port/db": for the start-up line. */
  database: string;
  /** Settles when the retention sweep made at start is done (it never rejects). */
  firstSweep: Promise<void>;
  /** The relay's logger, for the start-up and shutdown lines. */
  log: RelayLogger;
  close(): Promise<void>;
}

/** Opens and migrates the database, then serves the app with WebSockets attached. */
export async function startRelay(options: StartRelayOptions = {}): Promise<RunningRelay> {
  const log = createLogger({ sink: options.log, level: options.logLevel });
  const onError = (error: unknown) => log.error(errorFields(error), 'relay error');
  const host = options.host ?? '127.0.0.1';
  const ownsDatabase = !options.sql;
  const sql = options.sql ?? (await openDatabase({ ...options, onError }));
  const closeDatabase = () => (ownsDatabase ? sql.close() : Promise.resolve());
  let hub: Hub | undefined;
  let sweeps: ReturnType<typeof startRetentionSweeps> | undefined;
  try {
    await migrate(sql);
    const store = new RelayStore(sql);
    hub = new Hub(store, { channel: options.hubChannel, onError });
    await hub.start();
    const clientAddress = forwardedClientAddress(options.trustedProxies ?? 0);
    const { app, injectWebSocket, wss } = createApp({ ...options, store, hub, logger: log, clientAddress });
    sweeps = startRetentionSweeps({ store, policy: options.retention ?? DEFAULT_RETENTION, now: options.now ?? Date.now, log });

    const server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }) as Server;
    injectWebSocket(server);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    const urlHost = host.includes(':') ? `[${host}]` : host;

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        // Upgraded sockets are no longer tracked by the HTTP server: say goodbye to each one.
        for (const ws of wss.clients) ws.close(1001, 'relay shutting down');
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        for (const ws of wss.clients) ws.terminate();
        await stopped;
        await sweeps!.stop();
        await hub!.close();
        await closeDatabase();
      })());

    return { url: `http://${urlHost}:${port}`, port, database: sql.description, log, firstSweep: sweeps.firstSweep, close };
  } catch (error) {
    await sweeps?.stop().catch(() => {});
    await hub?.close().catch(() => {});
    await closeDatabase().catch(() => {});
    throw error;
  }
}
