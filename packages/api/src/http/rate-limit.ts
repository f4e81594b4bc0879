// Fixed-window counters in memory (one process). Enough for the embedded host; the AWS host
// would use API Gateway usage plans.
import type { NowClock } from '../deps.ts';
import type { RateLimit } from '../config.ts';
import { problems } from './problem.ts';

export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: NowClock,
  ) {}

  /** Counts one hit for `key`; throws 429 with Retry-After once the window's budget is spent. */
  hit(key: string): void {
    const now = this.clock.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size > 10_000) this.sweep(now);
      window = { count: 0, resetAt: now + this.limit.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count > this.limit.max) {
      throw problems.tooManyRequests(Math.max(1, Math.ceil((window.resetAt - now) / 1000)));
    }
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}
