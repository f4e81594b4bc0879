import type { ParsedSchedule } from './expression.ts';
import type { MissedPolicy } from './store.ts';

// Which slot to fire now, and what comes next, for a schedule whose next slot is due. Pure: the
// scheduler persists the answer with a compare-and-set before anything fires.

export interface SlotDecision {
  /** The slot to fire now, if any. */
  fire?: number;
  /** Slots passed over because the scheduler was not running at the time (folded or skipped). */
  missedSlots: number;
  /** The slot after this one, or undefined when the schedule is complete. */
  next?: number;
}

/** More than this many missed slots are not counted one by one (a per-second cron down a week). */
const MAX_COUNTED = 10_000;

export function decideDueSlot(input: {
  schedule: ParsedSchedule;
  /** The due slot (stored nextFireAt), ≤ now. */
  slot: number;
  now: number;
  anchor: number;
  endDate?: number;
  missedPolicy: MissedPolicy;
  /** A slot due less than this long ago is on time, not missed (AWS fires within 60 s). */
  graceMs: number;
}): SlotDecision {
  const { schedule, slot, now, anchor, endDate, missedPolicy, graceMs } = input;
  const within = (t: number | undefined) =>
    t === undefined || (endDate !== undefined && t > endDate) ? undefined : t;

  if (now - slot <= graceMs) {
    return { fire: slot, missedSlots: 0, next: within(schedule.nextAfter(slot, anchor)) };
  }
  // Missed: the scheduler was down (or far behind). Everything up to `now` is one decision.
  const latest = Math.max(slot, within(schedule.lastAtOrBefore(now, anchor)) ?? slot);
  const next = within(schedule.nextAfter(now, anchor));
  let passed = 1;
  for (let t = slot; passed < MAX_COUNTED; passed++) {
    const n = schedule.nextAfter(t, anchor);
    if (n === undefined || n > latest) break;
    t = n;
  }
  if (missedPolicy === 'fire_once') return { fire: latest, missedSlots: passed - 1, next };
  // skip: only a slot that is still on time fires.
  if (now - latest <= graceMs) return { fire: latest, missedSlots: passed - 1, next };
  return { missedSlots: passed, next };
}
