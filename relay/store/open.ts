import { mkdir } from 'node:fs/promises';
import { openPgliteThread } from './pglite-thread.ts';
import { openPostgres } from './postgres.ts';
import type { Sql } from './sql.ts';

export interface DatabaseOptions {
  /** When set, PostgreSQL; otherwise PGlite, in a thread of its own (relay/store/pglite-thread.ts). */
  databaseUrl?: string;
  /** PGlite's data folder; omitted means in memory (tests). */
  dataDir?: string;
  /** PostgreSQL only: the schema to keep the tables in. */
  schema?: string;
  onError?: (error: unknown) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<Sql> {
  if (options.databaseUrl) {
    return openPostgres({ connectionString: options.databaseUrl, schema: options.schema, onError: options.onError });
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  return openPgliteThread(options.dataDir, options.onError);
}
