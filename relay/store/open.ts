import { mkdir } from 'node:fs/promises';
import { openPglite } from './pglite.ts';
import { openPgliteThread } from './pglite-thread.ts';
import { openPostgres } from './postgres.ts';
import type { Sql } from './sql.ts';

export interface DatabaseOptions {
  /** When set, PostgreSQL; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite's data folder; omitted means in memory (tests). */
  dataDir?: string;
  /**
   * PGlite only: run it in a thread of its own (relay/store/pglite-thread.ts), so that HTTP and
   * the database can use two cores. Off by default: on a 2-core host shared with its clients it
   * did not raise throughput, and it costs memory (docs/deploy.md, bench/README.md).
   */
  pgliteThread?: boolean;
  /** PostgreSQL only: the schema to keep the tables in. */
  schema?: string;
  onError?: (error: unknown) => void;
  /**
   * The database is gone for good (PGlite's thread stopped): nothing more can be stored until
   * the relay restarts. Called after onError.
   */
  onLost?: (error: unknown) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<Sql> {
  if (options.databaseUrl) {
    return openPostgres({ connectionString: options.databaseUrl, schema: options.schema, onError: options.onError });
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  if (!options.pgliteThread) return openPglite(options.dataDir);
  // Every error the thread reports is its end (pglite-thread.ts): the queries fail from then on.
  return openPgliteThread(options.dataDir, (error) => {
    options.onError?.(error);
    options.onLost?.(error);
  });
}
