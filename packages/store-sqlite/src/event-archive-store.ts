import type {
  ArchivedEvent,
  DeliveryRecord,
  EventArchiveChanges,
  EventArchiveStore,
  EventWaitRecord,
} from '@flowdeck/engine';
import { openConnection, type SqliteConnectionOptions } from './connection.ts';
import { migrateEventArchive } from './event-archive-schema.ts';
import { createBatchExecutor } from './writer/sql-batch.mjs';
import type { SqlCommit, SqlStatement } from './writer/sql-writer.ts';

/**
 * A file (which may be the runtime store's), or a shared connection. With `write` (the runtime
 * store's `SqliteStore.write`), each commit joins the store's next group commit instead of
 * paying a transaction of its own.
 */
export type SqliteEventArchiveOptions = SqliteConnectionOptions & {
  write?: (commit: SqlCommit) => Promise<void>;
};

interface EventRow {
  seq: number;
  bus_name: string;
  time: number;
  archived_at: number;
  event: string;
}

function toJson(value: unknown, what: string): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`The ${what} cannot be stored: it is not JSON.`);
  return text;
}

/**
 * The durable EventArchiveStore: SQLite in WAL mode. Events are indexed by (bus, time, seq) for
 * replay ranges and by (bus, archived_at) for retention pruning. `commit` is one transaction.
 */
export function createSqliteEventArchiveStore(options: SqliteEventArchiveOptions): EventArchiveStore {
  const { db, borrowed } = openConnection(options);
  migrateEventArchive(db);

  const write = {
    event: 'INSERT INTO event_archive (bus_name, time, archived_at, event) VALUES (?, ?, ?, ?)',
    delivery: `INSERT INTO event_deliveries (id, bus_name, status, next_attempt_at, record) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET bus_name = excluded.bus_name, status = excluded.status,
         next_attempt_at = excluded.next_attempt_at, record = excluded.record`,
    deleteDelivery: 'DELETE FROM event_deliveries WHERE id = ?',
    wait: `INSERT INTO event_waits (task_token, bus_name, record) VALUES (?, ?, ?)
       ON CONFLICT (task_token) DO UPDATE SET bus_name = excluded.bus_name, record = excluded.record`,
    deleteWait: 'DELETE FROM event_waits WHERE task_token = ?',
  };
  const sql = {
    eventsFirst: db.prepare(
      `SELECT * FROM event_archive WHERE bus_name = ? AND time >= ? AND time < ?
       ORDER BY time, seq LIMIT ?`,
    ),
    eventsAfter: db.prepare(
      `SELECT * FROM event_archive WHERE bus_name = ? AND time < ?
         AND (time > ? OR (time = ? AND seq > ?)) AND time >= ?
       ORDER BY time, seq LIMIT ?`,
    ),
    prune: db.prepare('DELETE FROM event_archive WHERE bus_name = ? AND archived_at < ?'),
    count: db.prepare('SELECT count(*) AS n FROM event_archive WHERE bus_name = ?'),
    deliveries: db.prepare(
      'SELECT record FROM event_deliveries WHERE bus_name = ? AND status = ? ORDER BY next_attempt_at, id',
    ),
    waits: db.prepare('SELECT record FROM event_waits WHERE bus_name = ? ORDER BY task_token'),
  };

  const statements = (changes: EventArchiveChanges): SqlCommit => [
    ...(changes.events ?? []).map(
      (e): SqlStatement => [write.event, [e.busName, e.time, e.archivedAt, toJson(e.event, 'event')]],
    ),
    ...(changes.deliveries ?? []).map(
      (d): SqlStatement => [
        write.delivery,
        [d.id, d.busName, d.status, d.nextAttemptAt, toJson(d, `delivery ${d.id}`)],
      ],
    ),
    ...(changes.deleteDeliveries ?? []).map((id): SqlStatement => [write.deleteDelivery, [id]]),
    ...(changes.waits ?? []).map(
      (w): SqlStatement => [write.wait, [w.taskToken, w.busName, toJson(w, 'event wait')]],
    ),
    ...(changes.deleteWaits ?? []).map((token): SqlStatement => [write.deleteWait, [token]]),
  ];
  // Without the runtime store's `write`, each commit is its own transaction on this connection.
  const execute = createBatchExecutor(db);
  const commit =
    options.write ??
    (async (statements: SqlCommit) => {
      const [failure] = execute([statements]);
      if (failure) throw new Error(failure.message);
    });

  let closed = false;
  const open = () => {
    if (closed) throw new Error('The SQLite event archive store is closed.');
  };

  return {
    async commit(changes) {
      open();
      await commit(statements(changes));
    },
    async listEvents({ busName, from, to, after, limit = 500 }) {
      open();
      const rows = (
        after
          ? sql.eventsAfter.all(busName, to, after.time, after.time, after.seq, from, limit)
          : sql.eventsFirst.all(busName, from, to, limit)
      ) as EventRow[];
      return rows.map(
        (r): ArchivedEvent => ({
          seq: r.seq,
          busName: r.bus_name,
          time: r.time,
          archivedAt: r.archived_at,
          event: JSON.parse(r.event),
        }),
      );
    },
    async pruneEvents(busName, archivedBefore) {
      open();
      return sql.prune.run(busName, archivedBefore).changes;
    },
    async countEvents(busName) {
      open();
      return (sql.count.get(busName) as { n: number }).n;
    },
    async listDeliveries(busName, status) {
      open();
      return (sql.deliveries.all(busName, status) as { record: string }[]).map(
        (r) => JSON.parse(r.record) as DeliveryRecord,
      );
    },
    async listWaits(busName) {
      open();
      return (sql.waits.all(busName) as { record: string }[]).map(
        (r) => JSON.parse(r.record) as EventWaitRecord,
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!borrowed) db.close();
    },
  };
}
