import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { event, execution } from '@flowdeck/engine/store-contract';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';
import { createSqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'flowdeck-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `nested-${n++}`, 'flowdeck.db');
const freshPathWithDir = () => {
  const path = freshPath();
  mkdirSync(dirname(path), { recursive: true });
  return path;
};

describe('SQLite store on disk', () => {
  it('keeps everything when the same file is opened again', async () => {
    const path = freshPath();
    const ex = execution('kept', {
      status: 'SUCCEEDED',
      output: '{"done":true}',
      stopDate: 1_700_000_009_000,
    });
    const sm = {
      stateMachineArn: ex.stateMachineArn,
      name: 'm',
      definition: '{}',
      type: 'STANDARD' as const,
      creationDate: 5,
    };
    const first = createSqliteStore({ path });
    await first.commit({
      stateMachines: [sm],
      executions: [ex, execution('waiting')],
      history: [
        {
          executionArn: ex.executionArn,
          events: [event(1, 'ExecutionStarted'), event(2, 'ExecutionSucceeded')],
        },
      ],
      threads: [{ executionArn: execution('waiting').executionArn, threadId: 'main', state: { timer: 123 } }],
      taskTokens: [{ taskToken: 'tok', executionArn: execution('waiting').executionArn, threadId: 'main' }],
    });
    await first.close();

    const again = createSqliteStore({ path });
    expect(await again.getStateMachine(sm.stateMachineArn)).toEqual(sm);
    expect(await again.getExecution(ex.executionArn)).toEqual(ex);
    expect((await again.getHistory(ex.executionArn)).items).toEqual([
      event(1, 'ExecutionStarted'),
      event(2, 'ExecutionSucceeded'),
    ]);
    expect((await again.listRunningExecutions()).map((e) => e.name)).toEqual(['waiting']);
    expect(await again.listThreads(execution('waiting').executionArn)).toEqual([
      { executionArn: execution('waiting').executionArn, threadId: 'main', state: { timer: 123 } },
    ]);
    expect(await again.getTaskToken('tok')).toEqual({
      taskToken: 'tok',
      executionArn: execution('waiting').executionArn,
      threadId: 'main',
    });
    await again.close();
  });

  it('opens in WAL mode with foreign keys and records its schema version', async () => {
    const path = freshPath();
    await createSqliteStore({ path }).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all();
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    db.close();
  });

  it('refuses a database written by a newer schema, saying so', async () => {
    const path = freshPath();
    await createSqliteStore({ path }).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)').run(
      SCHEMA_VERSION + 1,
      'from the future',
      0,
    );
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(/newer than this Flowdeck understands/);
  });

  it('applies commits still queued when it is closed, then refuses new ones', async () => {
    const path = freshPath();
    const store = createSqliteStore({ path });
    const pending = store.commit({ executions: [execution('late')] });
    await store.close();
    await expect(pending).resolves.toBeUndefined();
    await expect(store.commit({ executions: [execution('too-late')] })).rejects.toThrow(/closed/);
    const again = createSqliteStore({ path });
    expect((await again.getExecution(execution('late').executionArn))?.name).toBe('late');
    await again.close();
  });
});

describe('SQLite store schema upgrade', () => {
  it('moves a version-1 database to the current layout with every record intact', async () => {
    const path = freshPathWithDir();
    const v1 = new Database(path);
    v1.exec(`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,
      applied_at INTEGER NOT NULL)`);
    v1.exec(MIGRATIONS[0].sql);
    v1.prepare("INSERT INTO schema_version VALUES (1, 'v1', 0)").run();
    const done = execution('old-done', {
      status: 'SUCCEEDED',
      output: '{"v":1}',
      stopDate: 1_700_000_000_900,
    });
    const waiting = execution('old-waiting', { definition: '{"StartAt":"W"}', startDate: 1_700_000_000_100 });
    const insert = v1.prepare(
      `INSERT INTO executions (execution_arn, state_machine_arn, name, status, input, output, error, cause,
         start_date, stop_date, definition) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
    );
    for (const ex of [done, waiting])
      insert.run(
        ex.executionArn,
        ex.stateMachineArn,
        ex.name,
        ex.status,
        ex.input,
        ex.output ?? null,
        ex.startDate,
        ex.stopDate ?? null,
        ex.definition,
      );
    v1.prepare(
      `INSERT INTO history_events (execution_arn, id, previous_event_id, timestamp, type, details)
       VALUES (?, 1, 0, 1700000000001, 'ExecutionStarted', '{"executionStartedEventDetails":{"input":"{}"}}')`,
    ).run(done.executionArn);
    v1.prepare('INSERT INTO threads VALUES (?, \'main\', \'{"at":"W"}\')').run(waiting.executionArn);
    v1.prepare("INSERT INTO task_tokens VALUES ('tok', ?, 'main')").run(waiting.executionArn);
    v1.close();

    const store = createSqliteStore({ path });
    expect(await store.getExecution(done.executionArn)).toEqual(done);
    expect(await store.getExecution(waiting.executionArn)).toEqual(waiting);
    expect((await store.getHistory(done.executionArn)).items).toEqual([
      {
        id: 1,
        previousEventId: 0,
        timestamp: 1700000000001,
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: '{}' },
      },
    ]);
    expect(await store.listThreads(waiting.executionArn)).toEqual([
      { executionArn: waiting.executionArn, threadId: 'main', state: { at: 'W' } },
    ]);
    expect((await store.getTaskToken('tok'))?.executionArn).toBe(waiting.executionArn);
    expect((await store.listRunningExecutions()).map((e) => e.name)).toEqual(['old-waiting']);
    // New writes land beside the moved rows, with the same foreign keys.
    await store.commit({ history: [{ executionArn: waiting.executionArn, events: [event(1)] }] });
    await expect(
      store.commit({ history: [{ executionArn: execution('ghost').executionArn, events: [event(1)] }] }),
    ).rejects.toThrow(/need their execution record/);
    await store.close();
  });
});

describe('SQLite store on a shared connection', () => {
  it("lands the caller's rows in the same transaction as its commits, and leaves the connection open", async () => {
    const db = new Database(freshPathWithDir());
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE app_rows (name TEXT PRIMARY KEY)');
    const store = createSqliteStore({ database: db });
    const ex = execution('shared');
    const writes = [
      store.commit({ executions: [ex] }),
      store.write([['INSERT INTO app_rows VALUES (?)', ['first']]]),
      // The second statement fails (duplicate key): the whole commit, 'second' included, is undone.
      store.write([
        ['INSERT INTO app_rows VALUES (?)', ['second']],
        ['INSERT INTO app_rows VALUES (?)', ['first']],
      ]),
    ];
    const results = await Promise.allSettled(writes);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason.message).toMatch(
      /UNIQUE constraint failed: app_rows/,
    );
    expect(db.prepare('SELECT name FROM app_rows').pluck().all()).toEqual(['first']);
    expect((await store.getExecution(ex.executionArn))?.name).toBe('shared');
    await store.close();
    expect(db.open).toBe(true);
    db.close();
  });
});

describe("SQLite store: the caller's rows about an execution's end", () => {
  it('commits them in the same transaction as the end, and not before', async () => {
    const db = new Database(freshPathWithDir());
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE app_runs (execution_arn TEXT PRIMARY KEY, status TEXT NOT NULL)');
    const store = createSqliteStore({
      database: db,
      onExecutionEnd: (ex) => [
        ['UPDATE app_runs SET status = ? WHERE execution_arn = ?', [ex.status, ex.executionArn]],
      ],
    });
    const ex = execution('ends');
    db.prepare("INSERT INTO app_runs VALUES (?, 'RUNNING')").run(ex.executionArn);
    const status = () => db.prepare('SELECT status FROM app_runs').pluck().get();

    await store.commit({ executions: [ex] }); // still RUNNING: nothing of the caller's runs
    expect(status()).toBe('RUNNING');
    await store.commit({
      executions: [{ ...ex, status: 'SUCCEEDED', output: '{}', stopDate: ex.startDate + 5 }],
    });
    expect(status()).toBe('SUCCEEDED');
    await store.close();
    db.close();
  });

  it('rolls the end back with them when their statements fail', async () => {
    const db = new Database(freshPathWithDir());
    db.pragma('journal_mode = WAL');
    const store = createSqliteStore({
      database: db,
      onExecutionEnd: () => [['UPDATE no_such_table SET x = 1', []]],
    });
    const ex = execution('refused');
    await store.commit({ executions: [ex] });
    await expect(
      store.commit({ executions: [{ ...ex, status: 'FAILED', error: 'E', stopDate: ex.startDate + 1 }] }),
    ).rejects.toThrow(/no such table: no_such_table/);
    expect((await store.getExecution(ex.executionArn))?.status).toBe('RUNNING');
    await store.close();
    db.close();
  });
});

describe('SQLite store integrity', () => {
  it('rejects history, threads and tokens of an execution it does not know', async () => {
    const store = createSqliteStore({ path: freshPath() });
    const arn = execution('ghost').executionArn;
    await expect(store.commit({ history: [{ executionArn: arn, events: [event(1)] }] })).rejects.toThrow(
      /need their execution record/,
    );
    await expect(
      store.commit({ threads: [{ executionArn: arn, threadId: 'main', state: {} }] }),
    ).rejects.toThrow(/need their execution record/);
    await store.close();
  });

  it('rejects a history event id used twice in one execution, keeping the first', async () => {
    const store = createSqliteStore({ path: freshPath() });
    const ex = execution('dup');
    await store.commit({
      executions: [ex],
      history: [{ executionArn: ex.executionArn, events: [event(1, 'ExecutionStarted')] }],
    });
    await expect(
      store.commit({ history: [{ executionArn: ex.executionArn, events: [event(1, 'Other')] }] }),
    ).rejects.toThrow(/already used/);
    expect((await store.getHistory(ex.executionArn)).items).toEqual([event(1, 'ExecutionStarted')]);
    await store.close();
  });

  it('answers InvalidToken for a token it did not issue, or issued for another list', async () => {
    const store = createSqliteStore({ path: freshPath() });
    const ex = execution('p');
    await store.commit({
      executions: [ex, execution('q')],
      history: [{ executionArn: ex.executionArn, events: [event(1), event(2)] }],
    });
    const historyToken = (await store.getHistory(ex.executionArn, { maxResults: 1 })).nextToken!;
    expect(historyToken).toBeDefined();
    await expect(store.listExecutions({ nextToken: historyToken })).rejects.toMatchObject({
      name: 'InvalidToken',
    });
    await expect(store.getHistory(ex.executionArn, { nextToken: 'garbage' })).rejects.toMatchObject({
      name: 'InvalidToken',
    });
    await store.close();
  });
});
