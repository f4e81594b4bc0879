import { createScheduler, systemClock } from '@flowdeck/engine';
import { scheduleRecord, scheduleStoreContract } from '@flowdeck/engine/schedule-store-contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useDynamoLocal } from '../test/dynamo-local.ts';
import { createDynamoScheduleStore } from './schedule-store.ts';

const local = useDynamoLocal();
const open = async () =>
  createDynamoScheduleStore({ client: local.client(), tableName: await local.freshTable() });

scheduleStoreContract('DynamoDB', open);

describe('DynamoDB schedules', () => {
  it('gives a slot to exactly one of two schedulers claiming it at the same moment', async () => {
    const tableName = await local.freshTable();
    const [a, b] = [0, 1].map(() => createDynamoScheduleStore({ client: local.client(), tableName }));
    await a.compareAndSet([{ record: scheduleRecord('post', { nextFireAt: 1000 }), expectedVersion: 0 }]);
    // Any number of rounds, any number of racers per round: each round has exactly one winner.
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 6 }), async (racers) => {
        const current = (await a.get('post'))!;
        const claims = Array.from({ length: racers }, (_, i) =>
          (i % 2 ? b : a).compareAndSet([
            {
              record: {
                ...current,
                inFlight: {
                  scheduledTime: current.nextFireAt!,
                  owner: `host-${i}`,
                  leaseUntil: current.nextFireAt! + 60_000,
                  attempt: 1,
                  missedSlots: 0,
                },
              },
              expectedVersion: current.version,
            },
          ]),
        );
        const answers = (await Promise.all(claims)).map(([won]) => won);
        expect(answers.filter(Boolean)).toHaveLength(1);
        const stored = (await a.get('post'))!;
        expect(stored.version).toBe(current.version + 1);
        expect(stored.inFlight?.owner).toBe(`host-${answers.indexOf(true)}`);
      }),
      { numRuns: 8 },
    );
    await a.close();
    await b.close();
  });

  it('two schedulers with their own stores on one table fire each slot exactly once (real time)', async () => {
    const tableName = await local.freshTable();
    const stores = [0, 1].map(() => createDynamoScheduleStore({ client: local.client(), tableName }));
    const fired: string[][] = [[], []];
    const schedulers = stores.map((store, i) =>
      createScheduler({
        store,
        clock: systemClock,
        ownerId: `p${i}`,
        maxConcurrentFires: 8,
        fire: async (s, t) => {
          fired[i].push(`${s.id}@${t.toISOString()}`);
        },
      }),
    );
    // All due at one instant, well after they are written: both schedulers race for every claim.
    const start = Date.now() + 1500;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        schedulers[i % 2].upsert({ id: `r${i}`, expression: 'rate(1 hour)', startDate: start }),
      ),
    );
    for (const s of schedulers) s.start();
    await new Promise((resolve) => setTimeout(resolve, start + 1000 - Date.now()));
    await Promise.all(schedulers.map((s) => s.stop()));
    const all = [...fired[0], ...fired[1]];
    expect(new Set(all).size).toBe(all.length);
    for (let i = 0; i < 20; i++) {
      expect(all.filter((f) => f.startsWith(`r${i}@`))).toEqual([`r${i}@${new Date(start).toISOString()}`]);
    }
    for (const s of stores) await s.close();
  });

  it('refuses a payload larger than an item can hold, naming the schedule, before any write lands', async () => {
    const store = await open();
    const huge = scheduleRecord('big', { payload: 'x'.repeat(410 * 1024) });
    const batch = [
      { record: scheduleRecord('fine'), expectedVersion: 0 },
      { record: huge, expectedVersion: 0 },
    ];
    await expect(store.compareAndSet(batch)).rejects.toMatchObject({
      name: 'ItemTooLarge',
      message: expect.stringContaining('schedule big'),
    });
    expect(await store.list()).toEqual([]);
    await store.close();
  });
});
