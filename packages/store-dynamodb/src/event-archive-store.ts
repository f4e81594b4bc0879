import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ArchivedEvent,
  DeliveryRecord,
  EventArchiveChanges,
  EventArchiveStore,
  EventWaitRecord,
} from '@flowdeck/engine';
import { toJson } from './json.ts';
import { indexKeys, keys, padNumber, timeKey } from './keys.ts';
import { closable, type DynamoTableOptions, openTable } from './options.ts';
import { deleteKeys, queryCount, queryUpTo } from './query.ts';
import { INDEX, TTL_ATTRIBUTE } from './table.ts';
import { mustNotExist, type WriteOp, writeAtomically } from './write.ts';

export interface DynamoEventArchiveOptions extends DynamoTableOptions {
  /**
   * The bus's retention: archived events get a TTL of archivedAt + this, so DynamoDB removes them
   * even if no process prunes (TTL deletes lag by up to days; pruneEvents stays exact).
   */
  eventRetentionMs?: number;
}

/**
 * The EventArchiveStore on the shared table. A bus's events are one item collection `BUS#<bus>`
 * sorted by (time, seq), so replay ranges are plain strongly consistent queries; GSI4 (keys
 * only) orders them by archive time for pruning. seq comes from an atomic counter per bus,
 * reserved before the commit's transaction (a failed commit leaves a gap, never a reuse).
 * Deliveries and waits are keyed by id / task token and listed through GSI1.
 */
export function createDynamoEventArchiveStore(options: DynamoEventArchiveOptions): EventArchiveStore {
  const table = openTable(options, 'createDynamoEventArchiveStore');
  const state = closable('DynamoDB event archive store');
  const retention = options.eventRetentionMs;

  /** Reserves `count` seqs on the bus's counter; answers the first. */
  async function reserveSeqs(busName: string, count: number): Promise<number> {
    const out = await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.archiveSeq(busName),
        UpdateExpression: 'ADD nextSeq :n',
        ExpressionAttributeValues: { ':n': count },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return (out.Attributes?.nextSeq as number) - count + 1;
  }

  async function commit(changes: EventArchiveChanges): Promise<void> {
    // Everything is encoded before anything is written: a value JSON cannot hold fails alone.
    const events = (changes.events ?? []).map((e) => ({ ...e, json: toJson(e.event, 'event') }));
    const ops: WriteOp[] = [];
    for (const d of changes.deliveries ?? []) ops.push(deliveryPut(d));
    for (const id of changes.deleteDeliveries ?? []) {
      ops.push({ kind: 'delete', what: `delivery ${id}`, key: keys.delivery(id) });
    }
    for (const w of changes.waits ?? []) ops.push(waitPut(w));
    for (const token of changes.deleteWaits ?? []) {
      ops.push({ kind: 'delete', what: 'event wait', key: keys.eventWait(token) });
    }
    const byBus = new Map<string, typeof events>();
    for (const e of events) byBus.set(e.busName, [...(byBus.get(e.busName) ?? []), e]);
    for (const [busName, list] of byBus) {
      let seq = await reserveSeqs(busName, list.length);
      for (const e of list) {
        const at = seq++;
        ops.push({
          kind: 'put',
          what: `archived event ${e.event.id} on bus ${busName}`,
          condition: mustNotExist,
          item: {
            ...keys.archivedEvent(busName, e.time, at),
            type: 'archivedEvent',
            busName,
            time: e.time,
            archivedAt: e.archivedAt,
            seq: at,
            event: e.json,
            GSI4PK: indexKeys.archivedAt(busName),
            GSI4SK: `${timeKey(e.archivedAt, 'archive time')}#${padNumber(at, 'event seq')}`,
            ...(retention === undefined
              ? {}
              : { [TTL_ATTRIBUTE]: Math.ceil((e.archivedAt + retention) / 1000) }),
          },
        });
      }
    }
    await writeAtomically(table, ops);
  }

  return {
    async commit(changes) {
      state.check();
      await commit(changes);
    },
    async listEvents({ busName, from, to, after, limit = 500 }) {
      state.check();
      const start = `EVENT#${timeKey(from, 'from')}`;
      const resume = after
        ? `EVENT#${timeKey(after.time, 'after.time')}#${padNumber(after.seq + 1, 'after.seq')}`
        : start;
      const low = resume > start ? resume : start;
      // Keys at time `to` extend `EVENT#<to>` and so sort after it: the range ends before them.
      const high = `EVENT#${timeKey(to, 'to')}`;
      if (low > high || limit <= 0) return [];
      const items = await queryUpTo(
        table,
        {
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :low AND :high',
          ExpressionAttributeValues: { ':pk': keys.archiveSeq(busName).PK, ':low': low, ':high': high },
          ConsistentRead: true,
        },
        Math.trunc(limit),
      );
      return items.map(
        (item): ArchivedEvent => ({
          seq: item.seq as number,
          busName: item.busName as string,
          time: item.time as number,
          archivedAt: item.archivedAt as number,
          event: JSON.parse(item.event as string),
        }),
      );
    },
    async pruneEvents(busName, archivedBefore) {
      state.check();
      const old = await queryUpTo(table, {
        IndexName: INDEX.gsi4,
        KeyConditionExpression: 'GSI4PK = :pk AND GSI4SK < :before',
        ExpressionAttributeValues: {
          ':pk': indexKeys.archivedAt(busName),
          ':before': timeKey(archivedBefore, 'archivedBefore'),
        },
      });
      await deleteKeys(table, old as { PK: string; SK: string }[]);
      return old.length;
    },
    async countEvents(busName) {
      state.check();
      return queryCount(table, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :event)',
        ExpressionAttributeValues: { ':pk': keys.archiveSeq(busName).PK, ':event': 'EVENT#' },
        ConsistentRead: true,
      });
    },
    async listDeliveries(busName, status) {
      state.check();
      const items = await queryUpTo(table, {
        IndexName: INDEX.gsi1,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': indexKeys.deliveries(busName, status) },
      });
      return items.map((item) => JSON.parse(item.record as string) as DeliveryRecord);
    },
    async listWaits(busName) {
      state.check();
      const items = await queryUpTo(table, {
        IndexName: INDEX.gsi1,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': indexKeys.eventWaits(busName) },
      });
      return items.map((item) => JSON.parse(item.record as string) as EventWaitRecord);
    },
    async close() {
      state.close();
    },
  };
}

function deliveryPut(d: DeliveryRecord): WriteOp {
  return {
    kind: 'put',
    what: `delivery ${d.id}`,
    item: {
      ...keys.delivery(d.id),
      type: 'delivery',
      busName: d.busName,
      status: d.status,
      record: toJson(d, `delivery ${d.id}`),
      GSI1PK: indexKeys.deliveries(d.busName, d.status),
      GSI1SK: `${timeKey(d.nextAttemptAt, `nextAttemptAt of delivery ${d.id}`)}#${d.id}`,
    },
  };
}

function waitPut(w: EventWaitRecord): WriteOp {
  return {
    kind: 'put',
    what: 'event wait',
    item: {
      ...keys.eventWait(w.taskToken),
      type: 'eventWait',
      busName: w.busName,
      record: toJson(w, 'event wait'),
      GSI1PK: indexKeys.eventWaits(w.busName),
      GSI1SK: w.taskToken,
    },
  };
}
