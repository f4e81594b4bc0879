// "Wait for event": a run paused on a `.waitForTaskToken` Task registers a pattern; the first
// accepted event that matches resolves the token with the event as output. Registrations live in
// the archive store, so they survive a restart; each expires after its timeout with a failure.

import { compileEventPattern, type EventBridgeEvent, type IndexedEvent } from '../patterns/index.ts';
import type { Clock } from '../ports.ts';
import type { EventArchiveStore, EventWaitRecord } from './archive-store.ts';
import { RuleIndex } from './rule-index.ts';

/** The error a wait fails its task token with when no matching event arrived in time. */
export const EVENT_WAIT_TIMEOUT_ERROR = 'Events.Timeout';

/** Step Functions' callbacks, injected by the host (the local runtime's methods fit as they are). */
export interface TaskTokenCallbacks {
  sendTaskSuccess(input: { taskToken: string; output: string }): Promise<unknown>;
  sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): Promise<unknown>;
}

export interface WaitRegistryOptions {
  busName: string;
  store: EventArchiveStore;
  clock: Clock;
  callbacks?: TaskTokenCallbacks;
  onError?: (error: unknown) => void;
}

export interface WaitRegistry {
  /** Arms a stored or new registration (compiles its pattern, starts its timer). */
  arm(record: EventWaitRecord): void;
  /** Forgets a registration without any callback. */
  disarm(taskToken: string): void;
  /** Tokens whose pattern matches the event and that are not already being resolved. */
  match(event: EventBridgeEvent, indexed: IndexedEvent): string[];
  /** Sends the event to the token's task, then deletes the registration. */
  resolve(taskToken: string, event: EventBridgeEvent): void;
  /** Callbacks under way. */
  pending(): number;
  idle(): Promise<void>;
  close(): void;
}

export function createWaitRegistry(options: WaitRegistryOptions): WaitRegistry {
  const { store, clock } = options;
  const report = options.onError ?? (() => {});
  const index = new RuleIndex<EventWaitRecord>();
  const timers = new Map<string, () => void>();
  // Tokens with a callback under way: neither a second event nor the timeout may touch them.
  const claimed = new Set<string>();
  let busy = 0;
  let closed = false;
  let waiters: (() => void)[] = [];

  const settle = () => {
    if (busy > 0) return;
    const done = waiters;
    waiters = [];
    for (const w of done) w();
  };

  const disarm = (taskToken: string) => {
    index.delete(taskToken);
    timers.get(taskToken)?.();
    timers.delete(taskToken);
  };

  /** Runs a callback for a claimed token, then deletes the registration whatever the outcome:
   * a callback that fails because the token is gone (TaskTimedOut, InvalidToken…) is final. */
  const finish = async (taskToken: string, callback: () => Promise<unknown>) => {
    busy++;
    claimed.add(taskToken);
    disarm(taskToken);
    try {
      try {
        await callback();
      } catch (error) {
        report(error);
      }
      if (!closed) await store.commit({ deleteWaits: [taskToken] });
    } catch (error) {
      report(error);
    } finally {
      claimed.delete(taskToken);
      busy--;
      settle();
    }
  };

  const callbacks = () => {
    if (!options.callbacks) throw new Error('This event bus was created without task token callbacks.');
    return options.callbacks;
  };

  return {
    arm(record) {
      if (closed) return;
      disarm(record.taskToken);
      index.set(record.taskToken, compileEventPattern(record.pattern), record);
      const seconds = Math.round((record.expiresAt - record.createdAt) / 1000);
      const expire = () => {
        timers.delete(record.taskToken);
        if (claimed.has(record.taskToken) || closed) return;
        void finish(record.taskToken, () =>
          callbacks().sendTaskFailure({
            taskToken: record.taskToken,
            error: EVENT_WAIT_TIMEOUT_ERROR,
            cause: `No event matching the pattern arrived within ${seconds} seconds.`,
          }),
        );
      };
      // Expired while the bus was down: fail it now rather than on the next timer tick.
      if (record.expiresAt <= clock.now()) return expire();
      timers.set(record.taskToken, clock.setTimer(record.expiresAt, expire));
    },
    disarm,
    match(event, indexed) {
      if (index.size === 0) return [];
      return index
        .match(event.source, event['detail-type'], indexed)
        .map((r) => r.taskToken)
        .filter((t) => !claimed.has(t));
    },
    resolve(taskToken, event) {
      if (closed || claimed.has(taskToken)) return;
      void finish(taskToken, () => callbacks().sendTaskSuccess({ taskToken, output: JSON.stringify(event) }));
    },
    pending: () => busy,
    idle() {
      if (busy === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    close() {
      closed = true;
      for (const cancel of timers.values()) cancel();
      timers.clear();
    },
  };
}
