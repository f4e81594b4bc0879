import type { Clock } from '../ports.ts';

// setTimeout takes at most 2^31-1 ms (~24.8 days); longer waits (a year is allowed) re-arm.
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Real time. Long timers re-arm in steps so a Wait of months still fires on time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(dueAt, fire) {
    let handle: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      const delay = dueAt - Date.now();
      if (delay <= 0) {
        handle = setTimeout(fire, 0);
        return;
      }
      handle = setTimeout(delay > MAX_TIMEOUT_MS ? arm : fire, Math.min(delay, MAX_TIMEOUT_MS));
    };
    arm();
    return () => clearTimeout(handle);
  },
};

export interface VirtualClock extends Clock {
  /** Timers not yet fired. */
  pending(): number;
}

/**
 * A clock whose time only moves when a timer is due: timers fire in due-time order and `now()`
 * jumps to each timer's due time, so Waits and retry back-offs take no real time. Timers fire
 * one per macrotask so the work a timer starts runs before the next timer is considered.
 */
export function createVirtualClock(startMs = Date.UTC(2024, 0, 1)): VirtualClock {
  let now = startMs;
  let seq = 0;
  let scheduled = false;
  const timers: { dueAt: number; seq: number; fire: () => void }[] = [];

  const tick = () => {
    scheduled = false;
    const timer = timers.shift();
    if (!timer) return;
    if (timer.dueAt > now) now = timer.dueAt;
    schedule();
    timer.fire();
  };
  const schedule = () => {
    if (scheduled || timers.length === 0) return;
    scheduled = true;
    setImmediate(tick);
  };

  return {
    now: () => now,
    pending: () => timers.length,
    setTimer(dueAt, fire) {
      const timer = { dueAt, seq: seq++, fire };
      // Insert sorted by due time, then creation order.
      let i = timers.length;
      while (i > 0 && timers[i - 1].dueAt > dueAt) i--;
      timers.splice(i, 0, timer);
      schedule();
      return () => {
        const at = timers.indexOf(timer);
        if (at >= 0) timers.splice(at, 1);
      };
    },
  };
}
