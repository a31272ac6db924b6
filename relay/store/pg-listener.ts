import pg from 'pg';
import { assertSafeIdentifier } from './sql.ts';

type Handler = (payload: string) => void;

/**
 * One dedicated, long-lived connection doing LISTEN for every channel of this process
 * (pooled connections cannot LISTEN: they are handed to other queries). When the connection
 * drops, it reconnects after a second and LISTENs again; notifications sent in between are
 * lost, which is acceptable because clients also pull on a timer.
 */
export function createPgListener(config: pg.ClientConfig, onError: (error: unknown) => void) {
  const handlers = new Map<string, Set<Handler>>();
  let current: Promise<pg.Client> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let closed = false;

  function connect(): Promise<pg.Client> {
    const client = new pg.Client(config);
    const attempt = (async () => {
      client.on('notification', (msg) => {
        for (const handler of handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
      });
      client.on('error', (error) => {
        onError(error);
        dropped(attempt);
      });
      client.on('end', () => dropped(attempt));
      await client.connect();
      for (const channel of handlers.keys()) await client.query(`LISTEN "${channel}"`);
      return client;
    })();
    current = attempt;
    attempt.catch((error) => {
      onError(error);
      client.end().catch(() => {});
      dropped(attempt);
    });
    return attempt;
  }

  function dropped(attempt: Promise<pg.Client>) {
    if (current !== attempt || closed) return;
    current = undefined;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!closed && !current && handlers.size > 0) connect().catch(() => {});
    }, 1000);
    retryTimer.unref();
  }

  return {
    async listen(channel: string, handler: Handler): Promise<() => Promise<void>> {
      assertSafeIdentifier(channel);
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
      }
      set.add(handler);
      const client = await (current ?? connect());
      // LISTEN twice on one connection is a no-op, so this is safe even right after connect().
      await client.query(`LISTEN "${channel}"`);
      return async () => {
        set.delete(handler);
        if (set.size > 0 || handlers.get(channel) !== set) return;
        handlers.delete(channel);
        const live = await current?.catch(() => undefined);
        await live?.query(`UNLISTEN "${channel}"`).catch(() => {});
      };
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const live = await current?.catch(() => undefined);
      current = undefined;
      await live?.end().catch(() => {});
    },
  };
}
