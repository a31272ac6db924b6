/**
 * Fixed-window counters kept in this process, for floods that must be answered without touching
 * the database (a revoked device's retries, GET /openapi.json). Per relay instance: behind a load
 * balancer each instance counts its own share, which is enough to keep any one of them calm.
 * At most `maxKeys` counters are kept; the oldest is dropped first, so a flood of new keys
 * cannot grow memory.
 */
import type { Limit } from './rate-limit.ts';

export type MemoryTake = { ok: true; hits: number } | { ok: false; hits: number; retryAfterMs: number };

export class MemoryLimiter {
  private readonly windows = new Map<string, { start: number; hits: number }>();

  constructor(
    private readonly limit: Limit,
    private readonly now: () => number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one hit for `key`; refused once the window holds more than `max`. */
  take(key: string): MemoryTake {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.start + this.limit.windowMs) {
      this.windows.delete(key);
      window = { start: now, hits: 0 };
      if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(key, window);
    }
    window.hits += 1;
    if (window.hits <= this.limit.max) return { ok: true, hits: window.hits };
    return { ok: false, hits: window.hits, retryAfterMs: window.start + this.limit.windowMs - now };
  }
}
