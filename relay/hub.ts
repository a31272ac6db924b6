import type { StreamEvent } from '../lib/protocol/protocol.ts';
import type { Announce } from './store/append-batch.ts';
import type { RelayStore } from './store/relay-store.ts';

/**
 * What travels through NOTIFY: ids only, never content (NOTIFY payloads are capped at 8000
 * bytes and visible to every session of the database).
 * - m: a message was appended to a pair
 * - ms: messages were appended, [pairId, seq] each: one notice per committed batch of posts
 *   (relay/post-batcher.ts) instead of one NOTIFY round trip per post
 * - p: these devices' list of pairs changed (new pair, a peer renamed itself)
 * - r: these devices were revoked; their open streams must close
 */
type HubNotice =
  | { t: 'm'; pairId: string; seq: number }
  | { t: 'ms'; m: [pairId: string, seq: number][] }
  | { t: 'p'; deviceIds: string[] }
  | { t: 'r'; deviceIds: string[] };

/** What a connected stream receives: protocol events, plus 'revoked' for the stream to hang up. */
export type HubEvent = StreamEvent | { type: 'revoked' };
type Listener = (event: HubEvent) => void;

export const DEFAULT_HUB_CHANNEL = 'binome_events';

/** [uuid, seq] is under 60 bytes of JSON: 100 of them stay well under NOTIFY's 8000-byte cap. */
const MESSAGES_PER_NOTICE = 100;

/**
 * The messages one transaction committed, in as few notices as fit. A single message keeps the
 * 'm' notice, which relays of the previous version sharing the database still read.
 */
function messageNotices(messages: { pairId: string; seq: number }[]): HubNotice[] {
  if (messages.length === 1) return [{ t: 'm', pairId: messages[0]!.pairId, seq: messages[0]!.seq }];
  const notices: HubNotice[] = [];
  for (let i = 0; i < messages.length; i += MESSAGES_PER_NOTICE) {
    const chunk = messages.slice(i, i + MESSAGES_PER_NOTICE);
    notices.push({ t: 'ms', m: chunk.map(({ pairId, seq }): [string, number] => [pairId, seq]) });
  }
  return notices;
}

/** Pair membership never changes once created, so caching it is safe; the bound only caps memory. */
const MEMBER_CACHE_LIMIT = 10_000;

/**
 * Fans out "something changed" to the WebSocket streams connected to this process. Publishing
 * goes through the database's NOTIFY and delivery comes back through LISTEN, even inside one
 * process, so that several relay instances sharing one PostgreSQL reach each other's clients
 * with the same code that PGlite runs alone.
 */
export class Hub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly members = new Map<string, string[]>();
  private stopListening: (() => Promise<void>) | undefined;

  constructor(
    private readonly store: RelayStore,
    private readonly options: { channel?: string; onError?: (error: unknown) => void } = {},
  ) {}

  private get channel() {
    return this.options.channel ?? DEFAULT_HUB_CHANNEL;
  }

  async start(): Promise<void> {
    this.stopListening ??= await this.store.sql.listen(this.channel, (payload) => {
      this.deliver(payload).catch((error) => this.reportError(error));
    });
  }

  async close(): Promise<void> {
    const stop = this.stopListening;
    this.stopListening = undefined;
    this.listeners.clear();
    await stop?.();
  }

  /** Returns the unsubscribe function; call it when the stream closes. */
  subscribe(deviceId: string, listener: Listener): () => void {
    let set = this.listeners.get(deviceId);
    if (!set) {
      set = new Set();
      this.listeners.set(deviceId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(deviceId) === set) this.listeners.delete(deviceId);
    };
  }

  /** Number of open subscriptions, for tests and health checks. */
  get subscriberCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  /**
   * How a batch of posts tells the hubs about the messages it created: the NOTIFYs go in the
   * batch's own transaction (relay/store/append-batch.ts), so they cost no round trip of their
   * own and are delivered when it commits, never before.
   */
  get announce(): Announce {
    return { channel: this.channel, notices: (created) => messageNotices(created).map((notice) => JSON.stringify(notice)) };
  }

  publishPairsChanged(deviceIds: string[]): Promise<void> {
    return deviceIds.length ? this.publish({ t: 'p', deviceIds }) : Promise.resolve();
  }

  publishRevoked(deviceIds: string[]): Promise<void> {
    return deviceIds.length ? this.publish({ t: 'r', deviceIds }) : Promise.resolve();
  }

  /**
   * Never throws: the change is already committed, and clients catch up by pulling anyway,
   * so a failed NOTIFY must not turn a successful request into an error.
   */
  private async publish(notice: HubNotice): Promise<void> {
    try {
      await this.store.sql.notify(this.channel, JSON.stringify(notice));
    } catch (error) {
      this.reportError(error);
    }
  }

  private async deliver(payload: string): Promise<void> {
    if (this.listeners.size === 0) return; // nobody connected here: skip the membership lookup
    const notice = JSON.parse(payload) as HubNotice;
    switch (notice.t) {
      case 'm':
        this.emit(await this.membersOf(notice.pairId), { type: 'message', pairId: notice.pairId, seq: notice.seq });
        break;
      case 'ms':
        for (const [pairId, seq] of notice.m) this.emit(await this.membersOf(pairId), { type: 'message', pairId, seq });
        break;
      case 'p':
        this.emit(notice.deviceIds, { type: 'pairs-changed' });
        break;
      case 'r':
        this.emit(notice.deviceIds, { type: 'revoked' });
        break;
    }
  }

  private emit(deviceIds: string[], event: HubEvent) {
    for (const deviceId of deviceIds) {
      for (const listener of this.listeners.get(deviceId) ?? []) {
        try {
          listener(event);
        } catch (error) {
          this.reportError(error);
        }
      }
    }
  }

  private async membersOf(pairId: string): Promise<string[]> {
    const cached = this.members.get(pairId);
    if (cached) return cached;
    const ids = await this.store.memberDeviceIds(pairId);
    // An unknown pair (e.g. another schema sharing the database in tests) is not cached.
    if (ids.length > 0) {
      if (this.members.size >= MEMBER_CACHE_LIMIT) this.members.clear();
      this.members.set(pairId, ids);
    }
    return ids;
  }

  private reportError(error: unknown) {
    (this.options.onError ?? ((e) => console.error('Binôme relay hub error:', e)))(error);
  }
}
