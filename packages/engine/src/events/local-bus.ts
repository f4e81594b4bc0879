// The in-process EventBridge bus of the embedded host. PutEvents archives every accepted event
// together with one delivery record per matching rule target, in one commit, and answers; the
// deliveries and "wait for event" resolutions then run in the background.

import {
  compileEventPattern,
  createEvent,
  type EventBridgeEvent,
  indexEvent,
  type PutEventsRequestEntry,
  PutEventsEntryError,
} from '../patterns/index.ts';
import type { Clock } from '../ports.ts';
import type {
  DeliveryRecord,
  EventArchiveStore,
  EventWaitRecord,
  NewArchivedEvent,
} from './archive-store.ts';
import type {
  Deliver,
  DeliveredEvent,
  EventBus,
  PutEventsResultEntry,
  ReplayResult,
  RuleDescription,
  TimeInput,
  WaitForEventInput,
} from './bus.ts';
import { type BackoffOptions, createDeliveryQueue } from './delivery.ts';
import { ResourceNotFoundException, ValidationException } from './errors.ts';
import { checkPutEventsRequest } from './put-events-request.ts';
import { RuleIndex } from './rule-index.ts';
import { buildRule, checkName, type Rule } from './rules.ts';
import { testEventPattern } from './test-event-pattern.ts';
import { createWaitRegistry, type TaskTokenCallbacks } from './waits.ts';

export const DEFAULT_RETENTION_DAYS = 7;
const DAY_MS = 86_400_000;
const REPLAY_PAGE = 500;

export interface LocalEventBusOptions {
  archive: EventArchiveStore;
  clock: Clock;
  account: string;
  region: string;
  deliver: Deliver;
  /** Bus name; default `default`. Several buses may share one archive store. */
  name?: string;
  /** How long archived events are kept, in days (ArchiveRetention); 0 keeps them forever. Default 7. */
  retentionDays?: number;
  /** PutEvents prunes the archive at most this often (clock time). Default one hour. */
  pruneIntervalMs?: number;
  /** `sendTaskSuccess` / `sendTaskFailure` for "wait for event"; the local runtime's fit. */
  taskTokens?: TaskTokenCallbacks;
  backoff?: BackoffOptions;
  /** Event ids; default random UUIDs. */
  newId?: () => string;
  onDeliveryFailed?: (record: DeliveryRecord) => void;
  /** Background problems no caller can be told about (store failures, callback errors). */
  onError?: (error: unknown) => void;
}

/** The local bus: the EventBus port plus what only an in-process bus can offer. */
export interface LocalEventBus extends EventBus {
  /** Deletes archived events older than the retention period; answers how many went. */
  pruneArchive(): Promise<number>;
  /** Deliveries given up after their retries, oldest first. */
  listFailedDeliveries(): Promise<DeliveryRecord[]>;
  /** Resolves when no delivery or wait resolution is running or waiting for a retry. */
  drain(): Promise<void>;
  /** Stops timers; the archive store stays open (its owner closes it). */
  close(): Promise<void>;
}

const WAIT_TOKEN_MAX = 1024;

export function createLocalEventBus(options: LocalEventBusOptions): LocalEventBus {
  const { archive, clock, account, region } = options;
  const busName = options.name ?? 'default';
  const busArn = `arn:aws:events:${region}:${account}:event-bus/${busName}`;
  const ruleArn = (name: string) =>
    busName === 'default'
      ? `arn:aws:events:${region}:${account}:rule/${name}`
      : `arn:aws:events:${region}:${account}:rule/${busName}/${name}`;
  const retentionMs = (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS;
  const pruneIntervalMs = options.pruneIntervalMs ?? 3_600_000;
  const report = options.onError ?? (() => {});
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());

  const rules = new Map<string, Rule>();
  const enabled = new RuleIndex<Rule>();
  const deliveries = createDeliveryQueue({
    store: archive,
    clock,
    deliver: options.deliver,
    backoff: options.backoff,
    onDeliveryFailed: options.onDeliveryFailed,
    onError: report,
  });
  const waits = createWaitRegistry({
    busName,
    store: archive,
    clock,
    callbacks: options.taskTokens,
    onError: report,
  });
  let lastPruneAt = Number.NEGATIVE_INFINITY;
  let background = 0;
  let backgroundWaiters: (() => void)[] = [];
  let closed = false;

  /** Tracks work started without being awaited (pruning) so drain() can wait for it. */
  const inBackground = (work: Promise<unknown>) => {
    background++;
    work.catch(report).finally(() => {
      background--;
      if (background === 0) {
        const done = backgroundWaiters;
        backgroundWaiters = [];
        for (const w of done) w();
      }
    });
  };

  // Stored deliveries and waits from before a restart resume before anything else runs.
  const ready = (async () => {
    const [pending, stored] = await Promise.all([
      archive.listDeliveries(busName, 'PENDING'),
      archive.listWaits(busName),
    ]);
    for (const record of stored) {
      try {
        waits.arm(record);
      } catch (error) {
        report(error);
      }
    }
    deliveries.start(pending);
  })();
  ready.catch(report);

  const deliveryRecords = (event: DeliveredEvent, matched: Rule[], replayName?: string): DeliveryRecord[] => {
    const now = clock.now();
    const records: DeliveryRecord[] = [];
    for (const rule of matched) {
      for (const target of rule.targets) {
        records.push({
          id: newId(),
          busName,
          ruleName: rule.name,
          target,
          event,
          ...(replayName !== undefined ? { replayName } : {}),
          attempts: 0,
          firstAttemptAt: now,
          nextAttemptAt: now,
          status: 'PENDING',
        });
      }
    }
    return records;
  };

  const pruneArchive = async () => {
    lastPruneAt = clock.now();
    if (retentionMs <= 0) return 0;
    return archive.pruneEvents(busName, clock.now() - retentionMs);
  };

  const forThisBus = (entry: PutEventsRequestEntry) =>
    entry.EventBusName === undefined || entry.EventBusName === busName || entry.EventBusName === busArn;

  const bus: LocalEventBus = {
    name: busName,
    arn: busArn,

    async putRule(input) {
      const rule = buildRule(input, ruleArn);
      rules.set(rule.name, rule);
      if (rule.state === 'ENABLED') enabled.set(rule.name, rule.matcher, rule);
      else enabled.delete(rule.name);
      return { RuleArn: rule.arn };
    },

    async deleteRule(name) {
      checkName(name, 'name');
      rules.delete(name);
      enabled.delete(name);
    },

    async listRules(query = {}) {
      const out: RuleDescription[] = [];
      for (const rule of rules.values()) {
        if (query.namePrefix && !rule.name.startsWith(query.namePrefix)) continue;
        out.push({
          Name: rule.name,
          Arn: rule.arn,
          EventPattern: rule.pattern,
          State: rule.state,
          ...(rule.description !== undefined ? { Description: rule.description } : {}),
          EventBusName: busName,
          Targets: structuredClone(rule.targets),
        });
      }
      return out.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
    },

    async putEvents(entries) {
      checkPutEventsRequest(entries);
      await ready;
      const answers: PutEventsResultEntry[] = [];
      const archived: NewArchivedEvent[] = [];
      const records: DeliveryRecord[] = [];
      const resolutions: { token: string; event: EventBridgeEvent }[] = [];
      let failed = 0;
      const now = clock.now();
      for (const entry of entries) {
        let event: EventBridgeEvent;
        try {
          event = createEvent(entry ?? {}, { account, region, clock, newId });
        } catch (error) {
          if (!(error instanceof PutEventsEntryError)) throw error;
          answers.push({ ErrorCode: error.errorCode, ErrorMessage: error.message });
          failed++;
          continue;
        }
        answers.push({ EventId: event.id });
        // AWS answers an entry for a bus that does not exist with an id and drops it.
        if (!forThisBus(entry)) continue;
        archived.push({ busName, time: Date.parse(event.time), archivedAt: now, event });
        const indexed = indexEvent(event);
        records.push(...deliveryRecords(event, enabled.match(event.source, event['detail-type'], indexed)));
        for (const token of waits.match(event, indexed)) {
          if (!resolutions.some((r) => r.token === token)) resolutions.push({ token, event });
        }
      }
      if (archived.length > 0) await archive.commit({ events: archived, deliveries: records });
      deliveries.start(records);
      for (const { token, event } of resolutions) waits.resolve(token, event);
      if (retentionMs > 0 && clock.now() - lastPruneAt >= pruneIntervalMs) inBackground(pruneArchive());
      return { FailedEntryCount: failed, Entries: answers };
    },

    async testEventPattern(pattern, event) {
      return testEventPattern(pattern, event);
    },

    async replay(input) {
      await ready;
      const replayName =
        input?.name === undefined ? `replay-${clock.now()}` : checkName(input.name, 'replayName');
      const from = timeOf(input?.from, 'EventStartTime');
      const to = timeOf(input?.to, 'EventEndTime');
      if (to <= from) {
        throw new ValidationException(
          'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
        );
      }
      let only: Set<string> | undefined;
      if (input.ruleNames !== undefined) {
        only = new Set();
        for (const name of input.ruleNames) {
          if (!rules.has(name)) {
            throw new ResourceNotFoundException(`Rule ${name} does not exist on EventBus ${busName}.`);
          }
          only.add(name);
        }
      }
      const startedAt = clock.now();
      await pruneArchive(); // events past retention are gone, whether or not a prune ran yet
      let count = 0;
      let lastTime: number | undefined;
      let after: { time: number; seq: number } | undefined;
      for (;;) {
        const page = await archive.listEvents({ busName, from, to, after, limit: REPLAY_PAGE });
        if (page.length === 0) break;
        const records: DeliveryRecord[] = [];
        for (const stored of page) {
          const event: DeliveredEvent = { ...stored.event, 'replay-name': replayName };
          const matched = enabled
            .match(event.source, event['detail-type'], indexEvent(event))
            .filter((rule) => !only || only.has(rule.name));
          records.push(...deliveryRecords(event, matched, replayName));
          count++;
          lastTime = stored.time;
        }
        if (records.length > 0) await archive.commit({ deliveries: records });
        deliveries.start(records);
        const last = page[page.length - 1];
        after = { time: last.time, seq: last.seq };
        if (page.length < REPLAY_PAGE) break;
      }
      return {
        ReplayName: replayName,
        ReplayArn: `arn:aws:events:${region}:${account}:replay/${replayName}`,
        State: 'COMPLETED',
        EventSourceArn: `arn:aws:events:${region}:${account}:archive/${busName}`,
        EventStartTime: new Date(from),
        EventEndTime: new Date(to),
        ...(lastTime !== undefined ? { EventLastReplayedTime: new Date(lastTime) } : {}),
        ReplayStartTime: new Date(startedAt),
        ReplayEndTime: new Date(clock.now()),
        ReplayedEventCount: count,
      } satisfies ReplayResult;
    },

    async waitForEvent(input: WaitForEventInput) {
      await ready;
      const token = input?.taskToken;
      if (typeof token !== 'string' || token.length === 0 || token.length > WAIT_TOKEN_MAX) {
        throw new ValidationException(
          'Parameter taskToken is not valid. Reason: it must have 1 to 1024 characters.',
        );
      }
      const seconds = input.timeoutSeconds;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
        throw new ValidationException(
          'Parameter timeoutSeconds is not valid. Reason: it must be a number of seconds greater than 0.',
        );
      }
      const pattern = compileEventPattern(input.pattern).source;
      const now = clock.now();
      const record: EventWaitRecord = {
        taskToken: token,
        busName,
        pattern,
        createdAt: now,
        expiresAt: now + Math.round(seconds * 1000),
      };
      await archive.commit({ waits: [record] });
      waits.arm(record);
    },

    async cancelWaitForEvent(taskToken) {
      await ready;
      waits.disarm(taskToken);
      await archive.commit({ deleteWaits: [taskToken] });
    },

    pruneArchive,

    async listFailedDeliveries() {
      return archive.listDeliveries(busName, 'FAILED');
    },

    async drain() {
      await ready.catch(() => {});
      // A step may start another (a prune after a put), so check again after each wait.
      while (deliveries.pending() > 0 || waits.pending() > 0 || background > 0) {
        await Promise.all([
          deliveries.idle(),
          waits.idle(),
          background > 0 ? new Promise<void>((resolve) => backgroundWaiters.push(resolve)) : undefined,
        ]);
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      deliveries.close();
      waits.close();
    },
  };
  return bus;
}

function timeOf(value: TimeInput | undefined, member: string): number {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : typeof value === 'string'
          ? Date.parse(value)
          : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new ValidationException(
      `Parameter ${member} is not valid. Reason: ${member} is not a valid timestamp.`,
    );
  }
  return ms;
}
