// A test clock whose time moves only when the test says so: `advanceTo(t)` fires every timer due
// up to `t`, in due-time order (one per macrotask, so the work a timer starts can set the next
// one), then rests at `t`. Unlike the engine's virtual clock it never runs ahead on its own, so a
// test can look at the world "on Wednesday" while schedulers keep their 30-second rescans armed.
import type { Clock } from '@flowdeck/engine';

export interface SteppedClock extends Clock {
  /** Fires everything due up to `time` (epoch ms or ISO), then resolves once nothing more is due. */
  advanceTo(time: number | string): Promise<void>;
  advance(ms: number): Promise<void>;
}

const IDLE_TURNS = 20;

export function steppedClock(start: number | string): SteppedClock {
  let now = typeof start === 'string' ? Date.parse(start) : start;
  let limit = now;
  let seq = 0;
  const timers: { dueAt: number; seq: number; fire: () => void }[] = [];
  let pumping = false;
  let idleWaiters: (() => void)[] = [];

  const pump = () => {
    if (pumping) return;
    pumping = true;
    let idle = 0;
    const turn = () => {
      const next = timers[0];
      if (next && next.dueAt <= limit) {
        idle = 0;
        timers.shift();
        if (next.dueAt > now) now = next.dueAt;
        next.fire();
      } else if (++idle >= IDLE_TURNS) {
        now = Math.max(now, limit);
        pumping = false;
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters) w();
        return;
      }
      setImmediate(turn);
    };
    setImmediate(turn);
  };

  const advanceTo = (time: number | string) => {
    const target = typeof time === 'string' ? Date.parse(time) : time;
    limit = Math.max(limit, target);
    const done = new Promise<void>((resolve) => idleWaiters.push(resolve));
    pump();
    return done;
  };

  return {
    now: () => now,
    setTimer(dueAt, fire) {
      const timer = { dueAt, seq: seq++, fire };
      let i = timers.length;
      while (i > 0 && timers[i - 1].dueAt > dueAt) i--;
      timers.splice(i, 0, timer);
      if (dueAt <= limit) pump();
      return () => {
        const at = timers.indexOf(timer);
        if (at >= 0) timers.splice(at, 1);
      };
    },
    advanceTo,
    advance: (ms) => advanceTo(limit + ms),
  };
}
