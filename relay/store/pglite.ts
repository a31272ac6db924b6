import { PGlite } from '@electric-sql/pglite';
import type { Sql, SqlQuery } from './sql.ts';

/**
 * PostgreSQL's shared_buffers default (128 MB) lives in PGlite's WebAssembly memory, which
 * never shrinks: a relay on PGlite sat at about 380 MB idle. Its data folder is small and read
 * through the operating system's file cache anyway, so 16 MB of buffers is enough (the load and
 * scale benches run with it, bench/README.md) and saves about 130 MB. Durability settings are
 * PGlite's own and left alone. PGlite writes these lines as the data folder's postgresql.conf
 * at each start, so changing them here is enough.
 */
export const PGLITE_SETTINGS = ['shared_buffers = 16MB'];

/**
 * Embedded PostgreSQL (WebAssembly) in a data folder, or in memory when no folder is given.
 * PGlite has a single connection and serialises queries itself, so a transaction is simply
 * `db.transaction`; LISTEN/NOTIFY works within the instance, which keeps the hub's code path
 * identical to the PostgreSQL one.
 */
export async function openPglite(dataDir?: string): Promise<Sql> {
  const db = new PGlite(dataDir, { postgresqlconf: PGLITE_SETTINGS });
  await db.waitReady;
  return {
    kind: 'pglite',
    description: dataDir ? `PGlite at ${dataDir}` : 'PGlite in memory',
    schema: undefined,
    async query<T>(text: string, params?: unknown[]) {
      return (await db.query<T>(text, params)).rows;
    },
    transaction<T>(fn: (tx: SqlQuery) => Promise<T>) {
      return db.transaction((tx) =>
        fn({ query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows }),
      );
    },
    async listen(channel, onPayload) {
      const unlisten = await db.listen(channel, onPayload);
      return async () => {
        if (!db.closed) await unlisten();
      };
    },
    async notify(channel, payload) {
      await db.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
}
