// Test helpers for schedulers (used by this room's tests and by the SQLite adapter's tests).
import type { VirtualClock } from '../runtime/clock.ts';
import type { FireContext, FireFunction } from './scheduler.ts';
import type { ScheduleRecord } from './store.ts';

export interface FiredSlot {
  id: string;
  /** ISO scheduled time. */
  slot: string;
  /** ISO clock time when `fire` ran. */
  at: string;
  context: FireContext;
  payload: unknown;
}

/** A `fire` that records what it was asked to fire, with the clock's time. */
export function recordFires(clock: { now(): number }): { fire: FireFunction; fired: FiredSlot[] } {
  const fired: FiredSlot[] = [];
  const fire: FireFunction = async (schedule: ScheduleRecord, scheduledTime, context) => {
    fired.push({
      id: schedule.id,
      slot: scheduledTime.toISOString(),
      at: new Date(clock.now()).toISOString(),
      context,
      payload: schedule.payload,
    });
  };
  return { fire, fired };
}

/** Resolves when the virtual clock reaches `time` (after every timer due before it has fired). */
export function advanceTo(clock: VirtualClock, time: number | string): Promise<void> {
  return new Promise((resolve) =>
    clock.setTimer(typeof time === 'string' ? Date.parse(time) : time, resolve),
  );
}
