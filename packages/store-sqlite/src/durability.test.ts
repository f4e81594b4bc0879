import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { event, execution } from '@flowdeck/engine/store-contract';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './schema.ts';
import { createSqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'flowdeck-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `nested-${n++}`, 'flowdeck.db');

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
