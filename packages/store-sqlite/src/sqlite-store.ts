import type Database from 'better-sqlite3';
import type {
  ExecutionRecord,
  ExecutionStatus,
  HistoryEvent,
  Page,
  Store,
  StoreChanges,
  TaskTokenRecord,
  ThreadRecord,
} from '@flowdeck/engine';
import { runningDeleteError } from '@flowdeck/engine';
import { openConnection, type SqliteConnectionOptions } from './connection.ts';
import { createSqlWriter, type SqlCommit } from './writer/sql-writer.ts';
import { decodePageToken, encodePageToken, pageSize } from './page-token.ts';
import { definitionHash, migrate } from './schema.ts';

/**
 * A file, or a connection shared with the caller: then the store's tables live beside the
 * caller's, `write` puts the caller's rows into the store's group commit, and `close()` only
 * applies what is queued.
 */
export type SqliteStoreOptions = SqliteConnectionOptions & {
  /**
   * Statements to commit with an execution's end (the commit whose record leaves RUNNING), in the
   * same transaction: the caller's own rows about that execution end exactly when it does.
   */
  onExecutionEnd?: (execution: ExecutionRecord) => SqlCommit;
};

/** The Store, plus a way to land other rows of the same database in its group commits. */
export interface SqliteStore extends Store {
  /**
   * Applies `commit`'s statements inside the next group commit's transaction (with the engine's
   * commits of the same event-loop turn) and resolves once that transaction has committed. If a
   * statement fails, the commit is rolled back alone and the promise rejects with its error.
   */
  write(commit: SqlCommit): Promise<void>;
}

interface ExecutionRow {
  seq: number;
  execution_arn: string;
  state_machine_arn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  start_date: number;
  stop_date: number | null;
  definition_id: number;
}

interface EventRow {
  id: number;
  previous_event_id: number;
  timestamp: number;
  type: string;
  details: string;
}

/**
 * The embedded, durable Store: one SQLite file in WAL mode with synchronous=NORMAL, which survives
 * a process crash (SIGKILL) with every acknowledged commit intact. Commits made in the same
 * event-loop turn share one transaction (group commit); each is still all-or-nothing.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const { db, borrowed } = openConnection(options);
  migrate(db);

  // The SQL of every write; statements are built here and applied by the writer (writer/).
  const sql = {
    stateMachine: `INSERT INTO state_machines (state_machine_arn, name, definition, type, creation_date)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (state_machine_arn) DO UPDATE SET name = excluded.name,
         definition = excluded.definition, type = excluded.type, creation_date = excluded.creation_date`,
    // An upsert sets only what changes during a run, so the ARN, machine and date indexes are not
    // rewritten at every transition; `executionIdentity` covers the rare record that moves.
    execution: `INSERT INTO executions (execution_arn, state_machine_arn, name, status, input, output, error, cause,
         start_date, stop_date, definition_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM definitions WHERE hash = ?))
       ON CONFLICT (execution_arn) DO UPDATE SET name = excluded.name, status = excluded.status,
         input = excluded.input, output = excluded.output, error = excluded.error, cause = excluded.cause,
         stop_date = excluded.stop_date, definition_id = excluded.definition_id`,
    executionIdentity: `UPDATE executions SET state_machine_arn = ?, start_date = ?
       WHERE execution_arn = ? AND (state_machine_arn != ? OR start_date != ?)`,
    definition: 'INSERT INTO definitions (hash, text) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING',
    event: `INSERT INTO history_events (execution_seq, id, previous_event_id, timestamp, type, details)
       VALUES ((SELECT seq FROM executions WHERE execution_arn = ?), ?, ?, ?, ?, ?)`,
    thread: `INSERT INTO threads (execution_seq, thread_id, state)
       VALUES ((SELECT seq FROM executions WHERE execution_arn = ?), ?, ?)
       ON CONFLICT (execution_seq, thread_id) DO UPDATE SET state = excluded.state`,
    deleteThread: `DELETE FROM threads WHERE execution_seq = (SELECT seq FROM executions WHERE execution_arn = ?)
         AND thread_id = ?`,
    taskToken: `INSERT INTO task_tokens (task_token, execution_arn, thread_id) VALUES (?, ?, ?)
       ON CONFLICT (task_token) DO UPDATE SET execution_arn = excluded.execution_arn,
         thread_id = excluded.thread_id`,
    deleteTaskToken: 'DELETE FROM task_tokens WHERE task_token = ?',
  };

  const read = {
    stateMachine: db.prepare('SELECT * FROM state_machines WHERE state_machine_arn = ?'),
    execution: db.prepare('SELECT * FROM executions WHERE execution_arn = ?'),
    definition: db.prepare('SELECT text FROM definitions WHERE id = ?').pluck(),
    running: db.prepare(
      `SELECT * FROM executions WHERE status = 'RUNNING' ORDER BY start_date, execution_arn`,
    ),
    threads: db.prepare(
      `SELECT thread_id, state FROM threads
       WHERE execution_seq = (SELECT seq FROM executions WHERE execution_arn = ?) ORDER BY thread_id`,
    ),
    taskToken: db.prepare('SELECT * FROM task_tokens WHERE task_token = ?'),
    ...historyReads(db),
  };

  // Definitions are immutable and keyed by content. `stored` holds the hash of each definition
  // text known to be committed (its insert is skipped); `texts` caches reads by id.
  const stored = new Map<string, string>();
  const texts = new Map<number, string>();
  function definitionText(id: number): string {
    let text = texts.get(id);
    if (text === undefined) {
      text = read.definition.get(id) as string;
      if (texts.size >= 1000) texts.clear();
      texts.set(id, text);
    }
    return text;
  }
  const toExecution = (row: ExecutionRow) => executionRecord(row, definitionText(row.definition_id));

  // listExecutions has four filter shapes × first/next page; each SQL text is prepared once.
  const listStatements = new Map<string, Database.Statement>();
  function listStatement(byMachine: boolean, byStatus: boolean, after: boolean): Database.Statement {
    const where = [
      byMachine ? 'state_machine_arn = @stateMachineArn' : '',
      byStatus ? 'status = @status' : '',
      // Newest first, ties by ARN ascending: "after (d, arn)" = older, or same date and larger ARN.
      after ? 'start_date <= @startDate AND (start_date < @startDate OR execution_arn > @executionArn)' : '',
    ].filter(Boolean);
    const sql = `SELECT * FROM executions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY start_date DESC, execution_arn LIMIT @limit`;
    let statement = listStatements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      listStatements.set(sql, statement);
    }
    return statement;
  }

  /** The statements of one commit, and the definitions it stores. */
  function statements(changes: StoreChanges): { commit: SqlCommit; definitions: [string, string][] } {
    const commit: SqlCommit = [];
    const definitions: [string, string][] = [];
    // Executions first: history, threads and task tokens reference them.
    for (const sm of changes.stateMachines ?? []) {
      commit.push([sql.stateMachine, [sm.stateMachineArn, sm.name, sm.definition, sm.type, sm.creationDate]]);
    }
    for (const ex of changes.executions ?? []) {
      let hash = stored.get(ex.definition);
      if (hash === undefined) {
        hash = definitionHash(ex.definition);
        commit.push([sql.definition, [hash, ex.definition]]);
        definitions.push([ex.definition, hash]);
      }
      commit.push([
        sql.execution,
        [
          ex.executionArn,
          ex.stateMachineArn,
          ex.name,
          ex.status,
          ex.input,
          ex.output ?? null,
          ex.error ?? null,
          ex.cause ?? null,
          ex.startDate,
          ex.stopDate ?? null,
          hash,
        ],
      ]);
      // Writes nothing unless an update moved the machine or date (an indexed read otherwise).
      commit.push([
        sql.executionIdentity,
        [ex.stateMachineArn, ex.startDate, ex.executionArn, ex.stateMachineArn, ex.startDate],
      ]);
      if (ex.status !== 'RUNNING' && options.onExecutionEnd) commit.push(...options.onExecutionEnd(ex));
    }
    for (const { executionArn, events } of changes.history ?? []) {
      for (const { id, previousEventId, timestamp, type, ...details } of events) {
        commit.push([
          sql.event,
          [executionArn, id, previousEventId, timestamp, type, toJson(details, `history event ${id}`)],
        ]);
      }
    }
    for (const t of changes.threads ?? []) {
      commit.push([sql.thread, [t.executionArn, t.threadId, toJson(t.state, `thread ${t.threadId}`)]]);
    }
    for (const d of changes.deleteThreads ?? [])
      commit.push([sql.deleteThread, [d.executionArn, d.threadId]]);
    for (const t of changes.taskTokens ?? []) {
      commit.push([sql.taskToken, [t.taskToken, t.executionArn, t.threadId]]);
    }
    for (const token of changes.deleteTaskTokens ?? []) commit.push([sql.deleteTaskToken, [token]]);
    return { commit, definitions };
  }

  const writer = createSqlWriter({ db, busyTimeoutMs: options.busyTimeoutMs ?? 5000 });

  let closed = false;

  return {
    async commit(changes) {
      if (closed) throw new Error('The SQLite store is closed.');
      const { commit, definitions } = statements(changes); // throws for values with no JSON form
      try {
        await writer.submit(commit);
      } catch (error) {
        throw commitError(error);
      }
      for (const [text, hash] of definitions) {
        if (stored.size >= 1000) stored.clear();
        stored.set(text, hash);
      }
    },
    write(commit) {
      if (closed) return Promise.reject(new Error('The SQLite store is closed.'));
      return writer.submit(commit);
    },
    async getStateMachine(arn) {
      const row = read.stateMachine.get(arn) as
        | {
            state_machine_arn: string;
            name: string;
            definition: string;
            type: 'STANDARD';
            creation_date: number;
          }
        | undefined;
      return (
        row && {
          stateMachineArn: row.state_machine_arn,
          name: row.name,
          definition: row.definition,
          type: row.type,
          creationDate: row.creation_date,
        }
      );
    },
    async getExecution(arn) {
      const row = read.execution.get(arn) as ExecutionRow | undefined;
      return row && toExecution(row);
    },
    async listExecutions(query): Promise<Page<ExecutionRecord>> {
      const limit = pageSize(query.maxResults);
      const after = query.nextToken ? decodePageToken(query.nextToken, 'executions') : undefined;
      const rows = listStatement(!!query.stateMachineArn, !!query.status, !!after).all({
        stateMachineArn: query.stateMachineArn,
        status: query.status,
        startDate: after?.startDate,
        executionArn: after?.executionArn,
        limit: limit + 1,
      }) as ExecutionRow[];
      const items = rows.slice(0, limit).map(toExecution);
      if (rows.length <= limit) return { items };
      const last = items[items.length - 1];
      return {
        items,
        nextToken: encodePageToken({
          kind: 'executions',
          startDate: last.startDate,
          executionArn: last.executionArn,
        }),
      };
    },
    async getHistory(arn, query = {}): Promise<Page<HistoryEvent>> {
      const limit = pageSize(query.maxResults);
      const after = query.nextToken ? decodePageToken(query.nextToken, 'history') : undefined;
      const rows = (
        query.reverseOrder
          ? after
            ? read.historyBefore.all(arn, after.id, limit + 1)
            : read.historyLastFirst.all(arn, limit + 1)
          : after
            ? read.historyAfter.all(arn, after.id, limit + 1)
            : read.historyFirst.all(arn, limit + 1)
      ) as EventRow[];
      const items = rows.slice(0, limit).map(toEvent);
      if (rows.length <= limit) return { items };
      return { items, nextToken: encodePageToken({ kind: 'history', id: items[items.length - 1].id }) };
    },
    async listRunningExecutions() {
      return (read.running.all() as ExecutionRow[]).map(toExecution);
    },
    async listThreads(arn): Promise<ThreadRecord[]> {
      const rows = read.threads.all(arn) as { thread_id: string; state: string }[];
      return rows.map((r) => ({ executionArn: arn, threadId: r.thread_id, state: JSON.parse(r.state) }));
    },
    async getTaskToken(token): Promise<TaskTokenRecord | undefined> {
      const row = read.taskToken.get(token) as
        | { task_token: string; execution_arn: string; thread_id: string }
        | undefined;
      return row && { taskToken: row.task_token, executionArn: row.execution_arn, threadId: row.thread_id };
    },
    async deleteExecution(arn) {
      if (closed) throw new Error('The SQLite store is closed.');
      await writer.drain(); // commits queued before this call land first
      // History, threads and task tokens go with the row (ON DELETE CASCADE).
      const deleted = db
        .prepare(`DELETE FROM executions WHERE execution_arn = ? AND status != 'RUNNING'`)
        .run(arn);
      if (deleted.changes === 0 && db.prepare('SELECT 1 FROM executions WHERE execution_arn = ?').get(arn)) {
        throw runningDeleteError(arn);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await writer.close();
      if (!borrowed) db.close();
    },
  };
}

function historyReads(db: Database.Database) {
  const columns = 'id, previous_event_id, timestamp, type, details';
  const of = 'execution_seq = (SELECT seq FROM executions WHERE execution_arn = ?)';
  return {
    historyFirst: db.prepare(`SELECT ${columns} FROM history_events WHERE ${of} ORDER BY id LIMIT ?`),
    historyAfter: db.prepare(
      `SELECT ${columns} FROM history_events WHERE ${of} AND id > ? ORDER BY id LIMIT ?`,
    ),
    historyLastFirst: db.prepare(
      `SELECT ${columns} FROM history_events WHERE ${of} ORDER BY id DESC LIMIT ?`,
    ),
    historyBefore: db.prepare(
      `SELECT ${columns} FROM history_events WHERE ${of} AND id < ? ORDER BY id DESC LIMIT ?`,
    ),
  };
}

function executionRecord(row: ExecutionRow, definition: string): ExecutionRecord {
  const ex: ExecutionRecord = {
    executionArn: row.execution_arn,
    stateMachineArn: row.state_machine_arn,
    name: row.name,
    status: row.status,
    input: row.input,
    startDate: row.start_date,
    definition,
  };
  if (row.output !== null) ex.output = row.output;
  if (row.error !== null) ex.error = row.error;
  if (row.cause !== null) ex.cause = row.cause;
  if (row.stop_date !== null) ex.stopDate = row.stop_date;
  return ex;
}

function toEvent(row: EventRow): HistoryEvent {
  return {
    id: row.id,
    previousEventId: row.previous_event_id,
    timestamp: row.timestamp,
    type: row.type,
    ...JSON.parse(row.details),
  };
}

function toJson(value: unknown, what: string): string {
  try {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('it has no JSON form');
    return text;
  } catch (error) {
    throw new TypeError(`Cannot store ${what}: ${(error as Error).message}`);
  }
}

/** Names what SQLite refused in words a caller can act on. */
function commitError(error: unknown): Error {
  const message = (error as Error)?.message ?? String(error);
  // An unknown execution's history or thread finds no `seq` (NOT NULL) or fails the key check.
  if (/FOREIGN KEY|NOT NULL constraint failed: (history_events|threads)\.execution_seq/.test(message)) {
    return new Error(
      `Store commit rejected: history, threads and task tokens need their execution record (${message}).`,
      { cause: error },
    );
  }
  if (/UNIQUE constraint failed: history_events/.test(message)) {
    return new Error(
      `Store commit rejected: a history event id is already used in that execution (${message}).`,
      {
        cause: error,
      },
    );
  }
  return error instanceof Error ? error : new Error(message);
}
