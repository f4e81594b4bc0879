// Delivers events to rule targets after PutEvents has answered. Each delivery is a stored
// record, so none is lost to a restart; a failed attempt is retried with exponential back-off
// until the target's RetryPolicy is spent, then the record is kept as FAILED (EventBridge would
// send it to the target's dead-letter queue). Attempts run concurrently: a slow target delays
// nobody else.

import type { Clock } from '../ports.ts';
import type { DeliveryRecord, EventArchiveStore } from './archive-store.ts';
import type { Deliver, RuleTarget } from './bus.ts';

/** EventBridge's RetryPolicy defaults. */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;

export interface BackoffOptions {
  /** Delay before the first retry. Default 1,000 ms. */
  initialDelayMs?: number;
  /** Longest delay between two attempts. Default 5 minutes. */
  maxDelayMs?: number;
}

export interface DeliveryQueueOptions {
  store: EventArchiveStore;
  clock: Clock;
  deliver: Deliver;
  backoff?: BackoffOptions;
  /** Told when a delivery is given up (recorded as FAILED). */
  onDeliveryFailed?: (record: DeliveryRecord) => void;
  /** Told about problems the bus cannot hand to a caller (e.g. the store failing). */
  onError?: (error: unknown) => void;
}

/** The delay before retry number `retry` (1-based): doubling from the initial delay, capped. */
export function retryDelayMs(retry: number, backoff: BackoffOptions = {}): number {
  const initial = backoff.initialDelayMs ?? 1000;
  const max = backoff.maxDelayMs ?? 5 * 60_000;
  return Math.min(initial * 2 ** Math.max(0, retry - 1), max);
}

function retryLimits(target: RuleTarget): { attempts: number; ageMs: number } {
  const policy = target.retryPolicy ?? {};
  return {
    attempts: policy.maximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS,
    ageMs: (policy.maximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS) * 1000,
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export interface DeliveryQueue {
  /** Starts records that were just committed; attempts begin in the order given. */
  start(records: DeliveryRecord[]): void;
  /** Attempts running or waiting for a retry. */
  pending(): number;
  /** Resolves when no attempt is running or waiting for a retry. */
  idle(): Promise<void>;
  /** Cancels retry timers; running attempts finish but record nothing. */
  close(): void;
}

export function createDeliveryQueue(options: DeliveryQueueOptions): DeliveryQueue {
  const { store, clock, deliver } = options;
  const report = options.onError ?? (() => {});
  const timers = new Map<string, () => void>();
  let busy = 0;
  let closed = false;
  let waiters: (() => void)[] = [];

  const settle = () => {
    if (busy > 0 || timers.size > 0) return;
    const done = waiters;
    waiters = [];
    for (const w of done) w();
  };

  const schedule = (record: DeliveryRecord) => {
    if (closed) return;
    const id = record.id;
    timers.get(id)?.();
    const cancel = clock.setTimer(record.nextAttemptAt, () => {
      timers.delete(id);
      void attempt(record);
    });
    timers.set(id, cancel);
  };

  const attempt = async (record: DeliveryRecord) => {
    if (closed) return;
    busy++;
    const attemptNo = record.attempts + 1;
    const now = clock.now();
    const current: DeliveryRecord = {
      ...record,
      attempts: attemptNo,
      firstAttemptAt: record.attempts === 0 ? now : record.firstAttemptAt,
    };
    try {
      let failure: unknown;
      let failed = false;
      try {
        await deliver(current.target, current.event, {
          ruleName: current.ruleName,
          attempt: attemptNo,
          ...(current.replayName !== undefined ? { replayName: current.replayName } : {}),
        });
      } catch (error) {
        failed = true;
        failure = error;
      }
      if (closed) return;
      if (!failed) {
        await store.commit({ deleteDeliveries: [current.id] });
        return;
      }
      const limits = retryLimits(current.target);
      const retriesDone = attemptNo - 1;
      const nextAt = clock.now() + retryDelayMs(attemptNo, options.backoff);
      const tooOld = nextAt - current.firstAttemptAt > limits.ageMs;
      const next: DeliveryRecord = { ...current, lastError: describeError(failure), nextAttemptAt: nextAt };
      if (retriesDone >= limits.attempts || tooOld) {
        const gaveUp: DeliveryRecord = { ...next, status: 'FAILED' };
        await store.commit({ deliveries: [gaveUp] });
        options.onDeliveryFailed?.(gaveUp);
        return;
      }
      await store.commit({ deliveries: [next] });
      schedule(next);
    } catch (error) {
      report(error); // the store failed: the record stays as it was and resumes on restart
    } finally {
      busy--;
      settle();
    }
  };

  return {
    start(records) {
      for (const record of records) {
        if (record.status !== 'PENDING') continue;
        if (record.nextAttemptAt > clock.now()) schedule(record);
        else void attempt(record);
      }
    },
    pending: () => busy + timers.size,
    idle() {
      if (busy === 0 && timers.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      closed = true;
      for (const cancel of timers.values()) cancel();
      timers.clear();
      settle();
    },
  };
}
