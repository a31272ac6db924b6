import { Worker } from 'node:worker_threads';
import type { Sql, SqlQuery } from './sql.ts';

/** One request to the PGlite thread (relay/store/pglite-worker.ts); `id` matches its reply. */
export type ThreadRequest = { id: number } & (
  | { op: 'open'; dataDir: string | undefined }
  | { op: 'query'; text: string; params: unknown[] | undefined; tx: number | undefined }
  | { op: 'begin'; tx: number }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'listen'; channel: string; listener: number }
  | { op: 'unlisten'; listener: number }
  | { op: 'notify'; channel: string; payload: string }
  | { op: 'close' }
);

export type SerialisedError = { message: string; name?: string; stack?: string } & Record<string, string | number | boolean>;

export type ThreadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerialisedError }
  | { listener: number; payload: string };

/** The thread itself is there for tests (to make it die) and diagnostics. */
export type PgliteThreadSql = Sql & { readonly thread: Worker };

/** Distributes the Omit over the union, so each request keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

const WORKER_FILE = new URL('./pglite-worker.ts', import.meta.url);

/**
 * The worker is TypeScript, run through tsx like the relay (package.json, the Dockerfile). Node
 * 20 does not apply the relay's `--import tsx` to a worker's own entry file, so the worker starts
 * with a line of JavaScript that registers tsx (found from here, not from the working directory)
 * and then imports it. It inherits the relay's Node flags (--cpu-prof profiles it too).
 */
const TSX_API = import.meta.resolve('tsx/esm/api');
const WORKER_BOOT = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_FILE.href)}); })`;

/** An error of the PGlite thread, with PostgreSQL's fields (code…) where isUniqueViolation and the logs look for them. */
function revive(fields: SerialisedError): Error {
  const { message, stack, ...rest } = fields;
  const error = Object.assign(new Error(message), rest);
  if (stack) error.stack = stack;
  return error;
}

/**
 * PGlite in a thread of its own, behind the same Sql seam as openPglite: the relay's HTTP, JSON
 * and WebSockets keep the main thread while the database's WebAssembly and file writes run on
 * the other core (about half of a post's CPU, bench/README.md). Every query is one message each
 * way; a transaction is held open in the thread between the messages of its queries.
 *
 * If the thread dies (a crash, PGlite aborting), every request waiting on it is rejected at
 * once, and every later one too, with an error saying so: posts fail with a retryable 503
 * instead of hanging, and `onError` tells the operator.
 */
export async function openPgliteThread(dataDir?: string, onError?: (error: unknown) => void): Promise<PgliteThreadSql> {
  const worker = new Worker(WORKER_BOOT, { eval: true });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  const listeners = new Map<number, (payload: string) => void>();
  let nextId = 1;
  let stopped: Error | undefined;

  const stop = (why: Error) => {
    stopped ??= why;
    for (const waiting of pending.values()) waiting.reject(stopped);
    pending.clear();
    listeners.clear();
  };
  worker.on('message', (reply: ThreadReply) => {
    if ('listener' in reply) {
      listeners.get(reply.listener)?.(reply.payload);
      return;
    }
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiting?.resolve(reply.value);
    else waiting?.reject(revive(reply.error));
  });
  worker.on('error', (error) => {
    stop(new Error(`The relay's PGlite database thread failed (${error.message}); restart the relay.`, { cause: error }));
    onError?.(error);
  });
  worker.on('exit', (code) => {
    if (!stopped) onError?.(new Error(`The relay's PGlite database thread stopped (exit code ${code})`));
    stop(new Error(`The relay's PGlite database thread stopped (exit code ${code}); restart the relay.`));
  });

  const call = <T>(request: WithoutId<ThreadRequest>): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    return new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  };
  const queryIn =
    (tx: number | undefined) =>
    <T>(text: string, params?: unknown[]) =>
      call<T[]>({ op: 'query', text, params, tx });

  try {
    await call({ op: 'open', dataDir });
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  return {
    kind: 'pglite',
    thread: worker,
    description: `${dataDir ? `PGlite at ${dataDir}` : 'PGlite in memory'} (in a thread of its own)`,
    schema: undefined,
    query: queryIn(undefined),
    async transaction<T>(fn: (tx: SqlQuery) => Promise<T>) {
      const tx = nextId++;
      await call({ op: 'begin', tx });
      let result: T;
      try {
        result = await fn({ query: queryIn(tx) });
      } catch (error) {
        await call({ op: 'end', tx, commit: false }).catch(() => {});
        throw error;
      }
      await call({ op: 'end', tx, commit: true });
      return result;
    },
    async listen(channel, onPayload) {
      const listener = nextId++;
      listeners.set(listener, onPayload);
      await call({ op: 'listen', channel, listener }).catch((error: unknown) => {
        listeners.delete(listener);
        throw error;
      });
      return async () => {
        listeners.delete(listener);
        if (!stopped) await call({ op: 'unlisten', listener });
      };
    },
    notify: (channel, payload) => call({ op: 'notify', channel, payload }),
    async close() {
      if (stopped) return;
      await call({ op: 'close' });
      stop(new Error('The relay database is closed.'));
      await worker.terminate();
    },
  };
}
