/**
 * The thread that owns the relay's PGlite (started by relay/store/pglite-thread.ts): it opens the
 * database with openPglite, the same settings as in-process, and answers the main thread's
 * requests one message each. PGlite serialises its queries itself, so the requests of a
 * transaction and the others interleave exactly as they would in-process.
 */
import { parentPort } from 'node:worker_threads';
import { openPglite } from './pglite.ts';
import type { ThreadReply, ThreadRequest, SerialisedError } from './pglite-thread.ts';
import type { Sql, SqlQuery } from './sql.ts';

const port = parentPort!;
let sql: Sql | undefined;

/** Thrown inside PGlite's transaction callback to make it roll back; never leaves this file. */
const ROLLBACK = Symbol('rollback');

interface OpenTransaction {
  tx: SqlQuery;
  end(commit: boolean): Promise<void>;
}
const transactions = new Map<number, OpenTransaction>();
const unlisteners = new Map<number, () => Promise<void>>();

/**
 * Opens a transaction and keeps PGlite's callback waiting until the main thread says commit or
 * roll back. Resolves once BEGIN ran; the returned end() settles once COMMIT (or ROLLBACK) did.
 */
function begin(database: Sql, txId: number): Promise<void> {
  return new Promise((began, failedToBegin) => {
    let decide!: (commit: boolean) => void;
    const decided = new Promise<boolean>((resolve) => (decide = resolve));
    const done = database.transaction(async (tx) => {
      transactions.set(txId, {
        tx,
        async end(commit) {
          decide(commit);
          try {
            await done;
          } catch (error) {
            if (error !== ROLLBACK) throw error;
          } finally {
            transactions.delete(txId);
          }
        },
      });
      began();
      if (!(await decided)) throw ROLLBACK;
    });
    // Before BEGIN ran, a failure is begin's; after, it is end()'s (this call is then a no-op).
    done.catch(failedToBegin);
  });
}

function transaction(txId: number): OpenTransaction {
  const open = transactions.get(txId);
  if (!open) throw new Error(`No open transaction ${txId} in the PGlite thread`);
  return open;
}

function opened(): Sql {
  if (!sql) throw new Error('The PGlite thread has no open database');
  return sql;
}

async function handle(request: ThreadRequest): Promise<unknown> {
  switch (request.op) {
    case 'open':
      sql = await openPglite(request.dataDir);
      return undefined;
    case 'query':
      return (request.tx === undefined ? opened() : transaction(request.tx).tx).query(request.text, request.params);
    case 'begin':
      return begin(opened(), request.tx);
    case 'end':
      return transaction(request.tx).end(request.commit);
    case 'listen': {
      const unlisten = await opened().listen(request.channel, (payload) =>
        port.postMessage({ listener: request.listener, payload } satisfies ThreadReply),
      );
      unlisteners.set(request.listener, unlisten);
      return undefined;
    }
    case 'unlisten': {
      const unlisten = unlisteners.get(request.listener);
      unlisteners.delete(request.listener);
      return unlisten?.();
    }
    case 'notify':
      return opened().notify(request.channel, request.payload);
    case 'close':
      await sql?.close();
      sql = undefined;
      return undefined;
  }
}

/** What crosses the thread boundary of an error: its message and PostgreSQL's fields (code 23505…). */
function serialise(error: unknown): SerialisedError {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: SerialisedError = { message: error.message, name: error.name, ...(error.stack ? { stack: error.stack } : {}) };
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  return fields;
}

port.on('message', (request: ThreadRequest) => {
  handle(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies ThreadReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: serialise(error) } satisfies ThreadReply),
  );
});
