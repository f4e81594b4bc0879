// The EventArchiveStore contract: one vitest suite every adapter must pass (memory, SQLite,
// DynamoDB…). Usage: describeEventArchiveContract('SQLite', () => createSqliteEventArchiveStore({ path })).
// Exported as `@flowdeck/engine/event-archive-contract` (not from the main index: it imports vitest).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventBridgeEvent } from '../patterns/index.ts';
import { createVirtualClock } from '../runtime/clock.ts';
import type { DeliveryRecord, EventArchiveStore, EventWaitRecord } from './archive-store.ts';
import { createLocalEventBus } from './local-bus.ts';

const T = Date.UTC(2026, 0, 1);

export function archivedEvent(n: number, time: number, busName = 'default', archivedAt = T) {
  const event: EventBridgeEvent = {
    version: '0',
    id: `e-${n}`,
    'detail-type': 'order.placed',
    source: 'shop',
    account: '123456789012',
    time: new Date(time).toISOString(),
    region: 'eu-west-1',
    resources: [],
    detail: { n, nested: { list: [1, 'two', null] } },
  };
  return { busName, time, archivedAt, event };
}

export function delivery(id: string, overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    id,
    busName: 'default',
    ruleName: 'r',
    target: { id: 't', stateMachineArn: 'arn:sm', retryPolicy: { maximumRetryAttempts: 3 } },
    event: { ...archivedEvent(1, T).event, 'replay-name': 'again' },
    replayName: 'again',
    attempts: 0,
    firstAttemptAt: T,
    nextAttemptAt: T,
    status: 'PENDING',
    ...overrides,
  };
}

export function wait(taskToken: string, overrides: Partial<EventWaitRecord> = {}): EventWaitRecord {
  return {
    taskToken,
    busName: 'default',
    pattern: '{"source":["crm"]}',
    createdAt: T,
    expiresAt: T + 60_000,
    ...overrides,
  };
}

export function describeEventArchiveContract(
  name: string,
  create: () => EventArchiveStore | Promise<EventArchiveStore>,
): void {
  describe(`EventArchiveStore contract: ${name}`, () => {
    let store: EventArchiveStore;
    beforeEach(async () => {
      store = await create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('lists a time range [from, to) in time order, ties in commit order, events intact', async () => {
      await store.commit({ events: [archivedEvent(1, T + 3000), archivedEvent(2, T + 1000)] });
      await store.commit({ events: [archivedEvent(3, T + 1000), archivedEvent(4, T + 5000)] });
      const listed = await store.listEvents({ busName: 'default', from: T + 1000, to: T + 5000 });
      expect(listed.map((e) => e.event.id)).toEqual(['e-2', 'e-3', 'e-1']);
      expect(listed[0]).toMatchObject(archivedEvent(2, T + 1000));
      expect(listed[0].seq).toBeLessThan(listed[1].seq);
    });

    it('pages with `after` and `limit` without skipping or repeating equal times', async () => {
      const events = Array.from({ length: 25 }, (_, i) => archivedEvent(i, T + Math.floor(i / 4) * 1000));
      await store.commit({ events });
      const seen: string[] = [];
      let after: { time: number; seq: number } | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await store.listEvents({ busName: 'default', from: T, to: T + 1e9, after, limit: 3 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(3);
        seen.push(...page.map((e) => e.event.id));
        after = { time: page[page.length - 1].time, seq: page[page.length - 1].seq };
      }
      expect(seen).toEqual(events.map((e) => e.event.id));
    });

    it('keeps buses apart and prunes by archive time, per bus', async () => {
      await store.commit({
        events: [
          archivedEvent(1, T, 'default', T),
          archivedEvent(2, T, 'default', T + 10),
          archivedEvent(3, T, 'other', T),
        ],
      });
      expect(await store.countEvents('default')).toBe(2);
      expect(await store.pruneEvents('default', T + 10)).toBe(1);
      expect(await store.countEvents('default')).toBe(1);
      expect(await store.countEvents('other')).toBe(1);
      const left = await store.listEvents({ busName: 'default', from: 0, to: T + 1 });
      expect(left.map((e) => e.event.id)).toEqual(['e-2']);
    });

    it('upserts, lists by status in due order, and deletes deliveries', async () => {
      await store.commit({
        deliveries: [
          delivery('b', { nextAttemptAt: T + 5 }),
          delivery('a', { nextAttemptAt: T + 9 }),
          delivery('c'),
        ],
      });
      expect((await store.listDeliveries('default', 'PENDING')).map((d) => d.id)).toEqual(['c', 'b', 'a']);
      await store.commit({
        deliveries: [delivery('b', { status: 'FAILED', attempts: 4, lastError: 'Error: down' })],
        deleteDeliveries: ['c'],
      });
      expect((await store.listDeliveries('default', 'PENDING')).map((d) => d.id)).toEqual(['a']);
      expect(await store.listDeliveries('default', 'FAILED')).toEqual([
        delivery('b', { status: 'FAILED', attempts: 4, lastError: 'Error: down' }),
      ]);
      expect(await store.listDeliveries('other', 'FAILED')).toEqual([]);
    });

    it('upserts, lists and deletes waits', async () => {
      await store.commit({ waits: [wait('t1'), wait('t2', { busName: 'other' })] });
      await store.commit({ waits: [wait('t1', { expiresAt: T + 1 })] });
      expect(await store.listWaits('default')).toEqual([wait('t1', { expiresAt: T + 1 })]);
      await store.commit({ deleteWaits: ['t1', 'missing'] });
      expect(await store.listWaits('default')).toEqual([]);
      expect(await store.listWaits('other')).toHaveLength(1);
    });

    it('commits all or nothing', async () => {
      const unstorable = { fn: () => 1, big: 1n } as unknown as Record<string, unknown>;
      const bad = archivedEvent(9, T);
      bad.event.detail = unstorable;
      await expect(
        store.commit({ events: [archivedEvent(1, T), bad], waits: [wait('w')] }),
      ).rejects.toThrow();
      expect(await store.countEvents('default')).toBe(0);
      expect(await store.listWaits('default')).toEqual([]);
    });
  });
}

/**
 * A bus restarted on the same durable archive delivers what the previous one left pending and
 * replays what it archived. `location` makes a fresh place (file, table) and answers an opener
 * for it, called once per "process".
 */
export function describeEventBusRestart(
  name: string,
  location: () => Promise<() => EventArchiveStore | Promise<EventArchiveStore>>,
): void {
  it(`${name}: a restarted bus delivers what the previous one left pending and replays its archive`, async () => {
    const open = await location();
    const clock = createVirtualClock(Date.UTC(2026, 2, 1));
    let up = false;
    const delivered: string[] = [];
    const makeBus = (archive: EventArchiveStore) =>
      createLocalEventBus({
        archive,
        clock,
        account: '123456789012',
        region: 'eu-west-1',
        backoff: { initialDelayMs: 3_600_000 },
        deliver: async (_target, event, ctx) => {
          if (!up) throw new Error('down');
          delivered.push(`${event['detail-type']}${ctx.replayName ? ` (${ctx.replayName})` : ''}`);
        },
      });
    const archive1 = await open();
    const bus1 = makeBus(archive1);
    await bus1.putRule({ name: 'r', eventPattern: { source: ['shop'] }, targets: [{ id: 't' }] });
    await bus1.putEvents([
      { Source: 'shop', DetailType: 'a', Detail: '{}' },
      { Source: 'shop', DetailType: 'b', Detail: '{}' },
    ]);
    // putEvents resolved: the events and their deliveries are stored. The process "dies" now.
    await bus1.close();
    await archive1.close();

    up = true;
    const archive2 = await open();
    const bus2 = makeBus(archive2);
    await bus2.putRule({ name: 'r', eventPattern: { source: ['shop'] }, targets: [{ id: 't' }] });
    await bus2.drain();
    expect(delivered.sort()).toEqual(['a', 'b']);
    const result = await bus2.replay({ name: 'after-restart', from: 0, to: Date.UTC(2027, 0, 1) });
    await bus2.drain();
    expect(result.ReplayedEventCount).toBe(2);
    expect(delivered.slice(2)).toEqual(['a (after-restart)', 'b (after-restart)']);
    await bus2.close();
    await archive2.close();
  });
}
