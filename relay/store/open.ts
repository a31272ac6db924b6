import { mkdir } from 'node:fs/promises';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Sql } from './sql.ts';

export interface DatabaseOptions {
  /** When set, PostgreSQL; otherwise PGlite. */
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
  return openPglite(options.dataDir);
}
