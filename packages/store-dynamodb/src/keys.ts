// Key shapes of the single table. Every item has `PK` and `SK` with a typed prefix; numbers that
// must sort are written as fixed-width decimal strings so that string order is number order.

const WIDTH = 16;
/** Times (epoch ms) are shifted by this so that dates before 1970 still sort. */
const TIME_OFFSET = 1e15;
const TIME_LIMIT = 8e15;

/** A non-negative integer as 16 digits. */
export function padNumber(n: number, what: string): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 10 ** WIDTH) {
    throw new RangeError(`Cannot key ${what} ${n}: it must be an integer from 0 to 10^16 - 1.`);
  }
  return String(n).padStart(WIDTH, '0');
}

/** epoch ms → a string that sorts like the time (oldest first). Fractions of a ms are dropped. */
export function timeKey(ms: number, what: string): string {
  if (!Number.isFinite(ms) || ms < -TIME_OFFSET || ms >= TIME_LIMIT) {
    throw new RangeError(`Cannot key ${what} ${ms}: it must be an epoch-ms time within ±31,000 years.`);
  }
  return padNumber(Math.floor(ms) + TIME_OFFSET, what);
}

/** epoch ms → a string that sorts newest first. */
export function newestFirstKey(ms: number, what: string): string {
  timeKey(ms, what);
  return padNumber(10 ** WIDTH - 1 - (Math.floor(ms) + TIME_OFFSET), what);
}

export const keys = {
  stateMachine: (arn: string) => ({ PK: `SM#${arn}`, SK: 'SM' }),
  execution: (arn: string) => ({ PK: `EXEC#${arn}`, SK: 'EXEC' }),
  historyEvent: (arn: string, id: number) => ({
    PK: `EXEC#${arn}`,
    SK: `EVENT#${padNumber(id, 'history event id')}`,
  }),
  thread: (arn: string, threadId: string) => ({ PK: `EXEC#${arn}`, SK: `THREAD#${threadId}` }),
  taskToken: (token: string) => ({ PK: `TOKEN#${token}`, SK: 'TOKEN' }),
  /** A pointer to a task token in its execution's partition, so deleting the execution finds it. */
  taskTokenRef: (arn: string, token: string) => ({ PK: `EXEC#${arn}`, SK: `TOKENREF#${token}` }),
  schedule: (id: string) => ({ PK: 'SCHEDULES', SK: `SCHEDULE#${id}` }),
  pollState: (pollerId: string) => ({ PK: `POLL#${pollerId}`, SK: 'STATE' }),
  archiveSeq: (busName: string) => ({ PK: `BUS#${busName}`, SK: 'SEQ' }),
  archivedEvent: (busName: string, time: number, seq: number) => ({
    PK: `BUS#${busName}`,
    SK: `EVENT#${timeKey(time, 'event time')}#${padNumber(seq, 'event seq')}`,
  }),
  delivery: (id: string) => ({ PK: `DELIVERY#${id}`, SK: 'DELIVERY' }),
  eventWait: (taskToken: string) => ({ PK: `EVENTWAIT#${taskToken}`, SK: 'EVENTWAIT' }),
};

/** Partition values of the overloaded indexes. */
export const indexKeys = {
  executionsByMachine: (arn: string) => `SM#${arn}`,
  executionsByMachineStatus: (arn: string, status: string) => `SM#${arn}#${status}`,
  executionsByStatus: (status: string) => `STATUS#${status}`,
  schedulesDue: 'SCHEDULES_DUE',
  deliveries: (busName: string, status: string) => `DELIVERIES#${busName}#${status}`,
  eventWaits: (busName: string) => `EVENTWAITS#${busName}`,
  archivedAt: (busName: string) => `ARCHIVED#${busName}`,
};

/** The smallest and largest sort keys under `prefix` with a 16-digit number after it. */
export function numberRange(prefix: string): { low: string; high: string } {
  return { low: `${prefix}${'0'.repeat(WIDTH)}`, high: `${prefix}${'9'.repeat(WIDTH)}` };
}
