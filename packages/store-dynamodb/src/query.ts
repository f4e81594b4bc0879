import { BatchWriteCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DynamoTable } from './options.ts';
import { sleep } from './write.ts';

type QueryParams = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit' | 'Select'>;

/**
 * Reads up to `max` items of a query (all of them when `max` is Infinity), following
 * LastEvaluatedKey across DynamoDB's 1 MB response pages.
 */
export async function queryUpTo(
  table: DynamoTable,
  params: QueryParams,
  max = Number.POSITIVE_INFINITY,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  while (items.length < max) {
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        ...params,
        ...(Number.isFinite(max) ? { Limit: max - items.length } : {}),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
    if (!start) break;
  }
  return items;
}

/** Counts a query's matches without reading them out. */
export async function queryCount(table: DynamoTable, params: QueryParams): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        ...params,
        Select: 'COUNT',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/** Deletes keys in BatchWriteItem calls of 25, resending what DynamoDB left unprocessed. */
export async function deleteKeys(table: DynamoTable, keys: { PK: unknown; SK: unknown }[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    let requests = keys.slice(i, i + 25).map(({ PK, SK }) => ({ DeleteRequest: { Key: { PK, SK } } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      const out = await table.doc.send(
        new BatchWriteCommand({ RequestItems: { [table.tableName]: requests } }),
      );
      requests = (out.UnprocessedItems?.[table.tableName] ?? []) as typeof requests;
    }
  }
}
