import { isIPv4, isIPv6 } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { MAX_PAYLOAD_CHARS } from '../lib/protocol/protocol.ts';
import { errorBody } from './errors.ts';
import { sha256Hex } from './secrets.ts';
import type { Sql } from './store/sql.ts';

/** At most `max` hits per fixed window of `windowMs`; `max: Infinity` switches the limit off. */
export interface Limit {
  max: number;
  windowMs: number;
}

export interface RateLimits {
  /** Devices registered from one client address: each device is another budget of accepts. */
  registerPerAddress: Limit;
  /** Invites created by one device. */
  invitesPerDevice: Limit;
  /** Invites of one device that are neither used nor expired (not a rate: a cap). */
  openInvitesPerDevice: number;
  /** Accepts, right or wrong. */
  acceptsPerDevice: Limit;
  acceptsPerAddress: Limit;
  /**
   * Lookups and accepts whose nameplate matches no invite: guesses, or typos. There is no
   * relay-wide ceiling: it let twenty wrong codes deny every correct one, and the SPAKE2 exchange
   * already gives a guesser one try per invite (see docs/security.md).
   */
  failedAcceptsPerDevice: Limit;
  failedAcceptsPerAddress: Limit;
  /** Messages stored by one device (duplicates and refusals are given back). */
  postsPerDevice: Limit;
  /**
   * Payload bytes stored by one device: what keeps one device posting 1 MiB messages from
   * flooding the relay. At least the largest message (MAX_PAYLOAD_CHARS), or it could never pass.
   */
  postBytesPerDevice: Limit;
  /**
   * Payload bytes one pair may store (not a rate: a quota). It counts every message the pair
   * stores now: envelopes removed by retention (relay/retention.ts) give their bytes back. 413 `quota_exceeded` when a message would go over it.
   */
  storedBytesPerPair: number;
  /** Admin requests with a wrong secret, per client address (see relay/routes/admin.ts). */
  failedAdminPerAddress: Limit;
  /**
   * Coordinator requests (secret, sign-in link or session) that named no programme, per client
   * address (see relay/coordinator/access.ts).
   */
  failedCoordinatorPerAddress: Limit;
  /** Personal joining codes that matched no planned pair, per device and per address. */
  failedJoinsPerDevice: Limit;
  failedJoinsPerAddress: Limit;
  /**
   * Requests with the token of a revoked device (a lost laptop that keeps retrying), per device.
   * Counted in memory (relay/memory-limit.ts): answering them must not cost a database write.
   */
  revokedRetriesPerDevice: Limit;
  /** GET /openapi.json and /api, per client address; counted in memory too. */
  apiDocsPerAddress: Limit;
}

/** Caps that are checked against what is stored, not counted in windows. */
type Quota = 'openInvitesPerDevice' | 'storedBytesPerPair';
export type LimitName = Exclude<keyof RateLimits, Quota>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MIB = 1024 * 1024;
/** rate_limits.hits is a PostgreSQL integer; a window may hold one request above its max. */
const MAX_COUNTER = 2 ** 31 - 1 - 2 * MIB;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  registerPerAddress: { max: 60, windowMs: HOUR },
  invitesPerDevice: { max: 20, windowMs: HOUR },
  openInvitesPerDevice: 10,
  acceptsPerDevice: { max: 20, windowMs: HOUR },
  acceptsPerAddress: { max: 120, windowMs: HOUR },
  failedAcceptsPerDevice: { max: 10, windowMs: HOUR },
  failedAcceptsPerAddress: { max: 30, windowMs: HOUR },
  // A person posts a few messages a minute; an outbox flushed after days offline, a few dozen.
  postsPerDevice: { max: 300, windowMs: MINUTE },
  // 32 questions with a full-size screenshot in one minute.
  postBytesPerDevice: { max: 32 * MIB, windowMs: MINUTE },
  // About 1,000 questions with a full-size screenshot, or millions of replies.
  storedBytesPerPair: 1024 * MIB,
  failedAdminPerAddress: { max: 10, windowMs: HOUR },
  failedCoordinatorPerAddress: { max: 20, windowMs: HOUR },
  failedJoinsPerDevice: { max: 10, windowMs: HOUR },
  failedJoinsPerAddress: { max: 30, windowMs: HOUR },
  // The extension retries with backoff; more than this a minute is a loop, not a person.
  revokedRetriesPerDevice: { max: 10, windowMs: MINUTE },
  apiDocsPerAddress: { max: 60, windowMs: MINUTE },
};

/** For load benches and tests that are not about limits (`RATE_LIMITS=off` for the CLI). */
export const NO_RATE_LIMITS: RateLimits = {
  registerPerAddress: { max: Infinity, windowMs: HOUR },
  invitesPerDevice: { max: Infinity, windowMs: HOUR },
  openInvitesPerDevice: Infinity,
  acceptsPerDevice: { max: Infinity, windowMs: HOUR },
  acceptsPerAddress: { max: Infinity, windowMs: HOUR },
  failedAcceptsPerDevice: { max: Infinity, windowMs: HOUR },
  failedAcceptsPerAddress: { max: Infinity, windowMs: HOUR },
  postsPerDevice: { max: Infinity, windowMs: MINUTE },
  postBytesPerDevice: { max: Infinity, windowMs: MINUTE },
  storedBytesPerPair: Infinity,
  failedAdminPerAddress: { max: Infinity, windowMs: HOUR },
  failedCoordinatorPerAddress: { max: Infinity, windowMs: HOUR },
  failedJoinsPerDevice: { max: Infinity, windowMs: HOUR },
  failedJoinsPerAddress: { max: Infinity, windowMs: HOUR },
  revokedRetriesPerDevice: { max: Infinity, windowMs: MINUTE },
  apiDocsPerAddress: { max: Infinity, windowMs: MINUTE },
};

export function resolveRateLimits(overrides: Partial<RateLimits> = {}): RateLimits {
  const limits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    const { max, windowMs } = typeof value === 'number' ? { max: value, windowMs: 1 } : value;
    // Window counters are integer columns; quotas are compared in JavaScript.
    const ceiling = typeof value === 'number' ? Number.MAX_SAFE_INTEGER : MAX_COUNTER;
    const maxOk = max === Infinity || (Number.isInteger(max) && max >= 0 && max <= ceiling);
    if (!maxOk || !Number.isInteger(windowMs) || windowMs <= 0)
      throw new Error(`Invalid rate limit ${name}: ${JSON.stringify(value)}`);
  }
  if (limits.postBytesPerDevice.max < MAX_PAYLOAD_CHARS) {
    throw new Error(
      `Invalid rate limit postBytesPerDevice: below one message of ${MAX_PAYLOAD_CHARS} bytes, the largest could never be sent`,
    );
  }
  return limits;
}

// ---- Who is asking ----

/** Reads a client's address from the request; undefined when there is none (app.request in tests). */
export type ClientAddress = (c: Context) => string | undefined;

/** The TCP peer, as @hono/node-server sees it. */
export const socketAddress: ClientAddress = (c) => {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // no Node socket behind this request
  }
};

/**
 * Behind `trustedProxies` reverse proxies, each appending the address it saw to
 * X-Forwarded-For, the client is that many entries from the right; entries further left were
 * written by the client and prove nothing. Only for a relay reachable through the proxies alone.
 */
export function forwardedClientAddress(trustedProxies: number): ClientAddress {
  if (!Number.isInteger(trustedProxies) || trustedProxies < 1) return socketAddress;
  return (c) => {
    const hops = (c.req.header('X-Forwarded-For') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    return hops.length >= trustedProxies ? hops[hops.length - trustedProxies] : socketAddress(c);
  };
}

/**
 * The key a client's limits are counted under. IPv6 counts per /64, the block one subscriber
 * usually gets (counting per address would hand an attacker 2^64 budgets); an IPv4-mapped IPv6
 * address counts as its IPv4 address. Anything else shares one key.
 */
export function addressKey(raw: string | undefined): string {
  const address = raw?.trim() ?? '';
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return 'unknown';
  const groups = ipv6Groups(address);
  if (!groups) return 'unknown';
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** "2001:db8::1" → eight 16-bit numbers; null if it does not come out as eight. */
function ipv6Groups(address: string): number[] | null {
  let text = address.split('%')[0]!; // zone id, as in fe80::1%eth0
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail, extra] = text.split('::');
  if (extra !== undefined) return null;
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(Math.max(zeros, 0)).fill('0'), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

// ---- Counting ----

export interface Charge {
  limit: LimitName;
  /** Whose budget: a device id, an address key, or 'relay'. */
  subject: string;
  /** How much this request counts for: 1 (the default) for a count, its size for a byte limit. */
  cost?: number;
}

/** A hit that was counted, to give back when the request turns out not to count (refund). */
export interface Taken {
  limit: LimitName;
  key: string;
  windowStart: number;
  cost: number;
}

export type TakeResult = { ok: true; taken: Taken[] } | { ok: false; limit: LimitName; retryAfterMs: number };

class LimitReached extends Error {
  constructor(
    readonly limit: LimitName,
    readonly retryAt: number,
  ) {
    super('rate limit reached');
  }
}

/** Old windows are deleted at most this often per instance, a minute after they end. */
const SWEEP_INTERVAL_MS = MINUTE;
const SWEEP_MARGIN_MS = MINUTE;

/**
 * Fixed-window counters in the database (table rate_limits), so that relay instances sharing a
 * PostgreSQL share their limits too. Windows are aligned on the epoch, so every instance agrees
 * on them; a window holds one row per key: the SHA-256 of limit name and subject, so the table
 * holds no device ids or addresses in clear. A burst at a window boundary can reach twice `max`;
 * that is the price of one row per key.
 *
 * `take` counts all its charges or none (one transaction, rolled back when one is over), and
 * counts before the work is done: concurrent requests cannot all slip under a limit together.
 */
export class RateLimiter {
  private lastSweep = -Infinity;

  constructor(
    private readonly sql: Sql,
    readonly limits: RateLimits,
    private readonly now: () => number,
  ) {}

  async take(charges: Charge[]): Promise<TakeResult> {
    const now = this.now();
    const planned = charges
      .filter((charge) => Number.isFinite(this.limits[charge.limit].max))
      .map((charge) => {
        const { max, windowMs } = this.limits[charge.limit];
        const windowStart = Math.floor(now / windowMs) * windowMs;
        const key = sha256Hex(`${charge.limit}|${charge.subject}`);
        return { limit: charge.limit, key, max, windowStart, windowEnd: windowStart + windowMs, cost: charge.cost ?? 1 };
      })
      // Rows are locked in one order by every request, so two requests cannot deadlock.
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (planned.length === 0) return { ok: true, taken: [] };
    await this.sweep(now);
    try {
      await this.sql.transaction(async (tx) => {
        let refused: LimitReached | undefined;
        for (const hit of planned) {
          // An instance whose clock is behind counts into the newer window rather than resetting it.
          const rows = await tx.query<{ hits: unknown; window_end: unknown }>(
            `INSERT INTO rate_limits AS r (key, window_start, window_end, hits) VALUES ($1, $2, $3, $4)
             ON CONFLICT (key) DO UPDATE SET
               hits = CASE WHEN r.window_start < EXCLUDED.window_start THEN EXCLUDED.hits ELSE r.hits + EXCLUDED.hits END,
               window_start = GREATEST(r.window_start, EXCLUDED.window_start),
               window_end = GREATEST(r.window_end, EXCLUDED.window_end)
             RETURNING hits, window_end`,
            [hit.key, hit.windowStart, hit.windowEnd, hit.cost],
          );
          const row = rows[0]!;
          if (Number(row.hits) > hit.max) {
            const retryAt = Number(row.window_end);
            if (!refused || retryAt > refused.retryAt) refused = new LimitReached(hit.limit, retryAt);
          }
        }
        if (refused) throw refused; // rolls back: a refused request counts nowhere
      });
    } catch (error) {
      if (error instanceof LimitReached) return { ok: false, limit: error.limit, retryAfterMs: error.retryAt - now };
      throw error;
    }
    return { ok: true, taken: planned.map(({ limit, key, windowStart, cost }) => ({ limit, key, windowStart, cost })) };
  }

  /** Gives hits back, in the window they were taken in (a later window is left alone). */
  async refund(taken: Taken[]): Promise<void> {
    for (const hit of taken) {
      await this.sql.query(
        'UPDATE rate_limits SET hits = GREATEST(hits - $3, 0) WHERE key = $1 AND window_start = $2 AND hits > 0',
        [hit.key, hit.windowStart, hit.cost],
      );
    }
  }

  private async sweep(now: number) {
    if (now - this.lastSweep < SWEEP_INTERVAL_MS && now >= this.lastSweep) return;
    this.lastSweep = now;
    await this.sql.query('DELETE FROM rate_limits WHERE window_end < $1', [now - SWEEP_MARGIN_MS]);
  }
}

/** "a minute", "12 minutes", "2 hours": how long to wait, in words. */
function waitInWords(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / MINUTE));
  if (minutes === 1) return 'a minute';
  if (minutes < 90) return `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
}

export const rateLimitedMessage = (retryAfterMs: number) =>
  `Too many attempts. Wait ${waitInWords(retryAfterMs)}, then try again.`;

/** 429 with Retry-After in whole seconds (at least 1), and the relay's error shape. */
export function sendRateLimited(c: Context, retryAfterMs: number, message = rateLimitedMessage(retryAfterMs)) {
  c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  return c.json(errorBody('rate_limited', message), 429);
}
