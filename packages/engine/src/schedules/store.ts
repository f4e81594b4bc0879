// The ScheduleStore port: where the scheduler keeps every schedule, its next fire time and the
// fire it has claimed. Adapters: memory (here) and SQLite (@flowdeck/store-sqlite). Every write is
// a compare-and-set on the record's version, which is what lets several schedulers share one data
// directory without firing a slot twice.

export type MissedPolicy = 'fire_once' | 'skip';

/** A fire that a scheduler has claimed and not yet finished (the slot is already consumed). */
export interface InFlightFire {
  /** The slot being fired, epoch ms. */
  scheduledTime: number;
  /** `ownerId` of the scheduler that claimed it. */
  owner: string;
  /** Until then no other scheduler touches this schedule; after it, any scheduler re-delivers. */
  leaseUntil: number;
  /** 1 for the first delivery. */
  attempt: number;
  /** Missed slots folded into this fire (missedPolicy `fire_once` after downtime), else 0. */
  missedSlots: number;
}

export interface ScheduleRecord {
  id: string;
  expression: string;
  /** IANA zone, AWS `ScheduleExpressionTimezone`. */
  timezone: string;
  missedPolicy: MissedPolicy;
  enabled: boolean;
  /** JSON-serialisable; handed to `fire` (the trigger's payload). */
  payload: unknown;
  /** AWS `StartDate`/`EndDate`, epoch ms. */
  startDate?: number;
  endDate?: number;
  /** Where rate slots are counted from: `startDate`, else when the expression was last set. */
  anchor: number;
  /** The next slot to claim, epoch ms; absent once the schedule has no more slots. */
  nextFireAt?: number;
  inFlight?: InFlightFire;
  /** The slot of the last fire that completed. */
  lastFiredAt?: number;
  /** Why the last fire failed for good, or the expression stopped parsing. */
  lastError?: string;
  createdAt: number;
  updatedAt: number;
  /** Compare-and-set token, managed by the store: 1 after the first write. */
  version: number;
}

export interface ScheduleWrite {
  record: ScheduleRecord;
  /** The version the stored record must have; 0 = it must not exist yet. */
  expectedVersion: number;
}

export interface ScheduleStore {
  get(id: string): Promise<ScheduleRecord | undefined>;
  /** Every schedule, by id. */
  list(): Promise<ScheduleRecord[]>;
  /**
   * Each write lands only if its record's stored version is `expectedVersion`; it is then stored
   * with `version = expectedVersion + 1`. The batch is one transaction, each write succeeds or
   * fails on its own; the answer says which landed, in order.
   */
  compareAndSet(writes: ScheduleWrite[]): Promise<boolean[]>;
  delete(id: string): Promise<void>;
  /** Records whose `dueAt` (see below) is ≤ `now`, earliest first. */
  listDue(now: number, limit: number): Promise<ScheduleRecord[]>;
  /** The smallest `dueAt` of all records, or undefined. */
  nextWakeAt(): Promise<number | undefined>;
  close(): Promise<void>;
}

/**
 * When a record next needs a scheduler: the end of its in-flight lease (to re-deliver a fire
 * whose scheduler died), else its next fire time while enabled. Adapters index this value.
 */
export function dueAt(record: ScheduleRecord): number | undefined {
  if (record.inFlight) return record.inFlight.leaseUntil;
  return record.enabled ? record.nextFireAt : undefined;
}
