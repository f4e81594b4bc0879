import type Database from 'better-sqlite3';

// The trigger tables (schedules, poll seen-sets) migrate on their own ledger,
// `component_schema_version`, one row per (component, version). The core Store's `schema_version`
// is left alone: its check "newer than this Flowdeck understands" must not see our versions, and
// a schedule store can open a data file the core Store never touched (and the other way round).

export interface ComponentMigration {
  version: number;
  description: string;
  sql: string;
}

export const SCHEDULE_MIGRATIONS: readonly ComponentMigration[] = [
  {
    version: 1,
    description: 'schedules: one row per schedule, JSON record, indexed due time',
    sql: `
      -- record: the whole ScheduleRecord as JSON (without version); due_at = dueAt(record):
      -- the end of an in-flight lease, else next_fire_at while enabled, else NULL.
      CREATE TABLE schedules (
        id       TEXT PRIMARY KEY,
        version  INTEGER NOT NULL,
        due_at   INTEGER,
        record   TEXT NOT NULL
      );
      CREATE INDEX schedules_by_due ON schedules (due_at, id) WHERE due_at IS NOT NULL;
    `,
  },
];

/**
 * Brings `component` up to its latest migration in one IMMEDIATE transaction (two processes
 * opening the same new file cannot both migrate it).
 */
export function migrateComponent(
  db: Database.Database,
  component: string,
  migrations: readonly ComponentMigration[],
): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS component_schema_version (
      component   TEXT NOT NULL,
      version     INTEGER NOT NULL,
      description TEXT NOT NULL,
      applied_at  INTEGER NOT NULL,
      PRIMARY KEY (component, version)
    )`);
    const row = db
      .prepare('SELECT max(version) AS v FROM component_schema_version WHERE component = ?')
      .get(component) as {
      v: number | null;
    };
    const current = row.v ?? 0;
    if (current > latest) {
      throw new Error(
        `The ${component} tables are at version ${current}, newer than this Flowdeck understands (${latest}). Upgrade Flowdeck to open it.`,
      );
    }
    const record = db.prepare(
      'INSERT INTO component_schema_version (component, version, description, applied_at) VALUES (?, ?, ?, ?)',
    );
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(component, m.version, m.description, Date.now());
    }
  }).immediate();
}
