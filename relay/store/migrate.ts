import { MIGRATIONS, type Migration } from './migrations.ts';
import { isUniqueViolation, type Sql } from './sql.ts';

/** Any fixed number: it names the advisory lock that keeps two starting relays from migrating at once. */
const MIGRATION_LOCK_KEY = 0x62696e6f; // "bino"

/**
 * Brings the schema up to date at start. Everything runs in one transaction (PostgreSQL DDL is
 * transactional), so a failed migration leaves the database as it was. When the Sql has a
 * schema (tests), it is created first; the connection's search_path already points at it.
 */
export async function migrate(sql: Sql, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  if (sql.schema) {
    // Two relays creating the same new schema at once: the loser gets a unique violation, harmless.
    await sql.query(`CREATE SCHEMA IF NOT EXISTS "${sql.schema}"`).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
    });
  }
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at bigint NOT NULL
    )`);
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
      if (done.has(migration.id)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [
        migration.id,
        migration.name,
        Date.now(),
      ]);
      applied.push(migration.id);
    }
    return applied;
  });
}
