import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
import { createGroupCommitter } from './group-commit.ts';
import { decodePageToken, encodePageToken, pageSize } from './page-token.ts';
import { migrate } from './schema.ts';

export interface SqliteStoreOptions {
  /** Database file; its directory is created if missing. `:memory:` works for throwaway stores. */
  path: string;
  /** How long a write waits for another process holding the lock (ms). Default 5000. */
  busyTimeoutMs?: number;
}

interface ExecutionRow {
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
  definition: string;
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
export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -16000'); // 16 MB of page cache (the default is 2 MB)
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  migrate(db);

  const write = {
    stateMachine: db.prepare(
      `INSERT INTO state_machines (state_machine_arn, name, definition, type, creation_date)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (state_machine_arn) DO UPDATE SET name = excluded.name,
         definition = excluded.definition, type = excluded.type, creation_date = excluded.creation_date`,
    ),
    execution: db.prepare(
      `INSERT INTO executions (execution_arn, state_machine_arn, name, status, input, output, error, cause,
         start_date, stop_date, definition)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (execution_arn) DO UPDATE SET state_machine_arn = excluded.state_machine_arn,
         name = excluded.name, status = excluded.status, input = excluded.input, output = excluded.output,
         error = excluded.error, cause = excluded.cause, start_date = excluded.start_date,
         stop_date = excluded.stop_date, definition = excluded.definition`,
    ),
    event: db.prepare(
      `INSERT INTO history_events (execution_arn, id, previous_event_id, timestamp, type, details)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    thread: db.prepare(
      `INSERT INTO threads (execution_arn, thread_id, state) VALUES (?, ?, ?)
       ON CONFLICT (execution_arn, thread_id) DO UPDATE SET state = excluded.state`,
    ),
    deleteThread: db.prepare('DELETE FROM threads WHERE execution_arn = ? AND thread_id = ?'),
    taskToken: db.prepare(
      `INSERT INTO task_tokens (task_token, execution_arn, thread_id) VALUES (?, ?, ?)
       ON CONFLICT (task_token) DO UPDATE SET execution_arn = excluded.execution_arn,
         thread_id = excluded.thread_id`,
    ),
    deleteTaskToken: db.prepare('DELETE FROM task_tokens WHERE task_token = ?'),
  };

  const read = {
    stateMachine: db.prepare('SELECT * FROM state_machines WHERE state_machine_arn = ?'),
    execution: db.prepare('SELECT * FROM executions WHERE execution_arn = ?'),
    running: db.prepare(
      `SELECT * FROM executions WHERE status = 'RUNNING' ORDER BY start_date, execution_arn`,
    ),
    threads: db.prepare('SELECT thread_id, state FROM threads WHERE execution_arn = ? ORDER BY thread_id'),
    taskToken: db.prepare('SELECT * FROM task_tokens WHERE task_token = ?'),
    historyFirst: db.prepare(
      'SELECT id, previous_event_id, timestamp, type, details FROM history_events WHERE execution_arn = ? ORDER BY id LIMIT ?',
    ),
    historyAfter: db.prepare(
      'SELECT id, previous_event_id, timestamp, type, details FROM history_events WHERE execution_arn = ? AND id > ? ORDER BY id LIMIT ?',
    ),
    historyLastFirst: db.prepare(
      'SELECT id, previous_event_id, timestamp, type, details FROM history_events WHERE execution_arn = ? ORDER BY id DESC LIMIT ?',
    ),
    historyBefore: db.prepare(
      'SELECT id, previous_event_id, timestamp, type, details FROM history_events WHERE execution_arn = ? AND id < ? ORDER BY id DESC LIMIT ?',
    ),
  };

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

  function apply(changes: StoreChanges): void {
    // Executions first: history, threads and task tokens reference them.
    for (const sm of changes.stateMachines ?? []) {
      write.stateMachine.run(sm.stateMachineArn, sm.name, sm.definition, sm.type, sm.creationDate);
    }
    for (const ex of changes.executions ?? []) {
      write.execution.run(
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
        ex.definition,
      );
    }
    for (const { executionArn, events } of changes.history ?? []) {
      for (const { id, previousEventId, timestamp, type, ...details } of events) {
        write.event.run(
          executionArn,
          id,
          previousEventId,
          timestamp,
          type,
          toJson(details, `history event ${id}`),
        );
      }
    }
    for (const t of changes.threads ?? []) {
      write.thread.run(t.executionArn, t.threadId, toJson(t.state, `thread ${t.threadId}`));
    }
    for (const d of changes.deleteThreads ?? []) write.deleteThread.run(d.executionArn, d.threadId);
    for (const t of changes.taskTokens ?? []) write.taskToken.run(t.taskToken, t.executionArn, t.threadId);
    for (const token of changes.deleteTaskTokens ?? []) write.deleteTaskToken.run(token);
  }

  // Fast path: the whole batch in one transaction, no savepoints. If anything in it fails, the
  // transaction rolls back and the batch is replayed with each commit in its own savepoint
  // (nested better-sqlite3 transactions), so only the failing commit is rejected.
  const applyAll = db.transaction((batch: StoreChanges[]) => {
    for (const changes of batch) apply(changes);
  });
  const applyOne = db.transaction(apply);
  const applyIsolated = db.transaction((batch: StoreChanges[]) =>
    batch.map((changes) => {
      try {
        applyOne(changes);
        return undefined;
      } catch (error) {
        return commitError(error);
      }
    }),
  );
  const committer = createGroupCommitter<StoreChanges>((batch) => {
    try {
      applyAll.immediate(batch);
      return batch.map(() => undefined);
    } catch (error) {
      if (batch.length === 1) return [commitError(error)];
      return applyIsolated.immediate(batch);
    }
  });
  let closed = false;

  return {
    commit(changes) {
      if (closed) return Promise.reject(new Error('The SQLite store is closed.'));
      return committer.submit(changes);
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
    async close() {
      if (closed) return;
      closed = true;
      committer.flush();
      db.close();
    },
  };
}

function toExecution(row: ExecutionRow): ExecutionRecord {
  const ex: ExecutionRecord = {
    executionArn: row.execution_arn,
    stateMachineArn: row.state_machine_arn,
    name: row.name,
    status: row.status,
    input: row.input,
    startDate: row.start_date,
    definition: row.definition,
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
  if (/FOREIGN KEY/.test(message)) {
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
