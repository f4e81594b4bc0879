import type { Clock } from '../ports.ts';
import { ScheduleValidationError } from './errors.ts';
import { type ParsedSchedule, parseScheduleExpression } from './expression.ts';
import { decideDueSlot } from './slots.ts';
import type { InFlightFire, MissedPolicy, ScheduleRecord, ScheduleStore, ScheduleWrite } from './store.ts';
import { DEFAULT_TIMEZONE } from './timezone.ts';

// The durable local scheduler (EventBridge Scheduler's job on the embedded host).
//
// Claim protocol, per due schedule: one compare-and-set moves `nextFireAt` past the slot and
// records the fire as in flight (owner + lease) — only then does `fire` run. Two schedulers on the
// same store race on that write and exactly one wins; a restarted scheduler finds the slot already
// consumed. When `fire` resolves, a second compare-and-set clears the in-flight mark. If the owner
// dies (or `fire` throws) before that, the lease runs out and any scheduler delivers the same slot
// again with the same idempotency key (at-least-once, deduplicated by the key: the API uses it as
// the execution name, which StartExecution treats idempotently).

export interface ScheduleDefinition {
  id: string;
  expression: string;
  /** IANA zone; default UTC. */
  timezone?: string;
  /** After downtime: fire once for all missed slots, or skip them. Default `fire_once`. */
  missedPolicy?: MissedPolicy;
  /** Default true. A disabled schedule keeps its record and fires nothing. */
  enabled?: boolean;
  payload?: unknown;
  /** AWS StartDate/EndDate (epoch ms or Date); ignored by `at(...)` like AWS ignores EndDate. */
  startDate?: number | Date;
  endDate?: number | Date;
}

export interface FireContext {
  /** `<schedule id>@<ISO scheduled time>`: the same for every delivery of one slot. */
  idempotencyKey: string;
  /** 1 for the first delivery; more after a failure or a crashed scheduler. */
  attempt: number;
  /** Missed slots folded into this fire (missedPolicy `fire_once`), else 0. */
  missedSlots: number;
}

export type FireFunction = (
  schedule: ScheduleRecord,
  scheduledTime: Date,
  context: FireContext,
) => Promise<void>;

export interface SchedulerErrorEvent {
  kind: 'fire_failed' | 'gave_up' | 'invalid_schedule' | 'store';
  scheduleId?: string;
  scheduledTime?: number;
  error: unknown;
}

export interface SchedulerOptions {
  store: ScheduleStore;
  clock: Clock;
  fire: FireFunction;
  /** Unique per scheduler process sharing a store (e.g. host name + pid). */
  ownerId: string;
  /** A slot due less than this long ago is on time, not missed. Default 60 s (AWS's precision). */
  graceMs?: number;
  /** How long a claimed fire may run before another scheduler may deliver it again. Default 5 min. */
  leaseMs?: number;
  /** Fires running at once. Default 64. */
  maxConcurrentFires?: number;
  /** How often to look at the store even when nothing is known to be due (other processes'
   *  changes). Default 30 s. */
  rescanMs?: number;
  /** Like AWS RetryPolicy: defaults 185 retries, 86,400 s. */
  retry?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
  onError?: (event: SchedulerErrorEvent) => void;
}

export interface Scheduler {
  /** Creates or replaces a schedule; throws `ScheduleValidationError` for bad input. */
  upsert(definition: ScheduleDefinition): Promise<ScheduleRecord>;
  remove(id: string): Promise<void>;
  get(id: string): Promise<ScheduleRecord | undefined>;
  list(): Promise<ScheduleRecord[]>;
  start(): void;
  /** Stops claiming and waits for the fires already running to finish and be recorded. */
  stop(): Promise<void>;
}

const MISSED_POLICIES: readonly MissedPolicy[] = ['fire_once', 'skip'];

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, clock, fire, ownerId } = options;
  const graceMs = options.graceMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 300_000;
  const maxConcurrent = Math.max(1, options.maxConcurrentFires ?? 64);
  const rescanMs = Math.max(1, options.rescanMs ?? 30_000);
  const maxDeliveries = 1 + Math.max(0, options.retry?.maximumRetryAttempts ?? 185);
  const maxEventAgeMs = 1000 * (options.retry?.maximumEventAgeInSeconds ?? 86_400);
  const report = (event: SchedulerErrorEvent) => {
    try {
      options.onError?.(event);
    } catch {
      // A broken error hook must not stop the scheduler.
    }
  };

  const parsed = new Map<string, ParsedSchedule>();
  function parse(record: Pick<ScheduleRecord, 'expression' | 'timezone'>): ParsedSchedule {
    const key = `${record.timezone}\u0000${record.expression}`;
    let schedule = parsed.get(key);
    if (!schedule) {
      if (parsed.size > 10_000) parsed.clear();
      schedule = parseScheduleExpression(record.expression, record.timezone);
      parsed.set(key, schedule);
    }
    return schedule;
  }

  let running = false;
  let ticking = false;
  let again = false;
  let recovered = false;
  let cancelTimer: (() => void) | undefined;
  let timerAt: number | undefined;
  const inflight = new Map<string, Promise<void>>();

  function setTimer(at: number): void {
    cancelTimer?.();
    timerAt = at;
    cancelTimer = clock.setTimer(at, () => {
      cancelTimer = undefined;
      timerAt = undefined;
      void tick();
    });
  }

  /** Run a tick as soon as possible (coalesced). */
  function wakeSoon(): void {
    if (!running) return;
    const now = clock.now();
    if (timerAt !== undefined && timerAt <= now) return;
    setTimer(now);
  }

  async function tick(): Promise<void> {
    if (!running) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    let progressed = false;
    try {
      if (!recovered) {
        recovered = true;
        progressed = (await recoverOwnFires()) || progressed;
      }
      do {
        again = false;
        progressed = (await drain()) || progressed;
      } while (again && running);
      await arm(progressed);
    } catch (error) {
      report({ kind: 'store', error });
      if (running) setTimer(clock.now() + Math.min(rescanMs, 1000));
    } finally {
      ticking = false;
    }
  }

  async function arm(progressed: boolean): Promise<void> {
    if (!running) return;
    const wake = await store.nextWakeAt();
    if (!running) return;
    const now = clock.now();
    let at = now + rescanMs;
    if (inflight.size < maxConcurrent && wake !== undefined) {
      // Something due that we could not take (a lost race, our own slow fire): look again soon,
      // not in a tight loop.
      at = Math.min(at, wake > now || progressed ? Math.max(wake, now) : now + Math.min(rescanMs, 1000));
    }
    setTimer(at);
  }

  /** Claims and launches due work until nothing is due or every fire slot is busy. */
  async function drain(): Promise<boolean> {
    let progressed = false;
    while (running) {
      const free = maxConcurrent - inflight.size;
      if (free <= 0) return progressed;
      const now = clock.now();
      const due = (await store.listDue(now, free + inflight.size))
        .filter((r) => !inflight.has(r.id))
        .slice(0, free);
      if (due.length === 0 || !running) return progressed;
      const plans = due.map((record) => plan(record, now));
      const landed = await store.compareAndSet(plans.map((p) => p.write));
      let claimed = 0;
      plans.forEach((p, i) => {
        if (!landed[i]) return;
        claimed++;
        if (p.problem) report(p.problem);
        if (p.fire) launch(p.write.record, p.fire);
      });
      if (claimed === 0) return progressed;
      progressed = true;
    }
    return progressed;
  }

  interface Plan {
    write: ScheduleWrite;
    fire?: InFlightFire;
    problem?: SchedulerErrorEvent;
  }

  function plan(record: ScheduleRecord, now: number): Plan {
    const expectedVersion = record.version;
    if (record.inFlight) {
      // Its lease ran out: the scheduler that claimed it died, or the fire failed and waited.
      const previous = record.inFlight;
      const attempt = previous.attempt + 1;
      if (attempt > maxDeliveries || now - previous.scheduledTime > maxEventAgeMs) {
        const lastError =
          record.lastError ??
          `The fire of ${new Date(previous.scheduledTime).toISOString()} was not confirmed.`;
        return {
          write: { record: { ...record, inFlight: undefined, lastError, updatedAt: now }, expectedVersion },
          problem: {
            kind: 'gave_up',
            scheduleId: record.id,
            scheduledTime: previous.scheduledTime,
            error: new Error(lastError),
          },
        };
      }
      const again: InFlightFire = { ...previous, owner: ownerId, leaseUntil: now + leaseMs, attempt };
      return {
        write: { record: { ...record, inFlight: again, updatedAt: now }, expectedVersion },
        fire: again,
      };
    }
    let schedule: ParsedSchedule;
    try {
      schedule = parse(record);
    } catch (error) {
      const lastError = error instanceof Error ? error.message : String(error);
      return {
        write: { record: { ...record, nextFireAt: undefined, lastError, updatedAt: now }, expectedVersion },
        problem: { kind: 'invalid_schedule', scheduleId: record.id, error },
      };
    }
    const decision = decideDueSlot({
      schedule,
      slot: record.nextFireAt as number,
      now,
      anchor: record.anchor,
      endDate: schedule.kind === 'at' ? undefined : record.endDate,
      missedPolicy: record.missedPolicy,
      graceMs,
    });
    const inFlight: InFlightFire | undefined =
      decision.fire === undefined
        ? undefined
        : {
            scheduledTime: decision.fire,
            owner: ownerId,
            leaseUntil: now + leaseMs,
            attempt: 1,
            missedSlots: decision.missedSlots,
          };
    return {
      write: { record: { ...record, nextFireAt: decision.next, inFlight, updatedAt: now }, expectedVersion },
      fire: inFlight,
    };
  }

  /** After a restart, fires this owner claimed and never confirmed are delivered again at once. */
  async function recoverOwnFires(): Promise<boolean> {
    const mine = (await store.list()).filter((r) => r.inFlight?.owner === ownerId && !inflight.has(r.id));
    if (mine.length === 0) return false;
    const now = clock.now();
    const plans = mine.map((r) => plan(r, now));
    const landed = await store.compareAndSet(plans.map((p) => p.write));
    plans.forEach((p, i) => {
      if (!landed[i]) return;
      if (p.problem) report(p.problem);
      if (p.fire) launch(p.write.record, p.fire);
    });
    return landed.some(Boolean);
  }

  function launch(record: ScheduleRecord, claim: InFlightFire): void {
    const scheduledTime = new Date(claim.scheduledTime);
    const context: FireContext = {
      idempotencyKey: `${record.id}@${scheduledTime.toISOString()}`,
      attempt: claim.attempt,
      missedSlots: claim.missedSlots,
    };
    const run = (async () => {
      let failure: { error: unknown } | undefined;
      try {
        await fire(record, scheduledTime, context);
      } catch (error) {
        failure = { error };
        report({ kind: 'fire_failed', scheduleId: record.id, scheduledTime: claim.scheduledTime, error });
      }
      try {
        await settle(record.id, claim, failure);
      } catch (error) {
        // The lease will run out and the slot will be delivered again.
        report({ kind: 'store', scheduleId: record.id, scheduledTime: claim.scheduledTime, error });
      }
    })();
    inflight.set(record.id, run);
    void run.finally(() => {
      inflight.delete(record.id);
      wakeSoon();
    });
  }

  /** Records the outcome of a fire we own: done, or failed and to be retried after a back-off. */
  async function settle(id: string, claim: InFlightFire, failure?: { error: unknown }): Promise<void> {
    for (let tries = 0; tries < 20; tries++) {
      const record = await store.get(id);
      const current = record?.inFlight;
      if (!record || !current || current.scheduledTime !== claim.scheduledTime || current.owner !== ownerId)
        return;
      const now = clock.now();
      let next: ScheduleRecord;
      if (!failure) {
        next = {
          ...record,
          inFlight: undefined,
          lastFiredAt: claim.scheduledTime,
          lastError: undefined,
          updatedAt: now,
        };
      } else {
        const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
        const lastError = `Attempt ${current.attempt} failed: ${message}`;
        if (current.attempt >= maxDeliveries || now - claim.scheduledTime > maxEventAgeMs) {
          next = { ...record, inFlight: undefined, lastError, updatedAt: now };
          report({
            kind: 'gave_up',
            scheduleId: id,
            scheduledTime: claim.scheduledTime,
            error: failure.error,
          });
        } else {
          // Exponential back-off, 1 s doubling up to 5 min; any scheduler may deliver it then.
          const backoff = Math.min(1000 * 2 ** (current.attempt - 1), 300_000);
          next = {
            ...record,
            inFlight: { ...current, leaseUntil: now + backoff },
            lastError,
            updatedAt: now,
          };
        }
      }
      const [landed] = await store.compareAndSet([{ record: next, expectedVersion: record.version }]);
      if (landed) return;
    }
    throw new Error(`Could not record the fire of schedule ${id}: too many concurrent changes.`);
  }

  return {
    async upsert(definition) {
      const input = checkDefinition(definition);
      const schedule = parse(input);
      for (let tries = 0; tries < 20; tries++) {
        const existing = await store.get(input.id);
        const now = clock.now();
        const redefined =
          !existing ||
          existing.expression !== input.expression ||
          existing.timezone !== input.timezone ||
          existing.startDate !== input.startDate ||
          existing.endDate !== input.endDate ||
          (input.enabled && !existing.enabled);
        const anchor = redefined ? (input.startDate ?? now) : (existing as ScheduleRecord).anchor;
        const record: ScheduleRecord = {
          ...existing,
          ...input,
          anchor,
          nextFireAt: redefined
            ? firstSlot(schedule, now, anchor, input.startDate, input.endDate)
            : existing?.nextFireAt,
          lastError: redefined ? undefined : existing?.lastError,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
          version: existing?.version ?? 0,
        };
        const [landed] = await store.compareAndSet([{ record, expectedVersion: existing?.version ?? 0 }]);
        if (landed) {
          wakeSoon();
          return { ...record, version: record.version + 1 };
        }
      }
      throw new Error(`Could not save schedule ${input.id}: too many concurrent changes.`);
    },
    async remove(id) {
      await store.delete(id);
    },
    get: (id) => store.get(id),
    list: () => store.list(),
    start() {
      if (running) return;
      running = true;
      recovered = false;
      wakeSoon();
    },
    async stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = undefined;
      timerAt = undefined;
      while (inflight.size > 0 || ticking) {
        await Promise.allSettled([...inflight.values()]);
        if (ticking) await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

/** The first slot at or after `now` (a rate created now fires now, like AWS). */
function firstSlot(
  schedule: ParsedSchedule,
  now: number,
  anchor: number,
  startDate?: number,
  endDate?: number,
): number | undefined {
  if (schedule.kind === 'at') return schedule.at;
  const from = Math.max(now, startDate ?? now);
  const slot = schedule.nextAfter(from - 1, anchor);
  return slot !== undefined && endDate !== undefined && slot > endDate ? undefined : slot;
}

type CheckedDefinition = Pick<
  ScheduleRecord,
  'id' | 'expression' | 'timezone' | 'missedPolicy' | 'enabled' | 'payload' | 'startDate' | 'endDate'
>;

function checkDefinition(d: ScheduleDefinition): CheckedDefinition {
  const bad = (what: string) => new ScheduleValidationError('Invalid schedule.', what);
  if (!d || typeof d !== 'object') throw bad('A schedule definition must be an object.');
  if (typeof d.id !== 'string' || d.id === '') throw bad('"id" must be a non-empty string.');
  const missedPolicy = d.missedPolicy ?? 'fire_once';
  if (!MISSED_POLICIES.includes(missedPolicy))
    throw bad(`"missedPolicy" must be "fire_once" or "skip", not ${JSON.stringify(missedPolicy)}.`);
  const time = (value: number | Date | undefined, name: string) => {
    if (value === undefined) return undefined;
    const ms = +value;
    if (!Number.isFinite(ms)) throw bad(`"${name}" must be a date.`);
    return ms;
  };
  const startDate = time(d.startDate, 'startDate');
  const endDate = time(d.endDate, 'endDate');
  if (startDate !== undefined && endDate !== undefined && endDate < startDate)
    throw bad('"endDate" is before "startDate".');
  let payload: unknown;
  try {
    payload = d.payload === undefined ? null : JSON.parse(JSON.stringify(d.payload));
  } catch {
    throw bad('"payload" must be JSON-serialisable.');
  }
  return {
    id: d.id,
    expression: typeof d.expression === 'string' ? d.expression.trim() : d.expression,
    timezone: d.timezone ?? DEFAULT_TIMEZONE,
    missedPolicy,
    enabled: d.enabled ?? true,
    payload,
    startDate,
    endDate,
  };
}
