import type { Machine } from './definition.ts';
import type { ThreadState } from './thread.ts';

// A thread in memory: its persisted continuation (`ThreadState`) plus what never goes to the
// store (scopes, children, timers, the task waiting on a token).

export type Attempt =
  | { ok: true; result: unknown }
  | { ok: false; error: string; cause?: string; timedOut?: boolean };

export interface Live {
  s: ThreadState;
  machine: Machine;
  /** Variables of the enclosing scopes (read-only here). */
  outer: Record<string, unknown>;
  /** outer + own variables, flat. */
  visible: Record<string, unknown>;
  /** JSON text of `s.input` when already known (saves a stringify per transition). */
  inputText?: string;
  kids?: Live[];
  /** Children finished so far, and the failed ones among them (kept as counters: O(1) checks). */
  kidsDone: number;
  kidsFailed: Live[];
  running: boolean;
  rewake: boolean;
  stopped: boolean;
  timerFired: boolean;
  cancelTimer?: () => void;
  onStop?: () => void;
  tokenWaiter?: { settle(a: Attempt): void; heartbeat(): void };
  pendingToken?: Attempt;
}

/** Thrown inside a thread that was stopped (execution aborted, sibling failed): unwinds quietly. */
export const STOPPED = Symbol('stopped');

export function newLive(s: ThreadState, machine: Machine, outer: Record<string, unknown>): Live {
  return {
    s,
    machine,
    outer,
    visible: Object.keys(s.vars).length ? { ...outer, ...s.vars } : outer,
    kidsDone: 0,
    kidsFailed: [],
    running: false,
    rewake: false,
    stopped: false,
    timerFired: false,
  };
}

export function stopThread(live: Live) {
  live.stopped = true;
  live.cancelTimer?.();
  live.cancelTimer = undefined;
  live.onStop?.();
}

export function countFinishedKid(parent: Live, kid: Live) {
  parent.kidsDone++;
  if (kid.s.outcome && !kid.s.outcome.ok) parent.kidsFailed.push(kid);
}
