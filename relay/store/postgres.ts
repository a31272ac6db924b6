import pg from 'pg';
import { createPgListener } from './pg-listener.ts';
import { assertSafeIdentifier, type QueryOptions, type Sql, type SqlQuery } from './sql.ts';

export interface PostgresOptions {
  connectionString: string;
  /** Put the relay's tables in this schema (created by migrate); tests use a fresh one per run. */
  schema?: string;
  /** Where to report errors of idle connections; they must be handled or Node crashes. */
  onError?: (error: unknown) => void;
}

/** PostgreSQL through a pg Pool: several relay instances can share one database. */
export async function openPostgres(options: PostgresOptions): Promise<Sql> {
  const schema = options.schema === undefined ? undefined : assertSafeIdentifier(options.schema);
  const onError = options.onError ?? ((error) => console.error('Binôme relay database error:', error));
  const config: pg.PoolConfig = {
    connectionString: options.connectionString,
    // Set at connection start so every pooled connection, and the listener, sees the same tables.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new pg.Pool(config);
  pool.on('error', onError);
  const listener = createPgListener(config, onError);

  // Fail fast at start with a clear error rather than at the first request.
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw error;
  }
  let closed = false;

  return {
    kind: 'postgres',
    description: `PostgreSQL at ${describeConnection(options.connectionString)}${schema ? ` (schema ${schema})` : ''}`,
    schema,
    async query<T>(text: string, params?: unknown[], queryOptions?: QueryOptions) {
      return (await pool.query({ text, values: params, name: queryOptions?.prepare })).rows as T[];
    },
    async transaction<T>(fn: (tx: SqlQuery) => Promise<T>) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <R>(text: string, params?: unknown[], queryOptions?: QueryOptions) =>
            (await client.query({ text, values: params, name: queryOptions?.prepare })).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection whose ROLLBACK failed is in an unknown state: destroy it, not reuse it.
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      if (closed) return; // pool.end() throws when called twice
      closed = true;
      await listener.close();
      await pool.end();
    },
  };
}

/** host:port/database, without user or password, for logs. */
export function describeConnection(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.host}${url.pathname}`;
  } catch {
    return '(connection string)';
  }
}
