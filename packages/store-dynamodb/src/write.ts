import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { changeSetTooLarge, itemTooLarge, LIMITS, namedError } from './errors.ts';
import { itemSize } from './item-size.ts';
import type { DynamoTable } from './options.ts';

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export type Key = { PK: string; SK: string };

/** One write of an atomic batch; `what` names it in errors. */
export type WriteOp =
  | {
      kind: 'put';
      item: Key & Record<string, unknown>;
      condition?: Condition;
      what: string;
      conflict?: string;
    }
  | { kind: 'delete'; key: Key; condition?: Condition; what: string; conflict?: string };

const keyOf = (op: WriteOp): Key => (op.kind === 'put' ? op.item : op.key);

/**
 * Applies `ops` all or nothing. A lone unconditional op is a plain Put/Delete (half the cost of
 * a transaction; repeating it is harmless). Anything else is one TransactWriteItems with a fresh
 * ClientRequestToken, so the SDK's own retry of a request that did land is answered as a success
 * instead of failing its own create-only condition. Ops on the same key collapse, the later one
 * winning, as the SQLite adapter applies them in order. More than 100 items or 4 MB is refused
 * whole, never split. Transaction conflicts with concurrent writers are retried with jittered
 * backoff.
 */
export async function writeAtomically(table: DynamoTable, ops: WriteOp[]): Promise<void> {
  const byKey = new Map<string, WriteOp>();
  for (const op of ops) {
    const { PK, SK } = keyOf(op);
    const id = `${PK}\u0000${SK}`;
    byKey.delete(id); // re-insert: keeps the order of the last write
    byKey.set(id, op);
  }
  const unique = [...byKey.values()];
  if (unique.length === 0) return;

  let total = 0;
  for (const op of unique) {
    const size = op.kind === 'put' ? itemSize(op.item) : itemSize(op.key);
    if (size > LIMITS.itemBytes) throw itemTooLarge(op.what, size);
    total += size;
  }
  if (unique.length > LIMITS.transactionItems || total > LIMITS.transactionBytes) {
    throw changeSetTooLarge(unique.length, total);
  }

  if (unique.length === 1 && !unique[0].condition) {
    const [op] = unique;
    if (op.kind === 'put') {
      await table.doc.send(new PutCommand({ TableName: table.tableName, Item: op.item }));
    } else {
      await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: op.key }));
    }
    return;
  }

  const items = unique.map((op) =>
    op.kind === 'put'
      ? { Put: { TableName: table.tableName, Item: op.item, ...conditionParams(op.condition) } }
      : { Delete: { TableName: table.tableName, Key: op.key, ...conditionParams(op.condition) } },
  );
  for (let attempt = 1; ; attempt++) {
    try {
      await table.doc.send(
        new TransactWriteCommand({ TransactItems: items, ClientRequestToken: randomUUID() }),
      );
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0) throw conditionFailed(unique[failed], error);
      const onlyConflicts =
        reasons.length > 0 && reasons.every((r) => r.Code === 'None' || r.Code === 'TransactionConflict');
      if (!onlyConflicts || attempt >= 8) throw error;
      await sleep(Math.random() * 20 * 2 ** attempt);
    }
  }
}

export function conditionParams(condition: Condition | undefined) {
  if (!condition) return {};
  return {
    ConditionExpression: condition.expression,
    ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
    ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
  };
}

function conditionFailed(op: WriteOp, cause: unknown): Error {
  return namedError(
    'ConditionalCheckFailed',
    op.conflict ?? `Store commit rejected: ${op.what} failed its condition.`,
    cause,
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `attribute_not_exists(PK)`: the put only creates. */
export const mustNotExist: Condition = { expression: 'attribute_not_exists(PK)' };
