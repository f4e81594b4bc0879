// The EventBus port: EventBridge's rule, PutEvents, TestEventPattern and replay operations as
// the engine needs them. `createLocalEventBus` implements it in-process; an AWS host maps each
// method onto the EventBridge API with the same names and answers.

import type { EventBridgeEvent, PutEventsRequestEntry } from '../patterns/index.ts';

export type RuleState = 'ENABLED' | 'DISABLED';

/**
 * Where a rule sends matching events. Only `id` is the bus's business; every other field is
 * handed to the host's `deliver` unchanged (e.g. `{ id: 'start', stateMachineArn }`).
 */
export interface RuleTarget {
  /** Unique within the rule; `[\.\-_A-Za-z0-9]+`, at most 64 characters (PutTargets' Id). */
  id: string;
  /** EventBridge's per-target RetryPolicy; defaults 185 attempts and 24 hours. */
  retryPolicy?: {
    /** Retries after the first attempt, 0–185. */
    maximumRetryAttempts?: number;
    /** Give up once the event is this old (from its first attempt), 60–86,400 seconds. */
    maximumEventAgeInSeconds?: number;
  };
  [field: string]: unknown;
}

export interface PutRuleInput {
  /** `[\.\-_A-Za-z0-9]+`, 1–64 characters. A rule with this name is replaced. */
  name: string;
  /** JSON text (as PutRule takes it) or a value. */
  eventPattern: unknown;
  /** Default ENABLED, as in PutRule. */
  state?: RuleState;
  description?: string;
  /** At most 5 (EventBridge's targets-per-rule quota). */
  targets?: RuleTarget[];
}

export interface RuleDescription {
  Name: string;
  Arn: string;
  /** The pattern's JSON text. */
  EventPattern: string;
  State: RuleState;
  Description?: string;
  EventBusName: string;
  Targets: RuleTarget[];
}

/** One answer per PutEvents entry, in entry order: an id, or why the entry was rejected. */
export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** A time as the bus accepts it: a Date, epoch milliseconds, or ISO 8601 text. */
export type TimeInput = Date | number | string;

export interface ReplayInput {
  /** `[\.\-_A-Za-z0-9]+`, 1–64 characters; becomes the events' `replay-name`. Default `replay-<ms>`. */
  name?: string;
  /** Events whose `time` is ≥ from … */
  from: TimeInput;
  /** … and < to are replayed. */
  to: TimeInput;
  /** Replay only to these rules (StartReplay's Destination.FilterArns); default every rule. */
  ruleNames?: string[];
}

/** DescribeReplay's shape for a finished replay, plus how many events were replayed. */
export interface ReplayResult {
  ReplayName: string;
  ReplayArn: string;
  State: 'COMPLETED';
  EventSourceArn: string;
  EventStartTime: Date;
  EventEndTime: Date;
  /** Time of the last event replayed; absent when the range held none. */
  EventLastReplayedTime?: Date;
  ReplayStartTime: Date;
  ReplayEndTime: Date;
  ReplayedEventCount: number;
}

export interface WaitForEventInput {
  /** Event pattern (JSON text or value) the awaited event must match. */
  pattern: unknown;
  /** The `.waitForTaskToken` token to resolve; 1–1024 characters. */
  taskToken: string;
  /** After this many seconds without a match the token is failed with `Events.Timeout`. */
  timeoutSeconds: number;
}

/** An event as delivered to a target: replays carry the replay's name, as on EventBridge. */
export type DeliveredEvent = EventBridgeEvent & { 'replay-name'?: string };

export interface DeliveryContext {
  ruleName: string;
  /** 1 for the first attempt. */
  attempt: number;
  replayName?: string;
}

/** Hands one event to one target (e.g. StartExecution); throw to have the bus retry. */
export type Deliver = (target: RuleTarget, event: DeliveredEvent, context: DeliveryContext) => Promise<void>;

export interface EventBus {
  readonly name: string;
  readonly arn: string;
  putRule(input: PutRuleInput): Promise<{ RuleArn: string }>;
  /** Deletes the rule and its targets; deleting a missing rule succeeds, as DeleteRule does. */
  deleteRule(name: string): Promise<void>;
  listRules(query?: { namePrefix?: string }): Promise<RuleDescription[]>;
  /** 1–10 entries; answers like PutEvents. Delivery happens after the answer. */
  putEvents(entries: PutEventsRequestEntry[]): Promise<PutEventsResult>;
  /** TestEventPattern: `event` is JSON text or a value with id, account, source, time, region, detail-type. */
  testEventPattern(pattern: unknown, event: unknown): Promise<{ Result: boolean }>;
  /** Re-delivers archived events of a time range, in their original order. */
  replay(input: ReplayInput): Promise<ReplayResult>;
  /** Registers a durable wait: the first matching event resolves the task token. */
  waitForEvent(input: WaitForEventInput): Promise<void>;
  /** Drops a wait (e.g. its execution stopped); no callback is made. */
  cancelWaitForEvent(taskToken: string): Promise<void>;
}
