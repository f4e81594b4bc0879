import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dueAt, type ScheduleRecord, type ScheduleStore, type ScheduleWrite } from '@flowdeck/engine';
import { itemTooLarge, LIMITS } from './errors.ts';
import { itemSize } from './item-size.ts';
import { toJson } from './json.ts';
import { indexKeys, keys, timeKey } from './keys.ts';
import { closable, type DynamoTableOptions, openTable } from './options.ts';
import { queryUpTo } from './query.ts';
import { INDEX } from './table.ts';

export type DynamoScheduleStoreOptions = DynamoTableOptions;

/**
 * The engine's ScheduleStore on the shared table. Every schedule is one item in the `SCHEDULES`
 * partition (strongly consistent get/list); while it has a due time it also sits in GSI1's
 * `SCHEDULES_DUE` partition sorted by that time. Each write of a compareAndSet batch is its own
 * conditional Put on `version` (a compare-and-set DynamoDB checks atomically), so two schedulers
 * claiming the same slot get exactly one winner. listDue reads the GSI, which may lag on AWS: a
 * stale record's claim then simply loses its compare-and-set.
 */
export function createDynamoScheduleStore(options: DynamoScheduleStoreOptions): ScheduleStore {
  const table = openTable(options, 'createDynamoScheduleStore');
  const state = closable('schedule store');

  /** The item a write puts; throws (before anything is sent) on a record the table cannot hold. */
  function itemOf({ record, expectedVersion }: ScheduleWrite): Record<string, unknown> {
    const { version: _, ...rest } = record;
    const due = dueAt(record);
    const item = {
      ...keys.schedule(record.id),
      type: 'schedule',
      id: record.id,
      version: expectedVersion + 1,
      dueAt: due,
      record: toJson(rest, `schedule ${record.id}`),
      ...(due === undefined
        ? {}
        : {
            GSI1PK: indexKeys.schedulesDue,
            GSI1SK: `${timeKey(due, `due time of ${record.id}`)}#${record.id}`,
          }),
    };
    const size = itemSize(item);
    if (size > LIMITS.itemBytes) throw itemTooLarge(`schedule ${record.id}`, size);
    return item;
  }

  async function put(item: Record<string, unknown>, expectedVersion: number): Promise<boolean> {
    try {
      await table.doc.send(
        new PutCommand({
          TableName: table.tableName,
          Item: item,
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  return {
    async get(id) {
      state.check();
      const out = await table.doc.send(
        new GetCommand({ TableName: table.tableName, Key: keys.schedule(id), ConsistentRead: true }),
      );
      return out.Item && toRecord(out.Item);
    },
    async list() {
      state.check();
      const items = await queryUpTo(table, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.schedule('').PK, ':prefix': 'SCHEDULE#' },
        ConsistentRead: true,
      });
      return items.map(toRecord);
    },
    async compareAndSet(writes) {
      state.check();
      // Every record is encoded first: a bad one fails the call before any write lands.
      const items = writes.map(itemOf);
      return Promise.all(items.map((item, i) => put(item, writes[i].expectedVersion)));
    },
    async delete(id) {
      state.check();
      await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: keys.schedule(id) }));
    },
    async listDue(now, limit) {
      state.check();
      const max = Math.max(0, Math.trunc(limit));
      if (max === 0) return [];
      const items = await queryUpTo(
        table,
        {
          IndexName: INDEX.gsi1,
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :bound',
          ExpressionAttributeValues: {
            ':pk': indexKeys.schedulesDue,
            ':bound': timeKey(Math.floor(now) + 1, 'listDue time'),
          },
        },
        max,
      );
      return items.map(toRecord);
    },
    async nextWakeAt() {
      state.check();
      const [first] = await queryUpTo(
        table,
        {
          IndexName: INDEX.gsi1,
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': indexKeys.schedulesDue },
        },
        1,
      );
      return first?.dueAt as number | undefined;
    },
    async close() {
      state.close();
    },
  };
}

function toRecord(item: Record<string, unknown>): ScheduleRecord {
  return { ...(JSON.parse(item.record as string) as ScheduleRecord), version: item.version as number };
}
