import type Database from 'better-sqlite3';

// The event archive's tables, versioned on their own (`event_archive_schema_version`) so they can
// live in the same database file as the runtime store without touching its migrations.

export interface EventArchiveMigration {
  version: number;
  description: string;
  sql: string;
}

export const EVENT_ARCHIVE_MIGRATIONS: readonly EventArchiveMigration[] = [
  {
    version: 1,
    description: 'archived events, deliveries, event waits',
    sql: `
      -- seq orders events accepted at the same time; AUTOINCREMENT never reuses a pruned seq.
      CREATE TABLE event_archive (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        bus_name    TEXT NOT NULL,
        time        INTEGER NOT NULL,
        archived_at INTEGER NOT NULL,
        event       TEXT NOT NULL
      );
      -- replay: a time range in order; retention: everything archived before a cutoff.
      CREATE INDEX event_archive_by_time ON event_archive (bus_name, time, seq);
      CREATE INDEX event_archive_by_archived_at ON event_archive (bus_name, archived_at);

      CREATE TABLE event_deliveries (
        id              TEXT PRIMARY KEY,
        bus_name        TEXT NOT NULL,
        status          TEXT NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        record          TEXT NOT NULL
      );
      CREATE INDEX event_deliveries_by_status ON event_deliveries (bus_name, status, next_attempt_at, id);

      CREATE TABLE event_waits (
        task_token TEXT PRIMARY KEY,
        bus_name   TEXT NOT NULL,
        record     TEXT NOT NULL
      );
      CREATE INDEX event_waits_by_bus ON event_waits (bus_name);
    `,
  },
];

export const EVENT_ARCHIVE_SCHEMA_VERSION =
  EVENT_ARCHIVE_MIGRATIONS[EVENT_ARCHIVE_MIGRATIONS.length - 1].version;

/** Brings the event archive tables up to date, in one IMMEDIATE transaction. */
export function migrateEventArchive(db: Database.Database): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS event_archive_schema_version (
      version     INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at  INTEGER NOT NULL
    )`);
    const row = db.prepare('SELECT max(version) AS v FROM event_archive_schema_version').get() as {
      v: number | null;
    };
    const current = row.v ?? 0;
    if (current > EVENT_ARCHIVE_SCHEMA_VERSION) {
      throw new Error(
        `The event archive schema is version ${current}, newer than this Flowdeck understands ` +
          `(${EVENT_ARCHIVE_SCHEMA_VERSION}). Upgrade Flowdeck to open it.`,
      );
    }
    const record = db.prepare(
      'INSERT INTO event_archive_schema_version (version, description, applied_at) VALUES (?, ?, ?)',
    );
    for (const m of EVENT_ARCHIVE_MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, m.description, Date.now());
    }
  }).immediate();
}
