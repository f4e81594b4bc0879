// @flowdeck/store-sqlite: the embedded, durable adapter of the engine's Store port.
export type { SqliteConnectionOptions } from './connection.ts';
export type { SqlCommit, SqlStatement } from './writer/sql-writer.ts';
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
export { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';
export { createSqliteScheduleStore, type SqliteScheduleStoreOptions } from './schedule-store.ts';
export { migrateComponent, SCHEDULE_MIGRATIONS, type ComponentMigration } from './schedule-schema.ts';
export { createSqliteEventArchiveStore, type SqliteEventArchiveOptions } from './event-archive-store.ts';
export { EVENT_ARCHIVE_MIGRATIONS, EVENT_ARCHIVE_SCHEMA_VERSION } from './event-archive-schema.ts';
export { createSqliteSeenStore, type SqliteSeenStoreOptions } from './poll-seen-store.ts';
export { POLL_MIGRATIONS } from './poll-schema.ts';
