import { dueAt, type ScheduleRecord, type ScheduleStore } from '@flowdeck/engine';
import { openConnection, type SqliteConnectionOptions } from './connection.ts';
import { migrateComponent, SCHEDULE_MIGRATIONS } from './schedule-schema.ts';

export type SqliteScheduleStoreOptions = SqliteConnectionOptions;

interface Row {
  version: number;
  record: string;
}

/**
 * The engine's ScheduleStore on SQLite (WAL). Its own connection to the data file, so it can sit
 * beside the core Store on the same file. A compareAndSet batch is one IMMEDIATE transaction: the
 * write lock is taken before any version is read, which is what makes the claim atomic across
 * processes.
 */
export function createSqliteScheduleStore(options: SqliteScheduleStoreOptions): ScheduleStore {
  const { db, borrowed } = openConnection(options);
  migrateComponent(db, 'schedules', SCHEDULE_MIGRATIONS);

  const sql = {
    get: db.prepare('SELECT version, record FROM schedules WHERE id = ?'),
    list: db.prepare('SELECT version, record FROM schedules ORDER BY id'),
    insert: db.prepare(
      'INSERT INTO schedules (id, version, due_at, record) VALUES (?, 1, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    update: db.prepare(
      'UPDATE schedules SET version = version + 1, due_at = ?, record = ? WHERE id = ? AND version = ?',
    ),
    delete: db.prepare('DELETE FROM schedules WHERE id = ?'),
    due: db.prepare('SELECT version, record FROM schedules WHERE due_at <= ? ORDER BY due_at, id LIMIT ?'),
    wake: db.prepare('SELECT min(due_at) AS at FROM schedules'),
  };

  const toRecord = (row: Row): ScheduleRecord => ({
    ...(JSON.parse(row.record) as ScheduleRecord),
    version: row.version,
  });
  const encode = (record: ScheduleRecord): string => {
    const { version: _, ...rest } = record;
    return JSON.stringify(rest);
  };

  const casBatch = db.transaction((writes: { record: ScheduleRecord; expectedVersion: number }[]) =>
    writes.map(({ record, expectedVersion }) => {
      const at = dueAt(record) ?? null;
      const result =
        expectedVersion === 0
          ? sql.insert.run(record.id, at, encode(record))
          : sql.update.run(at, encode(record), record.id, expectedVersion);
      return result.changes === 1;
    }),
  );

  let closed = false;
  const open = () => {
    if (closed) throw new Error('The schedule store is closed.');
  };

  return {
    async get(id) {
      open();
      const row = sql.get.get(id) as Row | undefined;
      return row && toRecord(row);
    },
    async list() {
      open();
      return (sql.list.all() as Row[]).map(toRecord);
    },
    async compareAndSet(writes) {
      open();
      if (writes.length === 0) return [];
      return casBatch.immediate(writes);
    },
    async delete(id) {
      open();
      sql.delete.run(id);
    },
    async listDue(now, limit) {
      open();
      return (sql.due.all(now, Math.max(0, Math.trunc(limit))) as Row[]).map(toRecord);
    },
    async nextWakeAt() {
      open();
      const { at } = sql.wake.get() as { at: number | null };
      return at ?? undefined;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!borrowed) db.close();
    },
  };
}
