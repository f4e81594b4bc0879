import type Database from 'better-sqlite3';

// The schema grows by appending migrations; a database remembers which ones it has in
// `schema_version`. Never edit a migration that has shipped: add the next one.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'state machines, executions, history, threads, task tokens',
    sql: `
      CREATE TABLE state_machines (
        state_machine_arn TEXT PRIMARY KEY,
        name              TEXT NOT NULL,
        definition        TEXT NOT NULL,
        type              TEXT NOT NULL,
        creation_date     INTEGER NOT NULL
      );

      -- No foreign key to state_machines: an execution pins its own definition, and
      -- runStateMachine-style runs need no registered machine.
      CREATE TABLE executions (
        execution_arn     TEXT PRIMARY KEY,
        state_machine_arn TEXT NOT NULL,
        name              TEXT NOT NULL,
        status            TEXT NOT NULL,
        input             TEXT NOT NULL,
        output            TEXT,
        error             TEXT,
        cause             TEXT,
        start_date        INTEGER NOT NULL,
        stop_date         INTEGER,
        definition        TEXT NOT NULL
      );
      -- listExecutions: newest first, ties by ARN, optionally per machine and/or status.
      CREATE INDEX executions_by_start ON executions (start_date DESC, execution_arn);
      CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_date DESC, execution_arn);
      CREATE INDEX executions_by_status ON executions (status, start_date DESC, execution_arn);

      -- One row per GetExecutionHistory event; event-specific fields are JSON text in details.
      -- Rowid tables (not WITHOUT ROWID): rows here are hundreds of bytes, beyond the ~1/20 of a
      -- page where SQLite recommends WITHOUT ROWID; appends measured faster this way.
      CREATE TABLE history_events (
        execution_arn     TEXT NOT NULL REFERENCES executions (execution_arn) ON DELETE CASCADE,
        id                INTEGER NOT NULL,
        previous_event_id INTEGER NOT NULL,
        timestamp         INTEGER NOT NULL,
        type              TEXT NOT NULL,
        details           TEXT NOT NULL,
        PRIMARY KEY (execution_arn, id)
      );

      CREATE TABLE threads (
        execution_arn TEXT NOT NULL REFERENCES executions (execution_arn) ON DELETE CASCADE,
        thread_id     TEXT NOT NULL,
        state         TEXT NOT NULL,
        PRIMARY KEY (execution_arn, thread_id)
      );

      CREATE TABLE task_tokens (
        task_token    TEXT PRIMARY KEY,
        execution_arn TEXT NOT NULL REFERENCES executions (execution_arn) ON DELETE CASCADE,
        thread_id     TEXT NOT NULL
      );
      CREATE INDEX task_tokens_by_execution ON task_tokens (execution_arn);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Brings the database up to SCHEMA_VERSION. The check and the migrations run in one IMMEDIATE
 * transaction, so two processes opening the same new file cannot both migrate it.
 */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
      version     INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at  INTEGER NOT NULL
    )`);
    const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
    const current = row.v ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `The database schema is version ${current}, newer than this Flowdeck understands ` +
          `(${SCHEMA_VERSION}). Upgrade Flowdeck to open it.`,
      );
    }
    const record = db.prepare(
      'INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)',
    );
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, m.description, Date.now());
    }
  }).immediate();
}
