import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createLocalEventBus, createVirtualClock } from '@flowdeck/engine';
import { archivedEvent, describeEventArchiveContract } from '@flowdeck/engine/event-archive-contract';
import { describe, expect, it } from 'vitest';
import { useDynamoLocal } from '../test/dynamo-local.ts';
import { createDynamoEventArchiveStore } from './event-archive-store.ts';
import { keys } from './keys.ts';
import { openTable } from './options.ts';

const local = useDynamoLocal();

describeEventArchiveContract('DynamoDB', async () =>
  createDynamoEventArchiveStore({ client: local.client(), tableName: await local.freshTable() }),
);

describe('DynamoDB event archive', () => {
  it('gives archived events a TTL of archive time + retention, on a table with TTL turned on', async () => {
    const tableName = await local.freshTable();
    const day = 86_400_000;
    const store = createDynamoEventArchiveStore({
      client: local.client(),
      tableName,
      eventRetentionMs: 7 * day,
    });
    const event = archivedEvent(1, 5000, 'default', Date.UTC(2026, 0, 1));
    await store.commit({ events: [event] });
    const [stored] = await store.listEvents({ busName: 'default', from: 0, to: 10_000 });
    const { doc } = openTable({ client: local.client(), tableName }, 'test');
    const item = await doc.send(
      new GetCommand({ TableName: tableName, Key: keys.archivedEvent('default', 5000, stored.seq) }),
    );
    expect(item.Item?.ttl).toBe((Date.UTC(2026, 0, 1) + 7 * day) / 1000);
    const ttl = await local.client().send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'ttl', TimeToLiveStatus: 'ENABLED' });
    await store.close();
  });

  it('lets a restarted bus deliver what the previous one left pending and replay its archive', async () => {
    const tableName = await local.freshTable();
    const clock = createVirtualClock(Date.UTC(2026, 2, 1));
    let up = false;
    const delivered: string[] = [];
    const makeBus = (archive: ReturnType<typeof createDynamoEventArchiveStore>) =>
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
    const archive1 = createDynamoEventArchiveStore({ client: local.client(), tableName });
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
    const archive2 = createDynamoEventArchiveStore({ client: local.client(), tableName });
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
});
