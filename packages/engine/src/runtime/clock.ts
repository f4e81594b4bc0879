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
  /**
   * Marks real work in flight (a task handler doing I/O): until released, timers fire only after
   * as much real time as they ask for, so a TimeoutSeconds cannot fire just because the process
   * is idle waiting for a socket. `now()` does not drift meanwhile. Returns the release function.
   */
  hold(): () => void;
}

/**
 * A clock whose time only moves when a timer is due: timers fire in due-time order and `now()`
 * jumps to each timer's due time, so Waits and retry back-offs take no real time. Timers fire
 * one per macrotask so the work a timer starts runs before the next timer is considered. While
 * something holds the clock (see `hold`), timers wait for real time instead.
 */
export function createVirtualClock(
  startMs = Date.UTC(2024, 0, 1),
  options: {
    /** false: time jumps even while handlers run (a hung handler times out instantly). */
    realTimeWhileHeld?: boolean;
  } = {},
): VirtualClock {
  const honourHolds = options.realTimeWhileHeld ?? true;
  let virtualNow = startMs;
  let seq = 0;
  let scheduled = false;
  let holds = 0;
  /** Wall time when the clock was last held or moved while held. */
  let heldSinceReal = 0;
  let realWait: ReturnType<typeof setTimeout> | undefined;
  const timers: { dueAt: number; seq: number; fire: () => void }[] = [];

  const now = () => virtualNow;

  const tick = () => {
    scheduled = false;
    realWait = undefined;
    const next = timers[0];
    if (!next) return;
    if (holds > 0) {
      // Real work is in flight: a timer fires only once as much real time has passed.
      const wait = next.dueAt - virtualNow - (Date.now() - heldSinceReal);
      if (wait > 0) {
        realWait = setTimeout(tick, Math.min(wait, 1000));
        return;
      }
      heldSinceReal = Date.now();
    }
    if (next.dueAt > virtualNow) virtualNow = next.dueAt;
    timers.shift();
    schedule();
    next.fire();
  };
  const schedule = () => {
    if (scheduled || realWait || timers.length === 0) return;
    scheduled = true;
    setImmediate(tick);
  };

  return {
    now,
    pending: () => timers.length,
    hold() {
      if (!honourHolds) return () => {};
      if (holds++ === 0) heldSinceReal = Date.now();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--holds === 0) {
          if (realWait) clearTimeout(realWait);
          realWait = undefined;
          schedule();
        }
      };
    },
    setTimer(dueAt, fire) {
      const timer = { dueAt, seq: seq++, fire };
      // Insert sorted by due time, then creation order.
      let i = timers.length;
      while (i > 0 && timers[i - 1].dueAt > dueAt) i--;
      timers.splice(i, 0, timer);
      if (realWait && i === 0) {
        clearTimeout(realWait);
        realWait = undefined;
      }
      schedule();
      return () => {
        const at = timers.indexOf(timer);
        if (at >= 0) timers.splice(at, 1);
      };
    },
  };
}
