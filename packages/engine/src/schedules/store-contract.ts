// The behaviour every ScheduleStore adapter must have, as a reusable vitest suite
// (`@flowdeck/engine/schedule-store-contract`), plus the scheduler test helpers.
import { describe, expect, it } from 'vitest';
import type { ScheduleRecord, ScheduleStore } from './store.ts';

export { advanceTo, type FiredSlot, recordFires } from './scheduler-testing.ts';

export function scheduleRecord(id: string, overrides: Partial<ScheduleRecord> = {}): ScheduleRecord {
  return {
    id,
    expression: 'rate(5 minutes)',
    timezone: 'UTC',
    missedPolicy: 'fire_once',
    enabled: true,
    payload: { id },
    anchor: 1_700_000_000_000,
    nextFireAt: 1_700_000_000_000,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    version: 0,
    ...overrides,
  };
}

export function scheduleStoreContract(
  name: string,
  open: () => Promise<ScheduleStore> | ScheduleStore,
): void {
  describe(`ScheduleStore contract: ${name}`, () => {
    it('creates only when absent and updates only at the expected version', async () => {
      const store = await open();
      expect(await store.compareAndSet([{ record: scheduleRecord('a'), expectedVersion: 0 }])).toEqual([
        true,
      ]);
      expect(
        await store.compareAndSet([{ record: scheduleRecord('a', { payload: 2 }), expectedVersion: 0 }]),
      ).toEqual([false]);
      const first = await store.get('a');
      expect(first?.version).toBe(1);
      expect(first?.payload).toEqual({ id: 'a' });
      expect(
        await store.compareAndSet([
          { record: { ...(first as ScheduleRecord), payload: 3 }, expectedVersion: 1 },
        ]),
      ).toEqual([true]);
      expect(
        await store.compareAndSet([
          { record: { ...(first as ScheduleRecord), payload: 4 }, expectedVersion: 1 },
        ]),
      ).toEqual([false]);
      expect(await store.get('a')).toMatchObject({ version: 2, payload: 3 });
      await store.close();
    });

    it('answers each write of a batch on its own', async () => {
      const store = await open();
      await store.compareAndSet([{ record: scheduleRecord('b'), expectedVersion: 0 }]);
      const answers = await store.compareAndSet([
        { record: scheduleRecord('a'), expectedVersion: 0 },
        { record: scheduleRecord('b'), expectedVersion: 0 },
        { record: scheduleRecord('c'), expectedVersion: 7 },
        { record: scheduleRecord('b', { payload: 'new' }), expectedVersion: 1 },
      ]);
      expect(answers).toEqual([true, false, false, true]);
      expect((await store.list()).map((r) => [r.id, r.version, r.payload])).toEqual([
        ['a', 1, { id: 'a' }],
        ['b', 2, 'new'],
      ]);
      await store.close();
    });

    it('keeps every field, including in-flight fires and absent next fire times', async () => {
      const store = await open();
      const full = scheduleRecord('x', {
        expression: 'cron(0 9 ? * MON *)',
        timezone: 'Europe/Paris',
        missedPolicy: 'skip',
        payload: { nested: [1, 'two', null] },
        startDate: 1,
        endDate: 2_000_000_000_000,
        inFlight: { scheduledTime: 5, owner: 'o', leaseUntil: 6, attempt: 2, missedSlots: 3 },
        lastFiredAt: 4,
        lastError: 'boom',
      });
      const done = scheduleRecord('y', { nextFireAt: undefined });
      await store.compareAndSet([
        { record: full, expectedVersion: 0 },
        { record: done, expectedVersion: 0 },
      ]);
      expect(await store.get('x')).toEqual({ ...full, version: 1 });
      expect(await store.get('y')).toEqual({ ...done, version: 1 });
      expect(await store.get('missing')).toBeUndefined();
      await store.close();
    });

    it('lists due work by due time: next fire while enabled, lease end while in flight', async () => {
      const store = await open();
      await store.compareAndSet(
        [
          scheduleRecord('late', { nextFireAt: 300 }),
          scheduleRecord('early', { nextFireAt: 100 }),
          scheduleRecord('off', { nextFireAt: 50, enabled: false }),
          scheduleRecord('done', { nextFireAt: undefined }),
          scheduleRecord('leased', {
            nextFireAt: 10,
            inFlight: { scheduledTime: 10, owner: 'o', leaseUntil: 200, attempt: 1, missedSlots: 0 },
          }),
          scheduleRecord('future', { nextFireAt: 10_000 }),
        ].map((record) => ({ record, expectedVersion: 0 })),
      );
      expect((await store.listDue(250, 10)).map((r) => r.id)).toEqual(['early', 'leased']);
      expect((await store.listDue(1000, 2)).map((r) => r.id)).toEqual(['early', 'leased']);
      expect((await store.listDue(1000, 10)).map((r) => r.id)).toEqual(['early', 'leased', 'late']);
      expect(await store.listDue(99, 10)).toEqual([]);
      expect(await store.nextWakeAt()).toBe(100);
      await store.delete('early');
      await store.delete('leased');
      expect(await store.nextWakeAt()).toBe(300);
      await store.close();
    });

    it('hands out copies', async () => {
      const store = await open();
      await store.compareAndSet([{ record: scheduleRecord('a'), expectedVersion: 0 }]);
      const got = (await store.get('a')) as ScheduleRecord;
      (got.payload as { id: string }).id = 'changed';
      expect((await store.get('a'))?.payload).toEqual({ id: 'a' });
      expect(await store.nextWakeAt()).toBe(1_700_000_000_000);
      await store.close();
    });
  });
}
