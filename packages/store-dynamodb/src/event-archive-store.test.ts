import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  archivedEvent,
  describeEventArchiveContract,
  describeEventBusRestart,
} from '@flowdeck/engine/event-archive-contract';
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
});

describe('DynamoDB event archive across a restart', () => {
  describeEventBusRestart('DynamoDB', async () => {
    const tableName = await local.freshTable();
    return () => createDynamoEventArchiveStore({ client: local.client(), tableName });
  });
});
