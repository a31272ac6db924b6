/**
 * Runs sync rounds one at a time: requests that arrive during a round (a push, an alarm,
 * the UI) fold into one more round after it. A failed round is retried on the outbox's
 * backoff while the worker lives; the minute alarm covers the time it does not.
 */
import type { SyncResult } from './sync';

export class SyncScheduler {
  private running: Promise<void> | null = null;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lastResult: SyncResult | null = null;

  constructor(
    private readonly runRound: () => Promise<SyncResult>,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when a round that started after this call has finished. */
  async request(): Promise<SyncResult | null> {
    if (this.running) {
      this.again = true;
      await this.running;
      if (this.running) await this.running;
      return this.lastResult;
    }
    this.running = this.loop();
    await this.running;
    return this.lastResult;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        try {
          this.lastResult = await this.runRound();
          this.scheduleRetry(this.lastResult);
        } catch (error) {
          this.onError(error);
        }
      } while (this.again);
    } finally {
      this.running = null;
    }
  }

  private scheduleRetry(result: SyncResult): void {
    clearTimeout(this.retryTimer);
    if (result.retryAt === null) return;
    this.retryTimer = setTimeout(() => void this.request(), Math.max(250, result.retryAt - this.now()));
  }
}
