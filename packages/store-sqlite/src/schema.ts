import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

// The schema grows by appending migrations; a database remembers which ones it has in
// `schema_version`. Never edit a migration that has shipped: add the next one.

export interface Migration {
  version: number;
  description: string;
  sql: string;
  /** Runs after `sql`, in the same transaction (for steps SQL cannot express). */
  apply?: (db: Database.Database) => void;
}

/** How a definition text is keyed in `definitions`. */
export function definitionHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
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
  {
    version: 2,
    description: 'integer execution keys, shared definitions (fewer pages written per commit)',
    // Why: every commit appends each page it touched to the WAL, and that is what a run costs.
    // Keyed by the execution's ARN (random text), each transition touched a random page of every
    // index; keyed by `seq` (insertion order), recent executions' history, threads and rows share
    // the same few tail pages, so a group commit of many runs writes few pages. The definition
    // (kilobytes, the same for every execution of a version) is stored once.
    // Rebuild: new tables, copy, drop the old ones, rename (SQLite rewrites the children's
    // foreign keys to the renamed tables).
    sql: `
      CREATE TABLE definitions (
        id   INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,   -- sha256 of text, hex
        text TEXT NOT NULL
      );

      CREATE TABLE executions_v2 (
        seq               INTEGER PRIMARY KEY,
        execution_arn     TEXT NOT NULL UNIQUE,
        state_machine_arn TEXT NOT NULL,
        name              TEXT NOT NULL,
        status            TEXT NOT NULL,
        input             TEXT NOT NULL,
        output            TEXT,
        error             TEXT,
        cause             TEXT,
        start_date        INTEGER NOT NULL,
        stop_date         INTEGER,
        definition_id     INTEGER NOT NULL REFERENCES definitions (id)
      );

      CREATE TABLE history_events_v2 (
        execution_seq     INTEGER NOT NULL REFERENCES executions_v2 (seq) ON DELETE CASCADE,
        id                INTEGER NOT NULL,
        previous_event_id INTEGER NOT NULL,
        timestamp         INTEGER NOT NULL,
        type              TEXT NOT NULL,
        details           TEXT NOT NULL,
        PRIMARY KEY (execution_seq, id)
      ) WITHOUT ROWID;

      CREATE TABLE threads_v2 (
        execution_seq INTEGER NOT NULL REFERENCES executions_v2 (seq) ON DELETE CASCADE,
        thread_id     TEXT NOT NULL,
        state         TEXT NOT NULL,
        PRIMARY KEY (execution_seq, thread_id)
      ) WITHOUT ROWID;

      CREATE TABLE task_tokens_v2 (
        task_token    TEXT PRIMARY KEY,
        execution_arn TEXT NOT NULL REFERENCES executions_v2 (execution_arn) ON DELETE CASCADE,
        thread_id     TEXT NOT NULL
      );
    `,
    apply(db) {
      // SQLite has no sha256: the distinct definitions are hashed here.
      const add = db.prepare('INSERT OR IGNORE INTO definitions (hash, text) VALUES (?, ?)');
      for (const text of db.prepare('SELECT DISTINCT definition FROM executions').pluck().all())
        add.run(definitionHash(text as string), text);
      db.exec(`
        INSERT INTO executions_v2 (execution_arn, state_machine_arn, name, status, input, output, error,
            cause, start_date, stop_date, definition_id)
          SELECT e.execution_arn, e.state_machine_arn, e.name, e.status, e.input, e.output, e.error,
            e.cause, e.start_date, e.stop_date, d.id
          FROM executions e JOIN definitions d ON d.text = e.definition
          ORDER BY e.start_date, e.rowid;
        INSERT INTO history_events_v2
          SELECT x.seq, h.id, h.previous_event_id, h.timestamp, h.type, h.details
          FROM history_events h JOIN executions_v2 x ON x.execution_arn = h.execution_arn;
        INSERT INTO threads_v2
          SELECT x.seq, t.thread_id, t.state
          FROM threads t JOIN executions_v2 x ON x.execution_arn = t.execution_arn;
        INSERT INTO task_tokens_v2 SELECT task_token, execution_arn, thread_id FROM task_tokens;

        DROP TABLE task_tokens;
        DROP TABLE threads;
        DROP TABLE history_events;
        DROP TABLE executions;
        ALTER TABLE executions_v2 RENAME TO executions;
        ALTER TABLE history_events_v2 RENAME TO history_events;
        ALTER TABLE threads_v2 RENAME TO threads;
        ALTER TABLE task_tokens_v2 RENAME TO task_tokens;

        -- listExecutions: newest first, ties by ARN, optionally per machine and/or status.
        CREATE INDEX executions_by_start ON executions (start_date DESC, execution_arn);
        CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_date DESC, execution_arn);
        CREATE INDEX executions_by_status ON executions (status, start_date DESC, execution_arn);
        CREATE INDEX task_tokens_by_execution ON task_tokens (execution_arn);
      `);
    },
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
      m.apply?.(db);
      record.run(m.version, m.description, Date.now());
    }
  }).immediate();
}
