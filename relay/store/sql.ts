/**
 * The one seam between the relay and its database. Both backends speak the same
 * PostgreSQL dialect, so everything above this interface is written once.
 */
export type DatabaseKind = 'pglite' | 'postgres';

export interface QueryOptions {
  /**
   * A name for a statement run very often (a batch of posts): PostgreSQL parses and plans it
   * once per connection, then reuses it. PGlite takes no named statements through its API and
   * plans it each time.
   */
  prepare?: string;
}

export interface SqlQuery {
  /** One statement, `$1`-style parameters, rows as plain objects. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
}

export interface Sql extends SqlQuery {
  readonly kind: DatabaseKind;
  /** Where the data lives, for the start-up line. Never contains a password. */
  readonly description: string;
  /** PostgreSQL schema the tables live in (tests use their own); undefined means the default. */
  readonly schema: string | undefined;
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T>;
  /** Resolves once LISTEN is active; the returned function stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** SQLSTATE 23505. Both pg and PGlite expose the server's code on the error. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names end up in SQL text (identifiers cannot be parameters), so only plain names pass. */
export function assertSafeIdentifier(name: string): string {
  if (!SAFE_IDENTIFIER.test(name)) throw new Error(`Unsafe SQL identifier: ${JSON.stringify(name)}`);
  return name;
}
