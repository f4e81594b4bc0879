import type { Execution } from './execution.ts';
import type { Live } from './live.ts';

// Timers of a thread: a Wait state's due time and a retry back-off. A fired timer wakes the
// thread, which then moves on in its own step (so the move is committed like any other).

/** Arms the thread's timer for `s.dueAt`; the thread parks until it fires. */
export function armTimer(ex: Execution, live: Live): false {
  live.cancelTimer?.();
  live.cancelTimer = ex.deps.clock.setTimer(live.s.dueAt ?? 0, () => {
    live.cancelTimer = undefined;
    if (live.stopped || ex.done) return;
    if (live.s.phase === 'retry') live.s.phase = 'attempt';
    else live.timerFired = true;
    void ex.drive(live);
  });
  return false;
}

/** True when the promise settles before the next macrotask (a handler that answers at once). */
export function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  return new Promise((resolve) => {
    // One immediate per event-loop turn answers every check made in that turn.
    if (!checks) {
      checks = [];
      setImmediate(answerChecks);
    }
    checks.push(resolve);
    promise.then(() => resolve(true));
  });
}

/** Resolvers of this turn's `settlesSoon` checks (a settled promise ignores the later `false`). */
let checks: ((soon: boolean) => void)[] | undefined;

function answerChecks() {
  const list = checks!;
  checks = undefined;
  for (const resolve of list) resolve(false);
}
