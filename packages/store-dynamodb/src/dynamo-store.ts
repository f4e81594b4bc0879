import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ExecutionRecord,
  ExecutionStatus,
  HistoryEvent,
  Page,
  StateMachineRecord,
  Store,
  StoreChanges,
  TaskTokenRecord,
  ThreadRecord,
} from '@flowdeck/engine';
import { runningDeleteError } from '@flowdeck/engine';
import { invalidToken, LIMITS } from './errors.ts';
import { toJson } from './json.ts';
import { indexKeys, keys, newestFirstKey, numberRange, padNumber } from './keys.ts';
import { closable, type DynamoTableOptions, openTable } from './options.ts';
import { decodeToken, encodeToken, pageSize } from './page-token.ts';
import { deleteKeys, queryUpTo } from './query.ts';
import { INDEX } from './table.ts';
import { mustNotExist, type WriteOp, writeAtomically } from './write.ts';

export type DynamoStoreOptions = DynamoTableOptions;

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/**
 * The engine's Store on one DynamoDB table. Everything of an execution (record, history events,
 * threads) shares its partition `EXEC#<arn>`, read with strongly consistent queries; listings by
 * machine and status use the overloaded GSIs (eventually consistent on AWS). `commit` is one
 * TransactWriteItems (see write.ts): atomic, at most 100 items, history ids create-only.
 */
export function createDynamoStore(options: DynamoStoreOptions): Store {
  const table = openTable(options, 'createDynamoStore');
  const state = closable('DynamoDB store');

  async function getItem(key: { PK: string; SK: string }) {
    const out = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
    );
    return out.Item;
  }

  /** One page of executions from one index partition, after `after` (exclusive). */
  function queryExecutions(
    index: 'gsi1' | 'gsi2' | 'gsi3',
    partition: string,
    after: string | undefined,
    max: number,
  ) {
    const name = INDEX[index];
    return queryUpTo(
      table,
      {
        IndexName: name,
        KeyConditionExpression: after ? '#pk = :pk AND #sk > :after' : '#pk = :pk',
        ExpressionAttributeNames: after ? { '#pk': `${name}PK`, '#sk': `${name}SK` } : { '#pk': `${name}PK` },
        ExpressionAttributeValues: after ? { ':pk': partition, ':after': after } : { ':pk': partition },
      },
      max,
    ).then((items) =>
      items.map((item) => ({ sortKey: item[`${name}SK`] as string, record: toExecution(item) })),
    );
  }

  return {
    // The runtime keeps each commit within this many records. A task token takes two items (the
    // token and its reference in the execution's partition), so half of TransactWriteItems' 100.
    maxItemsPerCommit: Math.floor(LIMITS.transactionItems / 2),
    async commit(changes) {
      state.check();
      await writeAtomically(table, changeOps(changes));
    },
    async getStateMachine(arn) {
      state.check();
      const item = await getItem(keys.stateMachine(arn));
      return item && toStateMachine(item);
    },
    async getExecution(arn) {
      state.check();
      const item = await getItem(keys.execution(arn));
      return item && toExecution(item);
    },
    async listExecutions(query): Promise<Page<ExecutionRecord>> {
      state.check();
      const limit = pageSize(query.maxResults);
      const after = query.nextToken
        ? decodeToken(query.nextToken, 'executions', 'listExecutions')
        : undefined;
      if (after !== undefined && !/^\d{16}#/.test(after)) throw invalidToken('listExecutions');
      const { stateMachineArn: machine, status } = query;
      let rows: { sortKey: string; record: ExecutionRecord }[];
      if (machine && status) {
        rows = await queryExecutions(
          'gsi2',
          indexKeys.executionsByMachineStatus(machine, status),
          after,
          limit + 1,
        );
      } else if (machine) {
        rows = await queryExecutions('gsi1', indexKeys.executionsByMachine(machine), after, limit + 1);
      } else if (status) {
        rows = await queryExecutions('gsi3', indexKeys.executionsByStatus(status), after, limit + 1);
      } else {
        // Every execution: the five status partitions share one sort order, so a merge of their
        // first limit+1 items is the first limit+1 overall (saves a GSI that every write would pay).
        const parts = await Promise.all(
          STATUSES.map((s) => queryExecutions('gsi3', indexKeys.executionsByStatus(s), after, limit + 1)),
        );
        rows = parts
          .flat()
          .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
          .slice(0, limit + 1);
      }
      const items = rows.slice(0, limit).map((r) => r.record);
      if (rows.length <= limit) return { items };
      return { items, nextToken: encodeToken('executions', rows[limit - 1].sortKey) };
    },
    async getHistory(arn, query = {}): Promise<Page<HistoryEvent>> {
      state.check();
      const limit = pageSize(query.maxResults);
      const afterText = query.nextToken ? decodeToken(query.nextToken, 'history', 'getHistory') : undefined;
      const after = afterText === undefined ? undefined : Number(afterText);
      if (after !== undefined && !Number.isSafeInteger(after)) throw invalidToken('getHistory');
      const { low, high } = numberRange('EVENT#');
      const reverse = !!query.reverseOrder;
      if (after !== undefined && reverse && after <= 0) return { items: [] };
      const from =
        after !== undefined && !reverse ? `EVENT#${padNumber(after + 1, 'history event id')}` : low;
      const to = after !== undefined && reverse ? `EVENT#${padNumber(after - 1, 'history event id')}` : high;
      const rows = await queryUpTo(
        table,
        {
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.execution(arn).PK, ':from': from, ':to': to },
          ScanIndexForward: !reverse,
          ConsistentRead: true,
        },
        limit + 1,
      );
      const items = rows.slice(0, limit).map((item) => JSON.parse(item.event as string) as HistoryEvent);
      if (rows.length <= limit) return { items };
      return { items, nextToken: encodeToken('history', String(items[limit - 1].id)) };
    },
    async listRunningExecutions() {
      state.check();
      const rows = await queryExecutions(
        'gsi3',
        indexKeys.executionsByStatus('RUNNING'),
        undefined,
        Number.POSITIVE_INFINITY,
      );
      return rows.map((r) => r.record);
    },
    async listThreads(arn): Promise<ThreadRecord[]> {
      state.check();
      const rows = await queryUpTo(table, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :thread)',
        ExpressionAttributeValues: { ':pk': keys.execution(arn).PK, ':thread': 'THREAD#' },
        ConsistentRead: true,
      });
      return rows.map((item) => ({
        executionArn: arn,
        threadId: item.threadId as string,
        state: JSON.parse(item.state as string),
      }));
    },
    async getTaskToken(token): Promise<TaskTokenRecord | undefined> {
      state.check();
      const item = await getItem(keys.taskToken(token));
      return (
        item && {
          taskToken: item.taskToken as string,
          executionArn: item.executionArn as string,
          threadId: item.threadId as string,
        }
      );
    },
    async deleteExecution(arn) {
      state.check();
      const item = await getItem(keys.execution(arn));
      if (!item) return;
      if (item.status === 'RUNNING') throw runningDeleteError(arn);
      // More than a transaction can hold, so in an order that a retry after a crash completes:
      // the task tokens (found through their references), then the partition, the record last.
      const partition = await queryUpTo(table, {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.execution(arn).PK },
        ProjectionExpression: 'PK, SK, taskToken',
        ConsistentRead: true,
      });
      const tokens = partition.filter((i) => String(i.SK).startsWith('TOKENREF#'));
      await deleteKeys(
        table,
        tokens.map((i) => keys.taskToken(i.taskToken as string)),
      );
      await deleteKeys(
        table,
        partition.filter((i) => i.SK !== 'EXEC').map((i) => ({ PK: i.PK, SK: i.SK })),
      );
      await writeAtomically(table, [{ kind: 'delete', what: `execution ${arn}`, key: keys.execution(arn) }]);
    },
    async close() {
      state.close();
    },
  };
}

/** The change set as table writes, in the order the SQLite adapter applies them. */
function changeOps(changes: StoreChanges): WriteOp[] {
  const ops: WriteOp[] = [];
  for (const sm of changes.stateMachines ?? []) {
    ops.push({
      kind: 'put',
      what: `state machine ${sm.stateMachineArn}`,
      item: {
        ...keys.stateMachine(sm.stateMachineArn),
        type: 'stateMachine',
        stateMachineArn: sm.stateMachineArn,
        name: sm.name,
        definition: sm.definition,
        machineType: sm.type,
        creationDate: sm.creationDate,
      },
    });
  }
  for (const ex of changes.executions ?? []) ops.push(executionPut(ex));
  for (const { executionArn, events } of changes.history ?? []) {
    const ids = new Set<number>();
    for (const event of events) {
      if (ids.has(event.id)) {
        throw new Error(
          `Store commit rejected: history event id ${event.id} appears twice in one commit of ${executionArn}.`,
        );
      }
      ids.add(event.id);
      ops.push({
        kind: 'put',
        what: `history event ${event.id} of ${executionArn}`,
        conflict: `Store commit rejected: history event id ${event.id} is already used in ${executionArn}.`,
        condition: mustNotExist,
        item: {
          ...keys.historyEvent(executionArn, event.id),
          type: 'historyEvent',
          id: event.id,
          eventType: event.type,
          event: toJson(event, `history event ${event.id}`),
        },
      });
    }
  }
  for (const t of changes.threads ?? []) {
    ops.push({
      kind: 'put',
      what: `thread ${t.threadId} of ${t.executionArn}`,
      item: {
        ...keys.thread(t.executionArn, t.threadId),
        type: 'thread',
        threadId: t.threadId,
        state: toJson(t.state, `thread ${t.threadId}`),
      },
    });
  }
  for (const d of changes.deleteThreads ?? []) {
    ops.push({ kind: 'delete', what: `thread ${d.threadId}`, key: keys.thread(d.executionArn, d.threadId) });
  }
  for (const t of changes.taskTokens ?? []) {
    ops.push({
      kind: 'put',
      what: `task token of ${t.executionArn}`,
      item: { ...keys.taskToken(t.taskToken), type: 'taskToken', ...t },
    });
    // Left behind when the token is deleted (deleteTaskTokens names only the token); harmless,
    // and it goes with the execution's partition.
    ops.push({
      kind: 'put',
      what: `task token reference of ${t.executionArn}`,
      item: {
        ...keys.taskTokenRef(t.executionArn, t.taskToken),
        type: 'taskTokenRef',
        taskToken: t.taskToken,
      },
    });
  }
  for (const token of changes.deleteTaskTokens ?? []) {
    ops.push({ kind: 'delete', what: 'task token', key: keys.taskToken(token) });
  }
  return ops;
}

function executionPut(ex: ExecutionRecord): WriteOp {
  const sortKey = `${newestFirstKey(ex.startDate, `startDate of ${ex.executionArn}`)}#${ex.executionArn}`;
  return {
    kind: 'put',
    what: `execution ${ex.executionArn}`,
    // The whole record replaces the old one: fields the new record lacks disappear.
    item: {
      ...keys.execution(ex.executionArn),
      type: 'execution',
      executionArn: ex.executionArn,
      stateMachineArn: ex.stateMachineArn,
      name: ex.name,
      status: ex.status,
      input: ex.input,
      output: ex.output,
      error: ex.error,
      cause: ex.cause,
      startDate: ex.startDate,
      stopDate: ex.stopDate,
      definition: ex.definition,
      GSI1PK: indexKeys.executionsByMachine(ex.stateMachineArn),
      GSI1SK: sortKey,
      GSI2PK: indexKeys.executionsByMachineStatus(ex.stateMachineArn, ex.status),
      GSI2SK: sortKey,
      GSI3PK: indexKeys.executionsByStatus(ex.status),
      GSI3SK: sortKey,
    },
  };
}

function toExecution(item: Record<string, unknown>): ExecutionRecord {
  const ex: ExecutionRecord = {
    executionArn: item.executionArn as string,
    stateMachineArn: item.stateMachineArn as string,
    name: item.name as string,
    status: item.status as ExecutionStatus,
    input: item.input as string,
    startDate: item.startDate as number,
    definition: item.definition as string,
  };
  if (item.output !== undefined) ex.output = item.output as string;
  if (item.error !== undefined) ex.error = item.error as string;
  if (item.cause !== undefined) ex.cause = item.cause as string;
  if (item.stopDate !== undefined) ex.stopDate = item.stopDate as number;
  return ex;
}

function toStateMachine(item: Record<string, unknown>): StateMachineRecord {
  return {
    stateMachineArn: item.stateMachineArn as string,
    name: item.name as string,
    definition: item.definition as string,
    type: item.machineType as 'STANDARD',
    creationDate: item.creationDate as number,
  };
}
