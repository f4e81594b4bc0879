import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../runtime/clock.ts';
import {
  createMemoryScheduleStore,
  createScheduler,
  type ScheduleStore,
  ScheduleValidationError,
} from './index.ts';
import { advanceTo, recordFires } from './scheduler-testing.ts';

const T = (iso: string) => Date.parse(iso);

function setup(start: string, store: ScheduleStore = createMemoryScheduleStore()) {
  const clock = createVirtualClock(T(start));
  const { fire, fired } = recordFires(clock);
  const scheduler = createScheduler({ store, clock, fire, ownerId: 'test', rescanMs: 3_600_000 });
  return { clock, fired, scheduler, store };
}

describe('scheduler with a virtual clock', () => {
  it('fires a rate schedule at once and then every interval, with its payload', async () => {
    const { clock, fired, scheduler } = setup('2025-01-01T10:00:00Z');
    await scheduler.upsert({ id: 'digest', expression: 'rate(5 minutes)', payload: { list: 'news' } });
    scheduler.start();
    await advanceTo(clock, '2025-01-01T10:12:00Z');
    await scheduler.stop();
    expect(fired.map((f) => f.slot)).toEqual([
      '2025-01-01T10:00:00.000Z',
      '2025-01-01T10:05:00.000Z',
      '2025-01-01T10:10:00.000Z',
    ]);
    expect(fired.map((f) => f.at)).toEqual(fired.map((f) => f.slot));
    expect(fired[0].payload).toEqual({ list: 'news' });
    expect(fired[1].context).toEqual({
      idempotencyKey: 'digest@2025-01-01T10:05:00.000Z',
      attempt: 1,
      missedSlots: 0,
    });
    const record = await scheduler.get('digest');
    expect(record?.lastFiredAt).toBe(T('2025-01-01T10:10:00Z'));
    expect(record?.nextFireAt).toBe(T('2025-01-01T10:15:00Z'));
    expect(record?.inFlight).toBeUndefined();
  });

  it('keeps a daily cron on local time across the Paris DST change and skips the hour that does not exist', async () => {
    const { clock, fired, scheduler } = setup('2025-03-28T12:00:00Z');
    await scheduler.upsert({ id: 'morning', expression: 'cron(0 9 * * ? *)', timezone: 'Europe/Paris' });
    await scheduler.upsert({ id: 'night', expression: 'cron(30 2 * * ? *)', timezone: 'Europe/Paris' });
    scheduler.start();
    await advanceTo(clock, '2025-04-01T12:00:00Z');
    await scheduler.stop();
    const slots = (id: string) => fired.filter((f) => f.id === id).map((f) => f.slot);
    // 09:00 CET = 08:00Z before the change, 09:00 CEST = 07:00Z after.
    expect(slots('morning')).toEqual([
      '2025-03-29T08:00:00.000Z',
      '2025-03-30T07:00:00.000Z',
      '2025-03-31T07:00:00.000Z',
      '2025-04-01T07:00:00.000Z',
    ]);
    // 02:30 does not exist on 2025-03-30 in Paris: AWS skips that day.
    expect(slots('night')).toEqual([
      '2025-03-29T01:30:00.000Z',
      '2025-03-31T00:30:00.000Z',
      '2025-04-01T00:30:00.000Z',
    ]);
  });

  it('fires an at() schedule days ahead exactly once and then completes', async () => {
    const { clock, fired, scheduler } = setup('2025-05-01T00:00:00Z');
    await scheduler.upsert({
      id: 'launch',
      expression: 'at(2025-05-06T09:30:00)',
      timezone: 'America/New_York',
      payload: { post: 42 },
    });
    scheduler.start();
    await advanceTo(clock, '2025-05-20T00:00:00Z');
    await scheduler.stop();
    expect(fired.map((f) => [f.id, f.slot, f.at])).toEqual([
      ['launch', '2025-05-06T13:30:00.000Z', '2025-05-06T13:30:00.000Z'],
    ]);
    const record = await scheduler.get('launch');
    expect(record?.nextFireAt).toBeUndefined();
    expect(record?.lastFiredAt).toBe(T('2025-05-06T13:30:00Z'));
  });

  it('fires a rate(1 day) schedule every 24 hours for ten days', async () => {
    const { clock, fired, scheduler } = setup('2025-03-25T06:00:00Z');
    await scheduler.upsert({ id: 'daily', expression: 'rate(1 day)', timezone: 'Europe/Paris' });
    scheduler.start();
    await advanceTo(clock, '2025-04-03T23:00:00Z');
    await scheduler.stop();
    expect(fired).toHaveLength(10);
    expect(new Set(fired.map((f) => f.slot.slice(11))).size).toBe(1); // always 06:00Z: 24 h, DST or not
  });

  describe('after downtime', () => {
    async function downtime(missedPolicy: 'fire_once' | 'skip') {
      const store = createMemoryScheduleStore();
      const { clock, fired, scheduler } = setup('2025-01-01T00:00:00Z', store);
      await scheduler.upsert({ id: 'hourly', expression: 'cron(0 * * * ? *)', missedPolicy });
      scheduler.start();
      await advanceTo(clock, '2025-01-01T02:30:00Z');
      await scheduler.stop();
      // Down from 02:30 to 07:20: the 03:00 … 07:00 slots pass with nobody running.
      await advanceTo(clock, '2025-01-01T07:20:00Z');
      const { fire, fired: firedAfter } = recordFires(clock);
      const restarted = createScheduler({ store, clock, fire, ownerId: 'test', rescanMs: 3_600_000 });
      restarted.start();
      await advanceTo(clock, '2025-01-01T09:30:00Z');
      await restarted.stop();
      return { before: fired, after: firedAfter };
    }

    it('fire_once fires once for all missed slots, as the latest, then resumes', async () => {
      const { before, after } = await downtime('fire_once');
      // Created at 00:00:00 exactly: that slot counts ("at or after now").
      expect(before.map((f) => f.slot)).toEqual([
        '2025-01-01T00:00:00.000Z',
        '2025-01-01T01:00:00.000Z',
        '2025-01-01T02:00:00.000Z',
      ]);
      expect(after.map((f) => [f.slot, f.at, f.context.missedSlots])).toEqual([
        ['2025-01-01T07:00:00.000Z', '2025-01-01T07:20:00.000Z', 4],
        ['2025-01-01T08:00:00.000Z', '2025-01-01T08:00:00.000Z', 0],
        ['2025-01-01T09:00:00.000Z', '2025-01-01T09:00:00.000Z', 0],
      ]);
    });

    it('skip fires nothing for the missed slots and resumes at the next one', async () => {
      const { after } = await downtime('skip');
      expect(after.map((f) => f.slot)).toEqual(['2025-01-01T08:00:00.000Z', '2025-01-01T09:00:00.000Z']);
    });

    it('fires a slot that is late by less than the grace period even with skip', async () => {
      const store = createMemoryScheduleStore();
      const { clock, scheduler } = setup('2025-01-01T00:00:00Z', store);
      await scheduler.upsert({ id: 's', expression: 'cron(0 1 * * ? *)', missedPolicy: 'skip' });
      await advanceTo(clock, '2025-01-01T01:00:30Z');
      const { fire, fired } = recordFires(clock);
      const late = createScheduler({ store, clock, fire, ownerId: 'test' });
      late.start();
      await advanceTo(clock, '2025-01-01T01:05:00Z');
      await late.stop();
      expect(fired.map((f) => [f.slot, f.at])).toEqual([
        ['2025-01-01T01:00:00.000Z', '2025-01-01T01:00:30.000Z'],
      ]);
    });

    it('an at() that passed while down fires late with fire_once and is dropped with skip', async () => {
      const store = createMemoryScheduleStore();
      const { clock, scheduler } = setup('2025-01-01T00:00:00Z', store);
      await scheduler.upsert({ id: 'once', expression: 'at(2025-01-01T06:00:00)' });
      await scheduler.upsert({ id: 'never', expression: 'at(2025-01-01T06:00:00)', missedPolicy: 'skip' });
      await advanceTo(clock, '2025-01-02T00:00:00Z');
      const { fire, fired } = recordFires(clock);
      const back = createScheduler({ store, clock, fire, ownerId: 'test' });
      back.start();
      await advanceTo(clock, '2025-01-02T01:00:00Z');
      await back.stop();
      expect(fired.map((f) => [f.id, f.slot])).toEqual([['once', '2025-01-01T06:00:00.000Z']]);
      expect((await store.get('never'))?.nextFireAt).toBeUndefined();
    });
  });

  it('retries a failed fire with back-off and the same idempotency key, then records success', async () => {
    const clock = createVirtualClock(T('2025-01-01T00:00:00Z'));
    const calls: { key: string; attempt: number; at: number }[] = [];
    const errors: string[] = [];
    const scheduler = createScheduler({
      store: createMemoryScheduleStore(),
      clock,
      ownerId: 'a',
      fire: async (_s, _t, ctx) => {
        calls.push({ key: ctx.idempotencyKey, attempt: ctx.attempt, at: clock.now() });
        if (calls.length < 3) throw new Error('bus unavailable');
      },
      onError: (e) => errors.push(e.kind),
    });
    await scheduler.upsert({ id: 'x', expression: 'at(2025-01-01T00:10:00)' });
    scheduler.start();
    await advanceTo(clock, '2025-01-01T01:00:00Z');
    await scheduler.stop();
    expect(calls.map((c) => [c.key, c.attempt])).toEqual([
      ['x@2025-01-01T00:10:00.000Z', 1],
      ['x@2025-01-01T00:10:00.000Z', 2],
      ['x@2025-01-01T00:10:00.000Z', 3],
    ]);
    expect(calls[1].at - calls[0].at).toBe(1000);
    expect(calls[2].at - calls[1].at).toBe(2000);
    expect(errors).toEqual(['fire_failed', 'fire_failed']);
    const record = await scheduler.get('x');
    expect(record?.inFlight).toBeUndefined();
    expect(record?.lastError).toBeUndefined();
  });

  it('gives up after the retry policy and says why', async () => {
    const clock = createVirtualClock(T('2025-01-01T00:00:00Z'));
    const events: string[] = [];
    const scheduler = createScheduler({
      store: createMemoryScheduleStore(),
      clock,
      ownerId: 'a',
      retry: { maximumRetryAttempts: 2 },
      fire: async () => {
        throw new Error('target gone');
      },
      onError: (e) => events.push(e.kind),
    });
    await scheduler.upsert({ id: 'x', expression: 'at(2025-01-01T00:10:00)' });
    scheduler.start();
    await advanceTo(clock, '2025-01-01T01:00:00Z');
    await scheduler.stop();
    expect(events).toEqual(['fire_failed', 'fire_failed', 'fire_failed', 'gave_up']);
    const record = await scheduler.get('x');
    expect(record?.inFlight).toBeUndefined();
    expect(record?.lastError).toBe('Attempt 3 failed: target gone');
  });

  it('delivers again, with the same key, a fire whose scheduler died before confirming it', async () => {
    const store = createMemoryScheduleStore();
    const clock = createVirtualClock(T('2025-01-01T00:00:00Z'));
    const seen: string[] = [];
    // Scheduler "a" claims the slot and then hangs forever (a crashed process).
    const dead = createScheduler({
      store,
      clock,
      ownerId: 'a',
      leaseMs: 60_000,
      fire: () => new Promise(() => {}),
    });
    await dead.upsert({ id: 'x', expression: 'at(2025-01-01T00:10:00)' });
    dead.start();
    await advanceTo(clock, '2025-01-01T00:10:05Z');
    expect((await store.get('x'))?.inFlight?.owner).toBe('a');
    const alive = createScheduler({
      store,
      clock,
      ownerId: 'b',
      rescanMs: 10_000,
      fire: async (_s, _t, ctx) => {
        seen.push(`${ctx.idempotencyKey} attempt ${ctx.attempt} at ${new Date(clock.now()).toISOString()}`);
      },
    });
    alive.start();
    await advanceTo(clock, '2025-01-01T00:20:00Z');
    await alive.stop();
    expect(seen).toEqual(['x@2025-01-01T00:10:00.000Z attempt 2 at 2025-01-01T00:11:00.000Z']);
    expect((await store.get('x'))?.lastFiredAt).toBe(T('2025-01-01T00:10:00Z'));
  });

  it('a restarted scheduler with the same owner id re-delivers its unconfirmed fire at once', async () => {
    const store = createMemoryScheduleStore();
    const clock = createVirtualClock(T('2025-01-01T00:00:00Z'));
    const first = createScheduler({ store, clock, ownerId: 'host-1', fire: () => new Promise(() => {}) });
    await first.upsert({ id: 'x', expression: 'at(2025-01-01T00:10:00)' });
    first.start();
    await advanceTo(clock, '2025-01-01T00:10:01Z');
    const { fire, fired } = recordFires(clock);
    const second = createScheduler({ store, clock, ownerId: 'host-1', fire });
    second.start();
    await advanceTo(clock, '2025-01-01T00:10:02Z');
    await second.stop();
    expect(fired.map((f) => [f.slot, f.context.attempt, f.at])).toEqual([
      ['2025-01-01T00:10:00.000Z', 2, '2025-01-01T00:10:01.000Z'],
    ]);
  });

  it('disabled schedules fire nothing; re-enabling starts from the next slot; removed ones are gone', async () => {
    const { clock, fired, scheduler } = setup('2025-01-01T00:00:00Z');
    await scheduler.upsert({ id: 'a', expression: 'cron(0 * * * ? *)', enabled: false });
    await scheduler.upsert({ id: 'b', expression: 'cron(0 * * * ? *)' });
    scheduler.start();
    await advanceTo(clock, '2025-01-01T02:30:00Z');
    await scheduler.upsert({ id: 'a', expression: 'cron(0 * * * ? *)', enabled: true });
    await scheduler.remove('b');
    await advanceTo(clock, '2025-01-01T04:30:00Z');
    await scheduler.stop();
    expect(fired.map((f) => `${f.id} ${f.slot.slice(11, 16)}`)).toEqual([
      'b 00:00',
      'b 01:00',
      'b 02:00',
      'a 03:00',
      'a 04:00',
    ]);
    expect(await scheduler.get('b')).toBeUndefined();
  });

  it('changing only the payload keeps the next slot; changing the expression moves it', async () => {
    const { clock, scheduler } = setup('2025-01-01T00:00:00Z');
    await scheduler.upsert({ id: 'a', expression: 'rate(1 hour)' });
    await advanceTo(clock, '2025-01-01T00:20:00Z');
    expect((await scheduler.upsert({ id: 'a', expression: 'rate(1 hour)', payload: 2 })).nextFireAt).toBe(
      T('2025-01-01T00:00:00Z'),
    );
    expect((await scheduler.upsert({ id: 'a', expression: 'cron(0 9 * * ? *)' })).nextFireAt).toBe(
      T('2025-01-01T09:00:00Z'),
    );
  });

  it('rejects bad definitions with a ValidationException naming the problem', async () => {
    const { scheduler } = setup('2025-01-01T00:00:00Z');
    await expect(scheduler.upsert({ id: 'a', expression: 'rate(1 minutes)' })).rejects.toThrow(
      /Invalid Schedule Expression rate\(1 minutes\)/,
    );
    await expect(
      scheduler.upsert({ id: 'a', expression: 'rate(5 minutes)', timezone: 'Nowhere/Land' }),
    ).rejects.toBeInstanceOf(ScheduleValidationError);
    await expect(scheduler.upsert({ id: '', expression: 'rate(5 minutes)' })).rejects.toThrow(/"id"/);
    await expect(
      scheduler.upsert({ id: 'a', expression: 'rate(5 minutes)', missedPolicy: 'all' as 'skip' }),
    ).rejects.toThrow(/missedPolicy/);
    expect(await scheduler.list()).toEqual([]);
  });

  it('honours EndDate for recurring schedules', async () => {
    const { clock, fired, scheduler } = setup('2025-01-01T00:00:00Z');
    await scheduler.upsert({ id: 'a', expression: 'rate(10 minutes)', endDate: T('2025-01-01T00:25:00Z') });
    scheduler.start();
    await advanceTo(clock, '2025-01-01T02:00:00Z');
    await scheduler.stop();
    expect(fired.map((f) => f.slot.slice(11, 16))).toEqual(['00:00', '00:10', '00:20']);
    expect((await scheduler.get('a'))?.nextFireAt).toBeUndefined();
  });
});

describe('property: stop and restart anywhere', () => {
  it('fires rate slots strictly increasing, on the grid, never twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom('fire_once' as const, 'skip' as const),
        // Alternating up/down periods, in seconds.
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 })), {
          minLength: 1,
          maxLength: 5,
        }),
        async (minutes, missedPolicy, periods) => {
          const store = createMemoryScheduleStore();
          const start = T('2025-01-01T00:00:00Z');
          const clock = createVirtualClock(start);
          const slots: number[] = [];
          const fire = async (_s: unknown, t: Date) => {
            slots.push(t.getTime());
          };
          const expression = minutes === 1 ? 'rate(1 minute)' : `rate(${minutes} minutes)`;
          let n = 0;
          for (const [up, down] of periods) {
            const scheduler = createScheduler({ store, clock, fire, ownerId: `p${n++}`, rescanMs: 600_000 });
            if (n === 1) await scheduler.upsert({ id: 'r', expression, missedPolicy });
            scheduler.start();
            await advanceTo(clock, clock.now() + up * 1000);
            await scheduler.stop();
            await advanceTo(clock, clock.now() + down * 1000);
          }
          const interval = minutes * 60_000;
          for (let i = 0; i < slots.length; i++) {
            expect((slots[i] - start) % interval).toBe(0);
            expect(slots[i]).toBeLessThanOrEqual(clock.now());
            if (i > 0) expect(slots[i]).toBeGreaterThan(slots[i - 1]);
          }
          expect(slots[0]).toBe(start);
        },
      ),
      { numRuns: 60 },
    );
  });
});
