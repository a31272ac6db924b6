import type { Hub } from './hub.ts';
import type { NewMessage, PendingAppend, PostLimits, PostMessageResult } from './store/append-batch.ts';
import { payloadBytes } from './store/append-batch.ts';
import type { RelayStore } from './store/relay-store.ts';

export interface PostBatcherOptions {
  /** At most this many posts in one transaction. */
  maxItems?: number;
  /** And at most about this many payload bytes (one 1 MiB screenshot never waits for a second). */
  maxBytes?: number;
  /**
   * Transactions committing at once. PGlite has one connection, so 1. On PostgreSQL, 2: one
   * batch forms while the other waits for its WAL flush, and batches stay large, since each
   * database round trip costs the relay more CPU than the rows it carries (bench/README.md).
   */
  maxInFlight?: number;
}

type Waiting = PendingAppend & { bytes: number; resolve: (result: PostMessageResult) => void; reject: (error: unknown) => void };

export const DEFAULT_BATCH_ITEMS = 64;
export const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Group commit for posts: the posts that arrive while a transaction is committing, of any pairs,
 * go into the next transaction together, so a burst of N posts costs a few commits instead of N.
 * Nothing waits on a timer: a post that finds no transaction in flight starts one at the next
 * turn of the event loop (with whatever arrived in the same turn), so a lone post is as fast as
 * before, and batches grow only as the database falls behind.
 *
 * Every post is answered only after the commit that stored it. The batch's NOTIFY is part of its
 * transaction, delivered by the database at the commit, so a stream told about a seq can always
 * pull it. When a batch fails as a whole (a
 * hostile payload the database refuses, a lost connection), each of its posts is tried again in
 * a transaction of its own, so one bad item fails only itself; what still fails is rejected, and
 * the route answers with a retryable error: nothing of a failed transaction was stored, and the
 * client's retry with the same id is idempotent.
 */
export class PostBatcher {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxItems: number;
  private readonly maxBytes: number;
  private readonly maxInFlightOption: number | undefined;

  constructor(
    private readonly store: RelayStore,
    private readonly hub: Hub,
    options: PostBatcherOptions = {},
  ) {
    this.maxItems = options.maxItems ?? DEFAULT_BATCH_ITEMS;
    this.maxBytes = options.maxBytes ?? DEFAULT_BATCH_BYTES;
    this.maxInFlightOption = options.maxInFlight;
  }

  /** Read when first needed: the app is built before anything touches the database. */
  private get maxInFlight(): number {
    return this.maxInFlightOption ?? (this.store.sql.kind === 'pglite' ? 1 : 2);
  }

  /** Resolves once the message's transaction committed (or it was refused); rejects when it could not be stored. */
  post(message: NewMessage, limits: PostLimits): Promise<PostMessageResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, limits, bytes: payloadBytes(message.payload), resolve, reject });
      this.schedule();
    });
  }

  /** Posts waiting for a transaction, for tests. */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // setImmediate, not a microtask: the requests whose bodies were parsed in this turn join in.
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < this.maxInFlight && this.queue.length > 0) this.run(this.take());
    });
  }

  private take(): Waiting[] {
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length && n < this.maxItems && (n === 0 || bytes + this.queue[n]!.bytes <= this.maxBytes)) {
      bytes += this.queue[n]!.bytes;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private run(batch: Waiting[]) {
    this.inFlight++;
    this.commit(batch)
      .catch((error: unknown) => {
        // commit() settles every item itself; this is only a last resort.
        for (const item of batch) item.reject(error);
      })
      .finally(() => {
        this.inFlight--;
        this.schedule();
      });
  }

  private async commit(batch: Waiting[]) {
    let results: PostMessageResult[];
    try {
      results = await this.store.postMessages(batch, this.hub.announce);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One at a time, so an item the database refuses fails alone.
      await Promise.all(batch.map((item) => this.commit([item])));
      return;
    }
    for (const [i, item] of batch.entries()) item.resolve(results[i]!);
  }
}
