// The EventArchiveStore port: the bus's durable memory. It keeps every accepted event with its
// time (for replay and retention), the deliveries not yet done (so a restart loses none) and the
// failed ones, and the "wait for event" registrations. Adapters: memory (here), SQLite
// (@flowdeck/store-sqlite). `commit` is atomic: all changes land or none.

import type { EventBridgeEvent } from '../patterns/index.ts';
import type { DeliveredEvent, RuleTarget } from './bus.ts';

export interface ArchivedEvent {
  /** Assigned by the store, increasing in commit order: breaks ties between equal times. */
  seq: number;
  busName: string;
  /** The event's `time`, epoch ms: what replay ranges select on. */
  time: number;
  /** When the bus accepted it (the bus's clock), epoch ms: what retention prunes on. */
  archivedAt: number;
  event: EventBridgeEvent;
}

export type NewArchivedEvent = Omit<ArchivedEvent, 'seq'>;

export type DeliveryStatus = 'PENDING' | 'FAILED';

/** One event on its way to one rule target. */
export interface DeliveryRecord {
  id: string;
  busName: string;
  ruleName: string;
  target: RuleTarget;
  event: DeliveredEvent;
  replayName?: string;
  /** Attempts made so far. */
  attempts: number;
  /** epoch ms of the first attempt (MaximumEventAgeInSeconds counts from here). */
  firstAttemptAt: number;
  /** epoch ms when the next attempt is due (PENDING). */
  nextAttemptAt: number;
  status: DeliveryStatus;
  /** `name: message` of the last failure. */
  lastError?: string;
}

/** A registered "wait for event": resolves `taskToken` with the first matching event. */
export interface EventWaitRecord {
  taskToken: string;
  busName: string;
  /** Pattern JSON text. */
  pattern: string;
  createdAt: number;
  /** epoch ms after which the wait fails with a timeout. */
  expiresAt: number;
}

export interface EventArchiveChanges {
  events?: NewArchivedEvent[];
  /** Upserts by id. */
  deliveries?: DeliveryRecord[];
  deleteDeliveries?: string[];
  /** Upserts by task token. */
  waits?: EventWaitRecord[];
  deleteWaits?: string[];
}

export interface ListArchivedEventsQuery {
  busName: string;
  /** Inclusive, epoch ms (event time). */
  from: number;
  /** Exclusive, epoch ms (event time). */
  to: number;
  /** Continue after this position (the last event of the previous page). */
  after?: { time: number; seq: number };
  /** Page size; default 500. */
  limit?: number;
}

export interface EventArchiveStore {
  commit(changes: EventArchiveChanges): Promise<void>;
  /** Ordered by time, then seq (the order they were accepted in). */
  listEvents(query: ListArchivedEventsQuery): Promise<ArchivedEvent[]>;
  /** Deletes the bus's events archived before `archivedBefore`; answers how many went. */
  pruneEvents(busName: string, archivedBefore: number): Promise<number>;
  countEvents(busName: string): Promise<number>;
  /** Ordered by nextAttemptAt, then id. */
  listDeliveries(busName: string, status: DeliveryStatus): Promise<DeliveryRecord[]>;
  listWaits(busName: string): Promise<EventWaitRecord[]>;
  close(): Promise<void>;
}
