// Group commit: every commit submitted during one turn of the event loop is applied in a single
// SQLite transaction (one WAL append, one lock), and each caller's promise settles only after that
// transaction has committed. A commit that fails on its own is rolled back to its savepoint and
// rejects alone; the others in the batch still land.
//
// On a database file the transactions run on a writer thread with its own connection, so the
// main thread only builds statements; an in-memory database (tests) is written in place.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { type CommitErrorInfo, createBatchExecutor, type SqlCommit } from './sql-batch.mjs';

export type { SqlCommit, SqlStatement } from './sql-batch.mjs';

export interface SqlWriter {
  /** Resolves once the commit is durable; rejects alone if its statements failed. */
  submit(commit: SqlCommit): Promise<void>;
  /** Resolves once every commit submitted before the call has settled. */
  drain(): Promise<void>;
  /** Drains, then stops the writer thread (the caller closes its own connection). */
  close(): Promise<void>;
}

export interface SqlWriterOptions {
  /** The caller's connection: written in place when there is no file to hand to a thread. */
  db: Database.Database;
  busyTimeoutMs: number;
  /**
   * WAL frames (pages) past which the checkpointer waits for the writer to reset the WAL; past
   * four times as many, the writer checkpoints itself. Default 4000 (16 MB).
   */
  walRestartFrames?: number;
}

type Outcomes = (CommitErrorInfo | null)[];

interface Pending {
  commit: SqlCommit;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createSqlWriter(options: SqlWriterOptions): SqlWriter {
  const apply = options.db.memory ? inPlace(options.db) : onThread(options);
  let pending: Pending[] = [];
  let scheduled = false;
  let inFlight = false;

  function settle(batch: Pending[], outcomes: Outcomes): void {
    batch.forEach((p, i) => {
      const info = outcomes[i];
      if (info) p.reject(toError(info));
      else p.resolve();
    });
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // setImmediate runs after every promise continuation of the current turn, so commits made by
    // many executions advancing "at once" share one transaction.
    setImmediate(flush);
  }

  function flush(): void {
    scheduled = false;
    // One batch on the writer thread at a time: commits made meanwhile gather for the next one,
    // which goes as soon as it returns. Under load transactions grow (fewer WAL pages, messages
    // and commits per run); when idle nothing waits.
    if (pending.length === 0 || inFlight) return;
    const batch = pending;
    pending = [];
    const commits = batch.map((p) => p.commit);
    let result: Outcomes | Promise<Outcomes>;
    try {
      result = apply.batch(commits);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    if (Array.isArray(result)) {
      settle(batch, result);
      return;
    }
    inFlight = true;
    result
      .then(
        (outcomes) => settle(batch, outcomes),
        (error) => {
          for (const p of batch) p.reject(error);
        },
      )
      .finally(() => {
        inFlight = false;
        if (pending.length > 0) schedule();
      });
  }

  const submit = (commit: SqlCommit) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ commit, resolve, reject });
      schedule();
    });

  return {
    submit,
    // An empty commit settles after every commit submitted before it (batches land in order);
    // it fails only with the writer itself, whose failure the earlier commits already carry.
    drain: () => submit([]).catch(() => {}),
    async close() {
      await submit([]).catch(() => {});
      await apply.close();
    },
  };
}

interface Applier {
  batch(commits: SqlCommit[]): Outcomes | Promise<Outcomes>;
  close(): Promise<void>;
}

function inPlace(db: Database.Database): Applier {
  const execute = createBatchExecutor(db);
  return { batch: execute, close: async () => {} };
}

/** Checkpointer settings: a pass every 100 ms, every 10 ms while the writer is busy. */
const CHECKPOINTS = { restartFrames: 4000, idleMs: 100, busyMs: 10 };

function onThread({ db, busyTimeoutMs, walRestartFrames }: SqlWriterOptions): Applier {
  const path = db.name;
  const restartFrames = walRestartFrames ?? CHECKPOINTS.restartFrames;
  const worker = new Worker(new URL('./writer-thread.mjs', import.meta.url), {
    workerData: { path, busyTimeoutMs, backstopFrames: 4 * restartFrames },
  });
  // The thread keeps the process alive only while a batch is in flight.
  worker.unref();
  // Checkpoints belong to the checkpointer alone: this connection's own commits (the app's writes
  // on a shared connection) no longer run one on the caller's thread either.
  db.pragma('wal_autocheckpoint = 0');
  const checkpointer = new Worker(new URL('./checkpoint-thread.mjs', import.meta.url), {
    workerData: { path, busyTimeoutMs, ...CHECKPOINTS, restartFrames },
  });
  checkpointer.unref();
  // The checkpointer asks for a WAL reset; the writer does it between two batches.
  checkpointer.on('message', (message: { restart?: true }) => {
    if (message.restart && !broken && !onClosed) worker.postMessage({ restart: true });
  });
  // A checkpointer that stopped costs a growing WAL, not data: the writer goes on without it.
  checkpointer.on('error', () => {});
  const checkpointerExited = new Promise<void>((resolve) => checkpointer.once('exit', () => resolve()));
  const stopCheckpointer = () => {
    checkpointer.ref(); // or the process could end before the thread did
    checkpointer.postMessage({ close: true });
    return checkpointerExited;
  };
  const waiting = new Map<number, { resolve: (o: Outcomes) => void; reject: (e: unknown) => void }>();
  const numbers = new Map<string, number>();
  let nextId = 0;
  let broken: Error | undefined;
  let onClosed: (() => void) | undefined;

  worker.on(
    'message',
    (message: { id: number; outcomes?: Outcomes; failed?: CommitErrorInfo; closed?: true }) => {
      if (message.closed) return onClosed?.();
      const w = waiting.get(message.id);
      waiting.delete(message.id);
      if (waiting.size === 0) worker.unref();
      if (message.outcomes) w?.resolve(message.outcomes);
      else w?.reject(toError(message.failed!));
    },
  );
  const fail = (error: Error) => {
    broken = new Error(`The SQLite writer thread stopped: ${error.message}`, { cause: error });
    for (const w of waiting.values()) w.reject(broken);
    waiting.clear();
    onClosed?.();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!onClosed) fail(new Error(`exit code ${code}`));
  });

  return {
    batch(commits) {
      if (broken) throw broken;
      const texts: [number, string][] = [];
      const batch = commits.map((commit) =>
        commit.map(([sql, params]) => {
          let n = numbers.get(sql);
          if (n === undefined) {
            n = numbers.size;
            numbers.set(sql, n);
            texts.push([n, sql]);
          }
          return [n, params] as const;
        }),
      );
      const id = nextId++;
      if (waiting.size === 0) worker.ref();
      return new Promise<Outcomes>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage(texts.length ? { id, texts, batch } : { id, batch });
      });
    },
    async close() {
      if (!broken) {
        await new Promise<void>((resolve) => {
          onClosed = resolve;
          worker.ref();
          worker.postMessage({ close: true });
        });
      }
      await stopCheckpointer();
    },
  };
}

function toError(info: CommitErrorInfo): Error {
  const error = new Error(info.message) as Error & { code?: string };
  if (info.code) error.code = info.code;
  return error;
}
