import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SeenStore } from '@flowdeck/engine';
import { keys, padNumber } from './keys.ts';
import { mapLimit } from './map-limit.ts';
import { closable, type DynamoTableOptions, openTable } from './options.ts';
import { deleteKeys, queryCount, queryUpTo } from './query.ts';
import { INDEX } from './table.ts';

export type DynamoSeenStoreOptions = DynamoTableOptions;

/** Sort keys hold at most 1024 bytes: longer item keys (long URLs) are stored under their hash. */
const MAX_PLAIN_KEY_BYTES = 900;

/**
 * The polling SeenStore on the shared table: partition `POLL#<id>` holds a `STATE` item (the seq
 * counter; its existence = "polled before") and one `SEEN#…` item per key with the seq it was
 * last seen at, also in GSI4 (`SEEN#<id>`, seq) for trimming the oldest. Each key is marked by
 * one UpdateItem that returns the old value, so of two pollers racing on the same id exactly one
 * gets a key as fresh. Trim deletes are conditional on the seq still being the one read, so a
 * stale index never deletes a key that was just seen again.
 */
export function createDynamoSeenStore(options: DynamoSeenStoreOptions): SeenStore {
  const table = openTable(options, 'createDynamoSeenStore');
  const state = closable('seen store');
  const partition = (pollerId: string) => keys.pollState(pollerId).PK;
  const seenKey = (pollerId: string, key: string) => ({
    PK: partition(pollerId),
    SK:
      Buffer.byteLength(key) > MAX_PLAIN_KEY_BYTES
        ? `SEEN#H#${createHash('sha256').update(key).digest('hex')}`
        : `SEEN#K#${key}`,
  });
  const count = (pollerId: string) =>
    queryCount(table, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :seen)',
      ExpressionAttributeValues: { ':pk': partition(pollerId), ':seen': 'SEEN#' },
      ConsistentRead: true,
    });

  async function trim(pollerId: string, bound: number): Promise<void> {
    const excess = (await count(pollerId)) - bound;
    if (excess <= 0) return;
    const oldest = await queryUpTo(
      table,
      {
        IndexName: INDEX.gsi4,
        KeyConditionExpression: 'GSI4PK = :pk',
        ExpressionAttributeValues: { ':pk': `SEEN#${pollerId}` },
      },
      excess,
    );
    await mapLimit(oldest, 16, async (item) => {
      try {
        await table.doc.send(
          new DeleteCommand({
            TableName: table.tableName,
            Key: { PK: item.PK, SK: item.SK },
            ConditionExpression: 'GSI4SK = :seq',
            ExpressionAttributeValues: { ':seq': item.GSI4SK },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    });
  }

  return {
    async markSeen(pollerId, itemKeys, maxSeen) {
      state.check();
      const unique = [...new Set(itemKeys)];
      // Reserve seqs first; the STATE item not existing before means this is the first poll.
      const reserved = await table.doc.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: keys.pollState(pollerId),
          UpdateExpression: 'ADD nextSeq :n',
          ExpressionAttributeValues: { ':n': unique.length },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      const firstPoll = reserved.Attributes === undefined;
      const base = (reserved.Attributes?.nextSeq as number | undefined) ?? 0;
      const wasNew = await mapLimit(
        unique.map((key, i) => ({ key, seq: base + i + 1 })),
        16,
        async ({ key, seq }) => {
          const out = await table.doc.send(
            new UpdateCommand({
              TableName: table.tableName,
              Key: seenKey(pollerId, key),
              UpdateExpression: 'SET itemKey = :key, GSI4PK = :index, GSI4SK = :seq',
              ExpressionAttributeValues: {
                ':key': key,
                ':index': `SEEN#${pollerId}`,
                ':seq': padNumber(seq, 'seen seq'),
              },
              ReturnValues: 'UPDATED_OLD',
            }),
          );
          return out.Attributes === undefined;
        },
      );
      await trim(pollerId, Math.max(1, maxSeen, unique.length));
      return { fresh: unique.filter((_, i) => wasNew[i]), firstPoll };
    },
    async forget(pollerId) {
      state.check();
      const all = await queryUpTo(table, {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': partition(pollerId) },
        ProjectionExpression: 'PK, SK',
        ConsistentRead: true,
      });
      await deleteKeys(table, all as { PK: string; SK: string }[]);
    },
    async count(pollerId) {
      state.check();
      return count(pollerId);
    },
    async close() {
      state.close();
    },
  };
}
