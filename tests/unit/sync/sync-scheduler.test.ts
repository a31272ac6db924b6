import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncResult } from '@/lib/sync/sync';
import { SyncScheduler } from '@/lib/sync/sync-scheduler';

const done: SyncResult = { sent: 0, received: 0, reachable: true, retryAt: null };

describe('SyncScheduler', () => {
  afterEach(() => vi.useRealTimers());

  it('runs one round at a time and folds requests made during a round into one more', async () => {
    let rounds = 0;
    let release!: () => void;
    const scheduler = new SyncScheduler(
      async () => {
        rounds++;
        if (rounds === 1) await new Promise<void>((resolve) => (release = resolve));
        return done;
      },
      () => {},
    );
    const first = scheduler.request();
    await Promise.resolve();
    const during = [scheduler.request(), scheduler.request(), scheduler.request()];
    release();
    await Promise.all([first, ...during]);
    expect(rounds).toBe(2);
  });

  it('retries at the time the outbox asks for, and reports errors without stopping', async () => {
    vi.useFakeTimers({ now: 1_000 });
    const errors: unknown[] = [];
    const results: (SyncResult | Error)[] = [new Error('boom'), { ...done, reachable: false, retryAt: 5_000 }, done];
    let rounds = 0;
    const scheduler = new SyncScheduler(
      async () => {
        const next = results[rounds++]!;
        if (next instanceof Error) throw next;
        return next;
      },
      (error) => errors.push(error),
      Date.now,
    );
    await scheduler.request();
    expect(errors).toHaveLength(1);
    await scheduler.request();
    expect(rounds).toBe(2);
    await vi.advanceTimersByTimeAsync(3_900);
    expect(rounds).toBe(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(rounds).toBe(3);
  });
});
