// The writer thread: owns the store's write connection to its file and applies batches of
// commits sent by the main thread, answering each batch with per-commit outcomes once its
// transaction has committed. Moving SQLite's writes here (statements, WAL appends) frees the
// main thread, which serves requests and runs executions.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createBatchExecutor, errorInfo } from './sql-batch.mjs';

const { path, busyTimeoutMs, backstopFrames } = workerData;
const db = new Database(path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma(`busy_timeout = ${busyTimeoutMs}`);
// Checkpoints run on the checkpointer thread (checkpoint-thread.mjs). Only when writes outrun it
// (a burst between two of its passes) does a commit here checkpoint, so the WAL stays bounded.
db.pragma(`wal_autocheckpoint = ${backstopFrames}`);
const execute = createBatchExecutor(db);
/** Statement texts by the number the main thread gave them (each text is sent once). */
const texts = new Map();

parentPort.on('message', (message) => {
  if (message.close) {
    db.close();
    parentPort.postMessage({ closed: true });
    parentPort.close();
    return;
  }
  if (message.restart) {
    // Between two batches: finish the checkpointer's copy and let the next commit start the WAL
    // from its beginning (waits for readers only, not for a writer).
    try {
      db.pragma('wal_checkpoint(RESTART)');
    } catch {
      // Busy past the timeout: the checkpointer asks again after its next pass.
    }
    return;
  }
  for (const [n, sql] of message.texts ?? []) texts.set(n, sql);
  const batch = message.batch.map((commit) => commit.map(([n, params]) => [texts.get(n), params]));
  try {
    parentPort.postMessage({ id: message.id, outcomes: execute(batch) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, failed: errorInfo(error) });
  }
});
